from datetime import timedelta

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin import VersionedAdminMixin
from core.exports import SpreadsheetExportMixin, SpreadsheetResourceMixin
from core.history import HistoryAdmin

from . import services
from .forms import CaseStudyPhotoForm, ProgressUpdateForm, RespondentGroupForm
from .models import (
    ActionItem,
    CaseStudy,
    CaseStudyPhoto,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
    RespondentGroup,
)


class RespondentGroupInline(TranslationTabularInline):
    model = RespondentGroup
    form = RespondentGroupForm
    extra = 1
    fields = ["method", "description", "sessions", "female", "male", "other", "total"]
    readonly_fields = ["total"]

    @admin.display(description=_("total"))
    def total(self, group):
        return group.total if group.pk else self.get_empty_value_display()


class CaseStudyPhotoInline(TranslationTabularInline):
    model = CaseStudyPhoto
    form = CaseStudyPhotoForm
    extra = 0
    fields = ["image", "caption", "position"]


class RecommendationInline(TranslationTabularInline):
    """The case study's recommendations at a glance; their progress and action
    plan are edited on each recommendation's own page (the link per row)."""

    model = Recommendation
    extra = 0
    fields = ["order", "text", "addressed_to", "priority", "is_joint", "status"]
    readonly_fields = ["status"]
    show_change_link = True
    verbose_name_plural = _(
        "recommendations (open one to record progress and its action plan)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=_("current status"))
    def status(self, recommendation):
        if not recommendation.pk:
            return self.get_empty_value_display()
        return recommendation.current_status_label


# Counts are numbers in XLSX (and plain digits in CSV), not text.
COUNT = widgets.IntegerWidget()


class CaseStudyResource(SpreadsheetResourceMixin, resources.ModelResource):
    province = fields.Field(attribute="province__name_en", column_name="province")
    district = fields.Field(attribute="district__name_en", column_name="district")
    female = fields.Field(
        attribute="respondents_female", column_name="female", widget=COUNT
    )
    male = fields.Field(attribute="respondents_male", column_name="male", widget=COUNT)
    other = fields.Field(
        attribute="respondents_other", column_name="other", widget=COUNT
    )
    respondents = fields.Field(
        attribute="respondents", column_name="respondents", widget=COUNT
    )
    recommendations = fields.Field(
        attribute="recommendation_count", column_name="recommendations", widget=COUNT
    )
    implemented = fields.Field(
        attribute="implemented_count", column_name="implemented", widget=COUNT
    )

    class Meta:
        model = CaseStudy
        fields = [
            "slug",
            "title_en",
            "title_km",
            "province",
            "district",
            "period_start",
            "period_end",
            "status",
            "published_on",
            "female",
            "male",
            "other",
            "respondents",
            "recommendations",
            "implemented",
        ]
        export_order = fields

    def get_queryset(self):
        return CaseStudy.objects.for_list()


@admin.register(CaseStudy)
class CaseStudyAdmin(
    VersionedAdminMixin, SpreadsheetExportMixin, HistoryAdmin, TabbedTranslationAdmin
):
    resource_classes = [CaseStudyResource]
    list_display = [
        "title",
        "district",
        "period_start",
        "status",
        "published_on",
        "respondents",
        "female",
        "recommendations",
    ]
    list_filter = ["status", "province", "project", "themes"]
    list_select_related = ["district"]
    date_hierarchy = "period_start"
    search_fields = ["title_en", "title_km", "slug", "district__name_en"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = [
        "province",
        "district",
        "project",
        "authors",
        "themes",
        "activities",
        "news_posts",
    ]
    readonly_fields = ["follow_up"]
    inlines = [RespondentGroupInline, CaseStudyPhotoInline, RecommendationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "published_on", "summary"]}),
        (
            _("Where, when and by whom"),
            {
                "fields": [
                    "province",
                    "district",
                    "period_start",
                    "period_end",
                    "project",
                    "authors",
                    "themes",
                ]
            },
        ),
        (_("The study"), {"fields": ["methodology_note", "findings", "report"]}),
        (_("Links"), {"fields": ["activities", "news_posts", "follow_up"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_respondents()
            .with_recommendation_counts()
        )

    @admin.display(description=_("respondents"), ordering="respondents")
    def respondents(self, case_study):
        return case_study.respondents

    @admin.display(description=_("of whom female"), ordering="respondents_female")
    def female(self, case_study):
        return case_study.respondents_female

    @admin.display(description=_("implemented"))
    def recommendations(self, case_study):
        return _("%(implemented)d of %(total)d") % {
            "implemented": case_study.implemented_count,
            "total": case_study.recommendation_count,
        }

    @admin.display(description=_("follow-up"))
    def follow_up(self, case_study):
        if not case_study.pk:
            return _("Save the case study, then add its recommendations.")
        add_url = reverse("admin:casestudies_recommendation_add")
        list_url = reverse("admin:casestudies_recommendation_changelist")
        return format_html(
            '<a href="{}?case_study={}">{}</a> · <a href="{}?case_study__id__exact={}">'
            "{}</a>",
            add_url,
            case_study.pk,
            _("Add a recommendation with its progress and action plan"),
            list_url,
            case_study.pk,
            _("All its recommendations"),
        )


class ProgressUpdateInline(TranslationTabularInline):
    """Append-only: a mistake is corrected by a newer update, so the timeline
    the public sees is the one the secretariat recorded."""

    model = ProgressUpdate
    form = ProgressUpdateForm
    extra = 1
    fields = ["status", "date", "note", "recorded_by", "recorded_at"]
    readonly_fields = ["recorded_by", "recorded_at"]
    verbose_name_plural = _(
        "progress updates (add one to change the status; the latest date applies)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActionItemInline(TranslationStackedInline):
    model = ActionItem
    extra = 0
    fields = [
        "action",
        ("responsible_organization", "responsible_party"),
        ("due_on", "status"),
    ]
    autocomplete_fields = ["responsible_organization"]


class StatusFilter(admin.SimpleListFilter):
    """The current status: that of the latest progress update."""

    title = _("current status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return RecommendationStatus.choices

    def queryset(self, request, queryset):
        if self.value() in RecommendationStatus.values:
            return queryset.filter(current_status=self.value())
        return queryset


class RecommendationResource(SpreadsheetResourceMixin, resources.ModelResource):
    case_study = fields.Field(attribute="case_study__slug", column_name="case_study")
    district = fields.Field(
        attribute="case_study__district__name_en", column_name="district"
    )
    status = fields.Field(attribute="current_status", column_name="status")
    status_since = fields.Field(attribute="status_since", column_name="status_since")

    class Meta:
        model = Recommendation
        fields = [
            "case_study",
            "district",
            "order",
            "text_en",
            "text_km",
            "addressed_to",
            "is_joint",
            "priority",
            "endorsed_on",
            "endorsed_by_en",
            "status",
            "status_since",
        ]
        export_order = fields

    def get_queryset(self):
        return Recommendation.objects.with_status().select_related(
            "case_study__district"
        )


@admin.register(Recommendation)
class RecommendationAdmin(
    VersionedAdminMixin, SpreadsheetExportMixin, HistoryAdmin, TabbedTranslationAdmin
):
    resource_classes = [RecommendationResource]
    list_display = [
        "__str__",
        "district",
        "addressed_to",
        "priority",
        "is_joint",
        "status",
        "status_since",
    ]
    list_filter = [
        StatusFilter,
        "addressed_to",
        "priority",
        "is_joint",
        "case_study__province",
        "case_study",
    ]
    list_select_related = ["case_study__district"]
    search_fields = [
        "text_en",
        "text_km",
        "case_study__title_en",
        "case_study__district__name_en",
    ]
    autocomplete_fields = ["case_study"]
    readonly_fields = ["status"]
    inlines = [ProgressUpdateInline, ActionItemInline]
    fieldsets = [
        (None, {"fields": ["case_study", "order", "text", "status"]}),
        (
            _("Who and how"),
            {
                "fields": [
                    "addressed_to",
                    "is_joint",
                    "priority",
                    "endorsed_on",
                    "endorsed_by",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=_("district"), ordering="case_study__district__name_en")
    def district(self, recommendation):
        return recommendation.case_study.district.name

    @admin.display(description=_("current status"), ordering="current_status")
    def status(self, recommendation):
        if not recommendation.pk:
            return _("Proposed, until a progress update says otherwise.")
        return recommendation.current_status_label

    @admin.display(description=_("since"), ordering="status_since")
    def status_since(self, recommendation):
        return recommendation.status_since or self.get_empty_value_display()

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProgressUpdate:
            return super().save_formset(request, form, formset, change)
        # New updates go through the service, which records who made them.
        formset.new_objects = [
            services.record_progress(
                recommendation=form.instance,
                status=update_form.cleaned_data["status"],
                date=update_form.cleaned_data["date"],
                note=update_form.cleaned_data.get("note_en") or "",
                note_km=update_form.cleaned_data.get("note_km") or "",
                recorded_by=request.user,
            )
            for update_form in formset.forms
            if update_form.has_changed() and not update_form.instance.pk
        ]
        formset.changed_objects, formset.deleted_objects = [], []
        return None


class OverdueFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("open", _("Not done yet")),
            ("next_90_days", _("Due in the next 90 days")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "open":
            return queryset.open()
        if self.value() == "next_90_days":
            return queryset.open().filter(
                due_on__gte=today, due_on__lte=today + timedelta(days=90)
            )
        return queryset


class ActionItemResource(SpreadsheetResourceMixin, resources.ModelResource):
    district = fields.Field(
        attribute="recommendation__case_study__district__name_en",
        column_name="district",
    )
    recommendation = fields.Field(
        attribute="recommendation__text_en", column_name="recommendation"
    )
    responsible = fields.Field(attribute="responsible", column_name="responsible")

    class Meta:
        model = ActionItem
        fields = [
            "district",
            "recommendation",
            "action_en",
            "action_km",
            "responsible",
            "due_on",
            "status",
        ]
        export_order = fields

    def get_queryset(self):
        return ActionItem.objects.select_related(
            "recommendation__case_study__district", "responsible_organization"
        )


@admin.register(ActionItem)
class ActionItemAdmin(
    VersionedAdminMixin, SpreadsheetExportMixin, HistoryAdmin, TabbedTranslationAdmin
):
    resource_classes = [ActionItemResource]
    list_display = [
        "__str__",
        "district",
        "responsible",
        "due_on",
        "status",
        "is_overdue",
    ]
    list_editable = ["status"]
    list_filter = [
        OverdueFilter,
        "status",
        "recommendation__case_study__province",
        "recommendation__case_study",
    ]
    list_select_related = [
        "recommendation__case_study__district",
        "responsible_organization",
    ]
    date_hierarchy = "due_on"
    search_fields = [
        "action_en",
        "action_km",
        "responsible_party_en",
        "responsible_organization__name_en",
        "responsible_organization__acronym",
        "recommendation__case_study__district__name_en",
    ]
    autocomplete_fields = ["recommendation", "responsible_organization"]
    fields = [
        "recommendation",
        "action",
        "responsible_organization",
        "responsible_party",
        "due_on",
        "status",
    ]

    @admin.display(
        description=_("district"),
        ordering="recommendation__case_study__district__name_en",
    )
    def district(self, item):
        return item.recommendation.case_study.district.name

    @admin.display(description=_("overdue"), boolean=True)
    def is_overdue(self, item):
        return item.is_overdue
