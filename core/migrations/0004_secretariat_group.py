from django.db import migrations

from core.permissions import (
    SECRETARIAT_GROUP,
    grant_to_secretariat,
    revoke_from_secretariat,
)

# Staff manage themes; places are reference data they may only read and fix.
CORE_PERMISSIONS = [
    "view_province",
    "change_province",
    "view_district",
    "change_district",
    "view_commune",
    "change_commune",
    "add_theme",
    "change_theme",
    "view_theme",
    "delete_theme",
]


def create_group(apps, schema_editor):
    grant_to_secretariat(apps, "core", CORE_PERMISSIONS)
    # Staff look up people and organisations' accounts, but do not edit logins.
    grant_to_secretariat(apps, "auth", ["view_user", "view_group"])


def delete_group(apps, schema_editor):
    revoke_from_secretariat(apps, "core")
    apps.get_model("auth", "Group").objects.filter(name=SECRETARIAT_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_starting_themes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
