from django.db import migrations

from core.permissions import grant_to_secretariat, revoke_from_secretariat


def grant(apps, schema_editor):
    grant_to_secretariat(apps, "members")


def revoke(apps, schema_editor):
    revoke_from_secretariat(apps, "members")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_organisations_and_membership"),
        ("core", "0004_secretariat_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
