import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .gazetteer import codes_spelt


class VersionField(models.PositiveIntegerField):
    """How many times a row was saved. Every update sets it to the database's
    value plus one (and reads the result back), so that a form can tell
    whether the row changed since it was shown, whoever saved it meanwhile."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 1)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        if add:
            return super().pre_save(model_instance, add)
        return models.F(self.attname) + 1


class Versioned(models.Model):
    """A record that several people edit in place: forms built on
    `core.forms.VersionedModelForm` (and the admin, through
    `core.admin.VersionedAdminMixin`) refuse a save based on an older version."""

    version = VersionField(
        _("version"), help_text=_("Counts the saves, to detect conflicting edits.")
    )

    class Meta:
        abstract = True

    def save_base(self, *args, update_fields=None, **kwargs):
        # Also when Django limits the update to the fields loaded (.only()).
        if update_fields:
            update_fields = {*update_fields, "version"}
        super().save_base(*args, update_fields=update_fields, **kwargs)


class VersionedPart(models.Model):
    """A row that is part of another record (a contact of an organisation):
    saving or deleting it is a change of that record, which gets a new
    version too. `version_parent` names the foreign key to that record."""

    version_parent = None

    class Meta:
        abstract = True

    # Bookkeeping like auto_now, not business logic: whoever saves a part
    # (a form, the admin, an import, a service) must not leave the record's
    # version unchanged.
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.bump_parent_version()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.bump_parent_version()
        return result

    def bump_parent_version(self):
        field = self._meta.get_field(self.version_parent)
        parent_pk = getattr(self, field.attname)
        if parent_pk is not None:
            field.related_model._base_manager.filter(pk=parent_pk).update(
                version=models.F("version") + 1
            )


class PlaceQuerySet(models.QuerySet):
    def search(self, text):
        """Places whose English, Khmer, gazetteer or other spelling
        (gazetteer.OTHER_SPELLINGS) contains `text`.

        Case and accents are ignored, so "Rotonak", "ratanak" and "រតនមណ្ឌល"
        all find Ratanak Mondol, and "Komreing" finds Kamrieng.
        """
        text = text.strip()
        if not text:
            return self
        return self.filter(
            models.Q(name_en__unaccent__icontains=text)
            | models.Q(name_km__icontains=text)
            | models.Q(gazetteer_name__unaccent__icontains=text)
            | models.Q(code__in=codes_spelt(text))
        )


class Place(Versioned):
    """Common shape of the gazetteer's places: an NCDD code and names."""

    code = models.CharField(
        _("NCDD code"),
        max_length=6,
        unique=True,
        help_text=_("The code of the NCDD gazetteer."),
    )
    name = models.CharField(_("name"), max_length=100)
    gazetteer_name = models.CharField(
        _("gazetteer spelling"),
        max_length=100,
        blank=True,
        help_text=_(
            "The Latin spelling in the NCDD gazetteer, where people usually "
            "spell the name differently. Kept so that both spellings are found."
        ),
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name_en"]

    def __str__(self):
        return self.name


# How places read in a sentence: "Banan district", in Khmer "ស្រុកបាណន់".
DISTRICT_LABELS = {
    "district": _("%(name)s district"),
    "municipality": _("%(name)s municipality"),
    "khan": _("Khan %(name)s"),
}
PROVINCE_LABELS = {
    "province": _("%(name)s province"),
    "capital": pgettext_lazy("the capital, Phnom Penh", "%(name)s"),
}


def district_label(kind, name):
    """A district of `kind` named `name`, as it reads in a sentence."""
    return str(DISTRICT_LABELS.get(kind, "%(name)s") % {"name": name})


def province_label(kind, name):
    """A province of `kind` named `name`, as it reads in a sentence."""
    return str(PROVINCE_LABELS.get(kind, "%(name)s") % {"name": name})


class Province(Place):
    class Kind(models.TextChoices):
        CAPITAL = "capital", _("Capital")
        PROVINCE = "province", _("Province")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    iso_code = models.CharField(
        _("ISO 3166-2 code"), max_length=6, unique=True, help_text=_("e.g. KH-2")
    )
    slug = models.SlugField(_("slug"), unique=True)

    class Meta(Place.Meta):
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        indexes = [
            GinIndex(
                fields=["name_en", "name_km"],
                name="province_name_trgm",
                opclasses=["gin_trgm_ops", "gin_trgm_ops"],
            )
        ]

    @property
    def in_sentence(self):
        return province_label(self.kind, self.name)


class District(Place):
    class Kind(models.TextChoices):
        DISTRICT = "district", _("District")
        MUNICIPALITY = "municipality", _("Municipality")
        KHAN = "khan", _("Khan")

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("province"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    class Meta(Place.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        indexes = [
            GinIndex(
                fields=["name_en", "name_km"],
                name="district_name_trgm",
                opclasses=["gin_trgm_ops", "gin_trgm_ops"],
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def in_sentence(self):
        return district_label(self.kind, self.name)


class Commune(Place):
    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Commune")
        SANGKAT = "sangkat", _("Sangkat")

    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name=_("district"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)

    class Meta(Place.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")


class Theme(Versioned):
    """An area of work shared by organisations, activities and case studies."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Themes are listed in this order.")
    )

    class Meta:
        ordering = ["position", "name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(Upper("name_en"), name="theme_unique_name_en"),
        ]

    def __str__(self):
        return self.name


class OutgoingMailQuerySet(models.QuerySet):
    def undelivered(self):
        return self.exclude(status=OutgoingMail.Status.SENT)


class OutgoingMail(models.Model):
    """One email the portal sends, queued for the background worker
    (core.mail): the record of what went out, what is waiting and what failed.
    The body is kept until it is delivered, then dropped: it may hold a
    password-reset link."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Delivered")
        FAILED = "failed", _("Failed")

    subject = models.TextField(_("subject"))
    from_email = models.TextField(_("from"))
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    body = models.TextField(_("text"), blank=True)
    html_body = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.subject


class PeriodicRun(models.Model):
    """When each periodic job (core.scheduler) was last queued: shared by
    every worker, so that a job runs once per interval however many run."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    last_run_at = models.DateTimeField(_("last run"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self):
        return self.name


class BackgroundJob(models.Model):
    """A back-office import or export done by the worker (core.jobs) rather
    than in the request: who asked, how far it is, and what came of it (a
    file in private storage, or the import's counts and errors)."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export")
        IMPORT_PREVIEW = "import_preview", _("Import check")
        IMPORT = "import", _("Import")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    # Not a counter: the address of a job's page must not be guessable.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="background_jobs",
        verbose_name=_("asked by"),
    )
    model = models.CharField(
        _("records"), max_length=100, help_text=_("app_label.model_name")
    )
    permission = models.CharField(
        _("permission needed"),
        max_length=150,
        help_text=_("Who may see the result, besides its owner's two-factor sign-in."),
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    query = models.BinaryField(_("records asked for"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("rows done"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    file = models.CharField(_("file"), max_length=255, blank=True)
    filename = models.CharField(_("download name"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.model} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)
