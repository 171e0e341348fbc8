from django.db import migrations

from core.permissions import SECRETARIAT_GROUP, grant_to_secretariat

# The secretariat sees the mail queue and sends failed emails again (the
# change permission allows nothing else on it).
MAIL_PERMISSIONS = ["view_outgoingmail", "change_outgoingmail"]


def grant(apps, schema_editor):
    grant_to_secretariat(apps, "core", MAIL_PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=SECRETARIAT_GROUP):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="core", codename__in=MAIL_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0007_mail_queue_and_periodic_jobs")]

    operations = [migrations.RunPython(grant, revoke)]
