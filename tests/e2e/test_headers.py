import pytest

# live_server needs a transactional database; serialized rollback restores
# what migrations loaded (places, themes, groups) after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_chromium_reads_the_permissions_policy_without_complaint(page, live_server):
    """Chromium warns in the console about a feature it does not know or a
    header it cannot parse, and then ignores that part of the policy."""
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(live_server.url + "/")
    denied = page.evaluate(
        "['camera', 'microphone', 'geolocation', 'usb', 'payment']"
        ".filter(f => !document.featurePolicy.allowsFeature(f))"
    )
    assert denied == ["camera", "microphone", "geolocation", "usb", "payment"]
    assert page.evaluate("document.featurePolicy.allowsFeature('clipboard-write')")
    assert not [m for m in messages if "Permissions-Policy" in m or "feature" in m]
