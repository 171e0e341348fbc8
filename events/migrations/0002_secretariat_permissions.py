from django.db import migrations

from core.permissions import grant_to_secretariat, revoke_from_secretariat


def grant(apps, schema_editor):
    grant_to_secretariat(apps, "events")


def revoke(apps, schema_editor):
    revoke_from_secretariat(apps, "events")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_events_projects_agreements_news"),
        ("core", "0004_secretariat_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
