from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.db import router, transaction
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from . import jobs, mail
from .forms import EDITED_VERSION, VersionedModelForm
from .models import BackgroundJob, Commune, District, OutgoingMail, Province, Theme
from .protection import ProtectedDeleteAdmin
from .twofactor import has_staff_perm, sees_as_staff


class _KeyAndVersionInput(forms.HiddenInput):
    """The list of records shows a row's primary key as its only hidden
    field: the version the row was shown at goes along with it."""

    def __init__(self, form):
        super().__init__()
        self.form = form

    def render(self, *args, **kwargs):
        return super().render(*args, **kwargs) + str(self.form[EDITED_VERSION])


class VersionedChangelistFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[self.model._meta.pk.name].widget = _KeyAndVersionInput(form)


class VersionedAdminMixin:
    """The change form of a `core.models.Versioned` record, the history's
    revert form and the rows edited in the list refuse a save over a version
    that their user did not see, and say what differs. First in the admin's bases, so
    that every form the admin builds is a versioned one (checked by
    core.E001 and core.E002)."""

    def get_form(self, request, obj=None, **kwargs):
        form = kwargs.get("form") or self.form
        if not issubclass(form, VersionedModelForm):
            kwargs["form"] = type(
                form.__name__,
                (VersionedModelForm, form),
                {"__module__": form.__module__},
            )
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if EDITED_VERSION in flatten_fieldsets(fieldsets):
            return fieldsets
        return [
            *fieldsets,
            (None, {"fields": [EDITED_VERSION], "classes": ["hidden"]}),
        ]

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", VersionedModelForm)
        return super().get_changelist_form(request, **kwargs)

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", VersionedChangelistFormSet)
        return super().get_changelist_formset(request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        if not (request.method == "POST" and "_save" in request.POST):
            return super().changelist_view(request, extra_context)
        # Rows edited in the list: their version check's lock must hold
        # until the save, which Django makes atomic only after validating.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().changelist_view(request, extra_context)

    def history_form_view(self, request, *args, **kwargs):
        # django-simple-history's revert is not atomic as the change view
        # is: the version check's lock must hold until the save.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, *args, **kwargs)


@admin.register(Province)
class ProvinceAdmin(VersionedAdminMixin, ProtectedDeleteAdmin, TranslationAdmin):
    list_display = ["name", "name_km", "code", "iso_code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_km", "gazetteer_name", "code"]
    readonly_fields = ["code", "iso_code"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(District)
class DistrictAdmin(VersionedAdminMixin, ProtectedDeleteAdmin, TranslationAdmin):
    list_display = ["name", "name_km", "code", "kind", "province"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["name_en", "name_km", "gazetteer_name", "code"]
    readonly_fields = ["code", "province"]


@admin.register(Commune)
class CommuneAdmin(VersionedAdminMixin, TranslationAdmin):
    list_display = ["name", "name_km", "code", "kind", "district"]
    list_filter = ["kind", "district__province"]
    list_select_related = ["district"]
    search_fields = ["name_en", "name_km", "gazetteer_name", "code"]
    readonly_fields = ["code", "district"]


@admin.register(Theme)
class ThemeAdmin(VersionedAdminMixin, ProtectedDeleteAdmin, TranslationAdmin):
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


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    """Each staff member's own imports and exports (core.jobs): a list, and a
    page per job with its progress, its result and its file."""

    list_display = ["__str__", "status", "progress", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["owner"]
    search_fields = ["model"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(owner=request.user)

    def has_module_permission(self, request):
        return sees_as_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return sees_as_staff(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("progress"))
    def progress(self, job):
        url = jobs.page_url(job)
        return format_html('<a href="{}">{} %</a>', url, job.percent)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<uuid:job_id>/progress/",
                view(self.progress_view),
                name="core_backgroundjob_progress",
            ),
            path(
                "<uuid:job_id>/download/",
                view(self.download_view),
                name="core_backgroundjob_download",
            ),
            path("<uuid:object_id>/change/", view(self.redirect_to_progress)),
            *super().get_urls(),
        ]

    def get_job(self, request, job_id):
        """The asker's own job, while they may still see what it holds."""
        job = BackgroundJob.objects.filter(owner=request.user, pk=job_id).first()
        if job is None or not has_staff_perm(request.user, job.permission):
            raise Http404
        return job

    def redirect_to_progress(self, request, object_id):
        from django.shortcuts import redirect

        return redirect(jobs.page_url(self.get_job(request, object_id)))

    def progress_view(self, request, job_id):
        job = self.get_job(request, job_id)
        model_opts = jobs.model_admin_for(job).model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": job.get_kind_display(),
            "subtitle": model_opts.verbose_name_plural,
            "opts": self.opts,
            "model_opts": model_opts,
            "job": job,
            "refresh_seconds": 2,
        }
        response = TemplateResponse(
            request, "admin/core/backgroundjob/progress.html", context
        )
        patch_cache_control(response, private=True, no_store=True)
        return response

    def download_view(self, request, job_id):
        job = self.get_job(request, job_id)
        if job.status != BackgroundJob.Status.DONE or not job.file:
            raise Http404
        try:
            file = jobs.storage().open(job.file, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(file, as_attachment=True, filename=job.filename)
        patch_cache_control(response, private=True, no_store=True)
        return response
