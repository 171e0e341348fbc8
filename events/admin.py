from itertools import batched

from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin import VersionedAdminMixin
from core.exports import (
    QUERY_CHUNK,
    SpreadsheetExportMixin,
    SpreadsheetResourceMixin,
)
from core.history import HistoryAdmin
from core.protection import ProtectedDeleteAdmin
from members.models import Organization

from . import reports, services
from .forms import ActivityPhotoAdminForm, NewsPostAdminForm
from .models import (
    Activity,
    ActivityDocument,
    ActivityPhoto,
    Agreement,
    NewsPost,
    ParticipationFigure,
    Project,
    Registration,
)


class ParticipationFigureInline(admin.TabularInline):
    model = ParticipationFigure
    extra = 3
    fields = ["stakeholder_group", "female", "male", "other", "total"]
    readonly_fields = ["total"]

    @admin.display(description=_("total"))
    def total(self, figure):
        return figure.total if figure.pk else self.get_empty_value_display()


class ActivityDocumentInline(TranslationTabularInline):
    model = ActivityDocument
    extra = 0
    fields = ["kind", "title", "file", "visibility"]


class ActivityPhotoInline(TranslationTabularInline):
    model = ActivityPhoto
    form = ActivityPhotoAdminForm
    extra = 0
    fields = ["image", "caption", "position"]


class RegistrationInline(admin.TabularInline):
    """Registrations by members; the secretariat ticks who attended."""

    model = Registration
    extra = 0
    fields = [
        "organization",
        "participant_name",
        "sex",
        "position",
        "phone",
        "email",
        "status",
        "attended",
    ]
    autocomplete_fields = ["organization"]
    verbose_name_plural = _(
        "registrations by members (tick “attended”: they are then counted in "
        "the participation)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


# Counts are numbers in XLSX (and plain digits in CSV), not text.
COUNT = widgets.IntegerWidget()


class ActivityResource(SpreadsheetResourceMixin, resources.ModelResource):
    province = fields.Field(attribute="province__name_en", column_name="province")
    district = fields.Field(attribute="district__name_en", column_name="district")
    project = fields.Field(attribute="project__slug", column_name="project")
    working_group = fields.Field(
        attribute="working_group__acronym", column_name="working_group"
    )
    female = fields.Field(
        attribute="female", column_name="female", readonly=True, widget=COUNT
    )
    male = fields.Field(
        attribute="male", column_name="male", readonly=True, widget=COUNT
    )
    other = fields.Field(
        attribute="other", column_name="other", readonly=True, widget=COUNT
    )
    total = fields.Field(
        attribute="total", column_name="total", readonly=True, widget=COUNT
    )

    class Meta:
        model = Activity
        fields = [
            "slug",
            "kind",
            "title_en",
            "title_km",
            "starts_at",
            "ends_at",
            "venue_en",
            "province",
            "district",
            "project",
            "working_group",
            "visibility",
            "female",
            "male",
            "other",
            "total",
        ]
        export_order = fields

    def get_queryset(self):
        return Activity.objects.select_related(
            "province", "district", "project", "working_group"
        )

    def iter_queryset(self, queryset):
        # Participants counted for a chunk of activities in two grouped
        # queries: a subquery per row made 100,000 rows a minute's work.
        for chunk in batched(super().iter_queryset(queryset), QUERY_CHUNK):
            yield from reports.counted(list(chunk))


@admin.register(Activity)
class ActivityAdmin(
    VersionedAdminMixin,
    ProtectedDeleteAdmin,
    SpreadsheetExportMixin,
    HistoryAdmin,
    TabbedTranslationAdmin,
):
    resource_classes = [ActivityResource]
    change_list_template = "admin/events/activity/change_list.html"
    list_display = [
        "title",
        "kind",
        "starts_at",
        "province",
        "visibility",
        "female",
        "male",
        "total",
    ]
    list_filter = ["kind", "visibility", "province", "project", "working_group"]
    list_select_related = ["province"]
    date_hierarchy = "starts_at"
    search_fields = ["title_en", "title_km", "venue_en", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = [
        "province",
        "district",
        "project",
        "working_group",
        "organisers",
        "partners",
        "themes",
    ]
    readonly_fields = ["registered_attendance"]
    inlines = [
        ParticipationFigureInline,
        RegistrationInline,
        ActivityDocumentInline,
        ActivityPhotoInline,
    ]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "visibility"]}),
        (
            _("When and where"),
            {"fields": ["starts_at", "ends_at", "venue", "province", "district"]},
        ),
        (
            _("Who and why"),
            {
                "fields": [
                    "organisers",
                    "partners",
                    "project",
                    "working_group",
                    "themes",
                    "objectives",
                    "outcomes",
                ]
            },
        ),
        (
            _("Registration by members"),
            {"fields": ["accepts_registrations", "capacity", "registered_attendance"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_participation()

    @admin.display(description=_("female"), ordering="female")
    def female(self, activity):
        return activity.female

    @admin.display(description=_("male"), ordering="male")
    def male(self, activity):
        return activity.male

    @admin.display(description=_("participants"), ordering="total")
    def total(self, activity):
        return activity.total

    @admin.display(description=_("attended after registering"))
    def registered_attendance(self, activity):
        if not activity.pk:
            return self.get_empty_value_display()
        return _(
            "%(female)d female, %(male)d male, %(other)d other: counted "
            "automatically, on top of the figures typed below."
        ) % {
            "female": activity.registered_female,
            "male": activity.registered_male,
            "other": activity.registered_other,
        }

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "donor_report_url": reverse("events:donor-report"),
        }
        return super().changelist_view(request, extra_context)


@admin.register(Project)
class ProjectAdmin(VersionedAdminMixin, HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "acronym", "starts_on", "ends_on", "donor_names"]
    list_filter = ["provinces"]
    search_fields = ["title_en", "title_km", "acronym", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["donors", "partners", "provinces", "districts"]
    date_hierarchy = "starts_on"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "donors",
                    queryset=Organization.objects.only("id", "acronym", "name_en"),
                )
            )
        )

    @admin.display(description=_("donors"))
    def donor_names(self, project):
        return ", ".join(str(donor.acronym or donor) for donor in project.donors.all())


