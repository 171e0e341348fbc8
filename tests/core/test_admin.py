import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["province", "district", "commune", "theme"])
def test_secretariat_can_browse_places_and_themes(secretariat_client, model):
    response = secretariat_client.get(reverse(f"admin:core_{model}_changelist"))
    assert response.status_code == 200


def test_secretariat_finds_a_district_by_gazetteer_spelling(secretariat_client):
    response = secretariat_client.get(
        reverse("admin:core_district_changelist"), {"q": "Rotonak"}
    )
    assert "Ratanak Mondol" in response.text


def test_secretariat_cannot_delete_provinces(secretariat_client):
    response = secretariat_client.get(reverse("admin:core_province_delete", args=[1]))
    assert response.status_code == 403


def test_back_office_header_is_translated(secretariat_client):
    response = secretariat_client.get("/km/admin/")
    assert response.status_code == 200
    assert 'lang="km"' in response.text
