from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from . import mail
from .models import Commune, District, OutgoingMail, Province, Theme
from .protection import ProtectedDeleteAdmin


@admin.register(Province)
class ProvinceAdmin(ProtectedDeleteAdmin, TranslationAdmin):
    list_display = ["name", "name_km", "code", "iso_code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_km", "gazetteer_name", "code"]
    readonly_fields = ["code", "iso_code"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(District)
class DistrictAdmin(ProtectedDeleteAdmin, TranslationAdmin):
    list_display = ["name", "name_km", "code", "kind", "province"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["name_en", "name_km", "gazetteer_name", "code"]
    readonly_fields = ["code", "province"]


@admin.register(Commune)
class CommuneAdmin(TranslationAdmin):
    list_display = ["name", "name_km", "code", "kind", "district"]
    list_filter = ["kind", "district__province"]
    list_select_related = ["district"]
    search_fields = ["name_en", "name_km", "gazetteer_name", "code"]
    readonly_fields = ["code", "district"]


@admin.register(Theme)
class ThemeAdmin(ProtectedDeleteAdmin, TranslationAdmin):
    list_display = ["name", "name_km", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_km"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The mail queue: what went out, what waits, what failed and why. The
    bodies are not shown: they may hold someone's sign-in or reset link."""

    list_display = [
        "subject",
        "recipients",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    fields = [
        "subject",
        "from_email",
        "to",
        "cc",
        "bcc",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    readonly_fields = fields
    actions = ["retry"]

    @admin.display(description=_("to"))
    def recipients(self, obj):
        return ", ".join(obj.to)

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return Truncator(obj.last_error).chars(80)

    @admin.action(
        description=_("Send the selected failed emails again"), permissions=["retry"]
    )
    def retry(self, request, queryset):
        retried = sum(
            mail.retry(outgoing)
            for outgoing in queryset.filter(status=OutgoingMail.Status.FAILED)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d email queued again.",
                "%(count)d emails queued again.",
                retried,
            )
            % {"count": retried},
            messages.SUCCESS if retried else messages.WARNING,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Nothing is edited; the change permission is what allows a retry.
        return obj is None and super().has_change_permission(request)

    def has_retry_permission(self, request):
        return super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