class ExpiringFilter(admin.SimpleListFilter):
    title = _("term")
    parameter_name = "term"

    def lookups(self, request, model_admin):
        return [
            ("expiring", _("Expiring within 90 days")),
            ("overdue", _("Ended but still marked in force")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "expiring":
            return queryset.expiring_within(90)
        if self.value() == "overdue":
            return queryset.in_force().filter(ends_on__lt=timezone.localdate())
        return queryset


@admin.register(Agreement)
class AgreementAdmin(VersionedAdminMixin, HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "status", "signed_on", "ends_on", "party_names"]
    list_filter = [ExpiringFilter, "status", "provinces", "project"]
    date_hierarchy = "signed_on"
    search_fields = ["title_en", "title_km", "parties__name_en", "parties__acronym"]
    autocomplete_fields = ["parties", "provinces", "signing_activity", "project"]
    fieldsets = [
        (None, {"fields": ["title", "status", "parties", "summary"]}),
        (
            _("Dates"),
            {"fields": ["signed_on", "starts_on", "ends_on"]},
        ),
        (
            _("Scope and links"),
            {"fields": ["provinces", "project", "signing_activity", "document"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "parties",
                    queryset=Organization.objects.only("id", "acronym", "name_en"),
                )
            )
        )

    @admin.display(description=_("parties"))
    def party_names(self, agreement):
        return ", ".join(
            str(party.acronym or party) for party in agreement.parties.all()
        )


@admin.register(NewsPost)
class NewsPostAdmin(
    VersionedAdminMixin, ProtectedDeleteAdmin, HistoryAdmin, TabbedTranslationAdmin
):
    form = NewsPostAdminForm
    list_display = ["title", "status", "published_at", "is_live", "preview_link"]
    list_filter = ["status", "themes"]
    date_hierarchy = "published_at"
    search_fields = ["title_en", "title_km", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["activities", "themes"]
    readonly_fields = ["preview_link", "author"]
    actions = ["publish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("Cover"), {"fields": ["cover_image", "cover_image_alt"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "preview_link", "author"]},
        ),
        (_("Links"), {"fields": ["activities", "themes"]}),
    ]

    @admin.display(description=_("on the site"), boolean=True)
    def is_live(self, post):
        return post.is_live

    @admin.display(description=_("preview"))
    def preview_link(self, post):
        if not post.pk:
            return _("Save the post to preview it.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            post.get_preview_url(),
            _("Preview"),
        )

    def save_model(self, request, obj, form, change):
        if not obj.author_id:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.action(
        description=_("Publish the selected posts (now, or at their scheduled time)"),
        permissions=["change"],
    )
    def publish_selected(self, request, queryset):
        posts = list(queryset.exclude(status=NewsPost.Status.PUBLISHED))
        for post in posts:
            services.publish_news_post(post=post)
        self.message_user(
            request,
            ngettext(
                "%(count)d post published.", "%(count)d posts published.", len(posts)
            )
            % {"count": len(posts)},
        )
