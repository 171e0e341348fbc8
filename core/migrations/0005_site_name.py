from django.db import migrations


def name_site(apps, schema_editor):
    # allauth's emails say where they come from with the Site's name and domain.
    apps.get_model("sites", "Site").objects.update_or_create(
        pk=1, defaults={"domain": "cpdd.org.kh", "name": "CPDD Portal"}
    )


def unname_site(apps, schema_editor):
    apps.get_model("sites", "Site").objects.filter(pk=1).update(
        domain="example.com", name="example.com"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_secretariat_group"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_site, unname_site)]
