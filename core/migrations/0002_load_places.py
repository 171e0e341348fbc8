from django.db import migrations
from django.utils.text import slugify

from core import gazetteer


def load_places(apps, schema_editor):
    Province = apps.get_model("core", "Province")
    District = apps.get_model("core", "District")
    Commune = apps.get_model("core", "Commune")
    provinces = Province.objects.bulk_create(
        Province(slug=slugify(row["name_en"]), **row) for row in gazetteer.provinces()
    )
    province_ids = {p.code: p.pk for p in provinces}
    districts = District.objects.bulk_create(
        District(province_id=province_ids[row.pop("province_code")], **row)
        for row in gazetteer.districts()
    )
    district_ids = {d.code: d.pk for d in districts}
    Commune.objects.bulk_create(
        (
            Commune(district_id=district_ids[row.pop("district_code")], **row)
            for row in gazetteer.communes()
        ),
        batch_size=500,
    )


def unload_places(apps, schema_editor):
    for model in ("Commune", "District", "Province"):
        apps.get_model("core", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_places_and_themes")]

    operations = [migrations.RunPython(load_places, unload_places)]
