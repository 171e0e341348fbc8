"""Deleting a record never silently takes it out of the records that name it.

Django deletes the rows of a many-to-many link with either end without a
word, and no history records it: a partner deleted vanished from every
activity, project and MoU that named it, and restoring the partner from its
history brought none of them back. So:

- A record that another record links to many-to-many is protected as by
  `on_delete=PROTECT`: deleting it raises ProtectedError naming the records
  that link to it, and the back-office refuses with that list and says what
  to do instead (ProtectedDeleteAdmin).
- A record's own many-to-many links go with it, and its history keeps them
  (core.history), so that restoring it from history restores them.
"""

from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _


def protect_link(collector, field, sub_objs, using):
    """The `on_delete` of a many-to-many link row's foreign key to the record
    being deleted: refuse, naming the records that link to it."""
    (source,) = (
        f for f in field.model._meta.fields if f.is_relation and f is not field
    )
    referrers = source.related_model._base_manager.filter(
        pk__in=sub_objs.values(source.attname)
    )
    raise ProtectedError(
        f"Cannot delete some instances of model '{field.related_model.__name__}' "
        f"because they are linked from '{field.model.__name__}'",
        set(referrers),
    )


def protect_linked_records(app_config):
    """Protect the models of `app_config` from deletion while other records
    link to them many-to-many. Called from each app's ready(), once every
    model (and so every link to them) is known."""
    for model in app_config.get_models():
        for rel in model._meta.related_objects:
            through = getattr(rel, "through", None)
            if rel.many_to_many and through._meta.auto_created:
                # Django makes these CASCADE and gives no way to choose.
                link = through._meta.get_field(rel.field.m2m_reverse_field_name())
                link.remote_field.on_delete = protect_link


class ProtectedDeleteAdmin:
    """Admin mixin: deleting a protected record, alone or with the "delete
    selected" action, is refused with what refers to it and what to do
    instead (`delete_advice`), in the user's language."""

    delete_confirmation_template = "admin/protected_delete_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/protected_delete_selected_confirmation.html"
    )
    delete_advice = _(
        "Remove it from those records first, or keep it: it stays available to them."
    )

    def render_delete_form(self, request, context):
        context["delete_advice"] = self.delete_advice
        return super().render_delete_form(request, context)

    def response_action(self, request, queryset, *args, **kwargs):
        response = super().response_action(request, queryset, *args, **kwargs)
        context = getattr(response, "context_data", None)
        if context and context.get("protected"):  # "delete selected", refused
            context["delete_advice"] = self.delete_advice
        return response
