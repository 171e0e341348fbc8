from django.db import migrations

from core.permissions import grant_to_secretariat, revoke_from_secretariat


def grant(apps, schema_editor):
    grant_to_secretariat(apps, "casestudies")


def revoke(apps, schema_editor):
    revoke_from_secretariat(apps, "casestudies")


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0001_case_studies_and_follow_up"),
        ("core", "0004_secretariat_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
