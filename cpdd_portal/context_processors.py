from core.examples import site_has_examples


def examples(request):
    # A callable: templates call it only when they show the banner, and the
    # answer is cached, so most pages add no query.
    return {"site_has_examples": site_has_examples}
