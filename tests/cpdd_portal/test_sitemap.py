import re

import pytest

from tests.factories import ActivityFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_pages_in_both_languages_with_alternates(client):
    organization = OrganizationFactory(slug="aphivat-strey")
    OrganizationFactory(slug="gone-away", membership_status="withdrawn")
    ActivityFactory(slug="public-forum", visibility="public")
    ActivityFactory(slug="internal-planning", visibility="internal")
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://cpdd.org.kh(/sitemap-[^<]+)</loc>", index)
    assert "/sitemap-events.xml" in sections
    xml = "".join(client.get(section).content.decode() for section in sections)
    # Addresses use the Site's domain (the canonical one), not the request's.
    assert f"http://cpdd.org.kh{organization.get_absolute_url()}" in xml
    assert "http://cpdd.org.kh/km/members/aphivat-strey/" in xml
    assert 'hreflang="km"' in xml
    assert "/events/public-forum/" in xml
    assert "internal-planning" not in xml
    assert "gone-away" not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_accounts(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /accounts/" in text
    assert "Disallow: /admin/" in text


def test_every_public_page_has_canonical_and_opengraph_tags(client):
    organization = OrganizationFactory()
    for path in ["/", "/km/about/", "/members/", organization.get_absolute_url()]:
        page = client.get(path).text
        assert '<link rel="canonical"' in page, path
        assert '<meta property="og:title"' in page, path
        assert '<meta property="og:image"' in page, path


@pytest.mark.parametrize(("limit", "pages"), [(2, 3), (4, 2), (5, 2), (6, 1)])
def test_a_long_section_is_split_into_sitemap_pages(client, monkeypatch, limit, pages):
    from events.sitemaps import ActivitySitemap

    ActivityFactory.create_batch(3)  # six addresses: three in two languages
    monkeypatch.setattr(ActivitySitemap, "limit", limit)
    index = client.get("/sitemap.xml").content.decode()
    assert f"/sitemap-events.xml?p={pages}" in index or pages == 1
    assert f"/sitemap-events.xml?p={pages + 1}" not in index
    urls = []
    for page in range(1, pages + 1):
        xml = client.get(f"/sitemap-events.xml?p={page}").content.decode()
        urls += re.findall(r"<url><loc>([^<]+)</loc>", xml)
    assert len(urls) == len(set(urls)) == 6
