"""The secretariat's group, kept up to date by each app's data migration."""

SECRETARIAT_GROUP = "Secretariat"


def grant_to_secretariat(apps, app_label, codenames=None):
    """Give the Secretariat group the model permissions of `app_label`.

    For use inside a RunPython migration. Permissions are normally created
    after migrate finishes, so they are created here first.
    """
    from django.contrib.auth.management import create_permissions

    # Migration app configs are stubs without models_module, which
    # create_permissions checks for; lend them the flag for the call.
    app_config = apps.get_app_config(app_label)
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    permissions = Permission.objects.filter(content_type__app_label=app_label)
    if codenames is not None:
        permissions = permissions.filter(codename__in=codenames)
    group.permissions.add(*permissions)


def revoke_from_secretariat(apps, app_label):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=SECRETARIAT_GROUP).first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label=app_label)
        )
