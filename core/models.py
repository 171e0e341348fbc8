from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from .gazetteer import codes_spelt


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


class Place(models.Model):
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


class Theme(models.Model):
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
