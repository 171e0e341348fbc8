import pytest
from PIL import Image
from playwright.sync_api import expect

from core.models import Province
from members.models import Organization
from tests.factories import OrganizationFactory, RepresentativeFactory

# live_server needs a transactional database; serialized rollback restores
# what migrations loaded (places, themes, groups) after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, user, language_prefix=""):
    page.goto(f"{live_server.url}{language_prefix}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    expect(page.locator("summary")).to_be_visible()


def test_public_filters_the_directory_and_opens_a_profile(
    page, live_server, assert_accessible
):
    kampot = Province.objects.get(code="07")
    OrganizationFactory(
        name_en="Kampot Fisherfolk Network",
        name_km="បណ្តាញអ្នកនេសាទកំពត",
        acronym="KFN",
        provinces=[kampot],
    )
    OrganizationFactory(name_en="Battambang Youth", acronym="BY")
    for prefix, name in (
        ("", "Kampot Fisherfolk Network"),
        ("/km", "បណ្តាញអ្នកនេសាទកំពត"),
    ):
        page.goto(f"{live_server.url}{prefix}/members/")
        assert_accessible(page)
        page.locator("select[name=province]").select_option(str(kampot.pk))
        page.locator(".filters button[type=submit]").click()
        expect(page).to_have_url(
            f"{live_server.url}{prefix}/members/?q=&province={kampot.pk}&head_office=&theme=&kind=&working_group=&sort=name"
        )
        expect(page.locator(".org-card")).to_have_count(1)
        page.get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        assert_accessible(page)


def test_representative_edits_the_profile_with_a_logo(
    page, live_server, assert_accessible, tmp_path
):
    link = RepresentativeFactory(organization__name_en="Aphivat Strey")
    sign_in(page, live_server, link.user, "/km")
    page.locator("summary").click()
    page.locator(".account-menu a[href$='/members/mine/']").click()
    expect(page.locator("html")).to_have_attribute("lang", "km")
    expect(page.locator(".profile-gaps li")).to_have_count(3)  # what to add
    assert_accessible(page)
    page.locator(f"a[href$='/members/{link.organization.slug}/edit/']").click()

    logo = tmp_path / "logo.png"
    Image.new("RGB", (600, 400), "#7b1fa2").save(logo)
    page.locator("input[name=name_km]").fill("អភិវឌ្ឍស្ត្រី")
    page.locator("textarea[name=description_km]").fill("ការពង្រឹង**ស្ត្រី**នៅមូលដ្ឋាន")
    page.locator("input[name=logo]").set_input_files(str(logo))
    page.locator("form.stacked-form button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("អភិវឌ្ឍស្ត្រី")
    expect(page.locator("img.profile__logo")).to_be_visible()
    expect(page.locator(".prose strong")).to_have_text("ស្ត្រី")
    assert_accessible(page)
    organization = Organization.objects.get(pk=link.organization.pk)
    assert organization.logo.name.startswith("logos/")
    page.goto(f"{live_server.url}/km/members/mine/")
    expect(page.locator(".profile-gaps li")).to_have_count(1)  # a public contact

    slug = link.organization.slug
    page.locator(f".my-organization a[href$='/members/{slug}/contacts/']").click()
    page.locator("input[name=contacts-0-name]").fill("ចាន់ ស្រីមុំ")
    page.locator("select[name=contacts-0-sex]").select_option("female")
    page.locator("input[name=contacts-0-is_public]").check()
    assert_accessible(page)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".profile-gaps")).to_have_count(0)
    expect(page.locator(".contact-list")).to_contain_text("ចាន់ ស្រីមុំ")


def test_bad_logo_is_refused_with_a_message_in_khmer(page, live_server, tmp_path):
    link = RepresentativeFactory()
    sign_in(page, live_server, link.user, "/km")
    page.goto(f"{live_server.url}/km/members/{link.organization.slug}/edit/")
    fake = tmp_path / "logo.jpg"
    fake.write_bytes(b"MZ\x90\x00" + bytes(2000))
    page.locator("input[name=logo]").set_input_files(str(fake))
    page.locator("form.stacked-form button[type=submit]").click()
    error = page.locator(".field--error .errorlist").first
    expect(error).to_be_visible()
    assert any("\u1780" <= ch <= "\u17ff" for ch in error.inner_text())
    assert not Organization.objects.get(pk=link.organization.pk).logo
