"""Demo data for events and news: the coalition's real activities, and history.

`load(staff=..., member=...)` is idempotent: activities, projects and news are
keyed on their slug, agreements on their English title, figures on their
activity and stakeholder group, so running it again updates the same rows.
Run it after members.demo.load, which creates the organisations and working
groups used here (missing ones are created, as partners, so this still works
alone).

From the coalition's own texts (../shared/seeds), with only what they say:
the 18 September 2025 workshop closing the project "Strengthening
Transparency [...]" at the Hyatt Regency Phnom Penh, the 2-4 September 2025
GEF Small Grants orientation at the Angkor Paradise Hotel, the July 2025 MoU
signings with their participant counts (14, 13 and 6, not split by sex), and
their news. The texts give no hours (those activities start and end at the
same instant: shown as a date) and no days for the Battambang consultations
of November-December 2021 (no activities for them).

Everything else is an example (core.examples): the Annual Congresses, the
working groups' monthly meetings, the generated history of 2016-2026 drawn
from `random.Random(2026)` (and per-slug seeds for the monthly meetings that
grow with the calendar), the fictional Example project and its activities,
upcoming events and their news, so that every run builds the same rows.
"""

import io
import random
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageOps

from core.images import clean_image_upload
from core.models import District, Province, Theme
from members.demo import DEMO_MEMBER, set_exactly
from members.models import Organization, WorkingGroup

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

SEED = 2026
PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")
HISTORY_START = date(2016, 1, 1)
HISTORY_END = date(2026, 10, 31)
GENERATED_ACTIVITIES = 150

EXAMPLE_DONOR = "example-donor"
KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
KHMER_MONTHS = [
    "មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា",
    "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ",
]  # fmt: skip
ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
DISTRICT_KIND_KM = {"district": "ស្រុក", "municipality": "ក្រុង", "khan": "ខណ្ឌ"}

# Organisations this module refers to, in case members.demo has not run
# (members.demo has the same names).
FALLBACK_ORGANISATIONS = {
    "ncdd": (
        "NCDD",
        "National Committee for Sub-National Democratic Development",
        "",
        Organization.Kind.GOVERNMENT,
    ),
    "undp-cambodia": (
        "UNDP",
        "United Nations Development Programme",
        "",
        Organization.Kind.DEVELOPMENT_PARTNER,
    ),
    "thankscarbon": ("", "ThanksCarbon", "", Organization.Kind.COMPANY),
    "pdaff-pursat": (
        "",
        "Pursat Provincial Department of Agriculture, Forestry and Fisheries",
        "",
        Organization.Kind.GOVERNMENT,
    ),
    "pdaff-kampong-speu": (
        "",
        "Kampong Speu Provincial Department of Agriculture, Forestry and Fisheries",
        "",
        Organization.Kind.GOVERNMENT,
    ),
    EXAMPLE_DONOR: (
        "",
        "Example Donor Agency (fictional)",
        "ទីភ្នាក់ងារម្ចាស់ជំនួយឧទាហរណ៍ (ប្រឌិត)",
        Organization.Kind.DEVELOPMENT_PARTNER,
    ),
}
# The texts give the project's title only this far.
PROJECT_TITLE_EN = "Strengthening Transparency […]"
# The project of the example activities and case studies: fictional.
PROJECT_SLUG = "example-civic-engagement-project"

# Title templates by kind: English, Khmer ({place} filled in), themes.
TEMPLATES = {
    "training": [
        (
            "Training on social accountability for community-based organisations, "
            "{place}",
            "វគ្គបណ្តុះបណ្តាលស្តីពីគណនេយ្យភាពសង្គមសម្រាប់អង្គការសហគមន៍មូលដ្ឋាន {place}",
            ("social-accountability", "capacity-development"),
        ),
        (
            "Training on local planning and budgeting for CSOs, {place}",
            "វគ្គបណ្តុះបណ្តាលស្តីពីការរៀបចំផែនការ និងថវិកាមូលដ្ឋានសម្រាប់អង្គការសង្គមស៊ីវិល {place}",
            ("local-budgeting", "capacity-development"),
        ),
        (
            "Training on gender-responsive local governance, {place}",
            "វគ្គបណ្តុះបណ្តាលស្តីពីអភិបាលកិច្ចមូលដ្ឋានដែលឆ្លើយតបនឹងយេនឌ័រ {place}",
            ("gender", "capacity-development"),
        ),
    ],
    "consultation": [
        (
            "Consultation on the district development plan, {place}",
            "ការពិគ្រោះយោបល់ស្តីពីផែនការអភិវឌ្ឍន៍ស្រុក {place}",
            ("local-budgeting", "civic-engagement"),
        ),
        (
            "Joint consultation between the district administration and CSOs, {place}",
            "ការពិគ្រោះយោបល់រួមរវាងរដ្ឋបាលស្រុក និងអង្គការសង្គមស៊ីវិល {place}",
            ("civic-engagement", "decentralisation"),
        ),
    ],
    "workshop": [
        (
            "Workshop on civic engagement at district level, {place}",
            "សិក្ខាសាលាស្តីពីការចូលរួមរបស់ពលរដ្ឋនៅថ្នាក់ស្រុក {place}",
            ("civic-engagement", "decentralisation"),
        ),
        (
            "Workshop on access to information in local government, {place}",
            "សិក្ខាសាលាស្តីពីការទទួលបានព័ត៌មាននៅរដ្ឋបាលមូលដ្ឋាន {place}",
            ("access-to-information",),
        ),
        (
            "Workshop on climate-resilient local development, {place}",
            "សិក្ខាសាលាស្តីពីការអភិវឌ្ឍមូលដ្ឋានដែលធន់នឹងការប្រែប្រួលអាកាសធាតុ {place}",
            ("climate-environment",),
        ),
    ],
    "forum": [
        (
            "Public forum on local services with citizens, {place}",
            "វេទិកាសាធារណៈស្តីពីសេវាមូលដ្ឋានជាមួយពលរដ្ឋ {place}",
            ("public-services", "social-accountability"),
        ),
        (
            "Youth forum on local decision-making, {place}",
            "វេទិកាយុវជនស្តីពីការសម្រេចចិត្តនៅមូលដ្ឋាន {place}",
            ("youth", "civic-engagement"),
        ),
    ],
    "field_visit": [
        (
            "Field visit to community-based organisations, {place}",
            "ទស្សនកិច្ចសិក្សាទៅកាន់អង្គការសហគមន៍មូលដ្ឋាន {place}",
            ("civic-engagement",),
        ),
        (
            "Field visit to monitor commune projects, {place}",
            "ទស្សនកិច្ចតាមដានគម្រោងឃុំ {place}",
            ("social-accountability", "public-services"),
        ),
    ],
}
KIND_WEIGHTS = {
    "training": 30,
    "consultation": 25,
    "workshop": 20,
    "forum": 10,
    "field_visit": 15,
}
# Where the generated activities happen: member strongholds more often.
PROVINCE_WEIGHTS = {"02": 6, "17": 4, "03": 3, "12": 3, "15": 2, "05": 2, "21": 2}
# (female, male) ranges per stakeholder group, by kind of activity.
FIGURE_RANGES = {
    "meeting": {"cso": ((3, 10), (4, 12))},
    "training": {"cbo": ((8, 18), (5, 14)), "cso": ((2, 6), (2, 6))},
    "consultation": {
        "sna": ((2, 8), (6, 15)),
        "cso": ((3, 8), (3, 8)),
        "citizens": ((8, 22), (6, 18)),
    },
    "workshop": {
        "sna": ((3, 10), (8, 20)),
        "government": ((1, 5), (2, 8)),
        "cso": ((5, 15), (5, 15)),
        "development_partners": ((0, 3), (0, 3)),
    },
    "forum": {
        "citizens": ((20, 60), (15, 50)),
        "sna": ((2, 6), (5, 12)),
        "cso": ((3, 8), (3, 8)),
        "media": ((0, 2), (1, 3)),
    },
    "field_visit": {"cbo": ((4, 12), (3, 10)), "citizens": ((5, 15), (4, 12))},
    "annual_congress": {
        "cso": ((40, 70), (40, 70)),
        "cbo": ((10, 20), (8, 18)),
        "government": ((3, 8), (5, 12)),
        "development_partners": ((3, 8), (3, 8)),
        "media": ((1, 4), (2, 5)),
    },
}


@dataclass
class ActivitySpec:
    slug: str
    kind: str
    title_en: str
    title_km: str
    starts_at: datetime
    ends_at: datetime
    province: str  # NCDD code
    district: str | None = None  # NCDD code
    venue_en: str = ""
    venue_km: str = ""
    objectives_en: str = ""
    objectives_km: str = ""
    outcomes_en: str = ""
    outcomes_km: str = ""
    visibility: str = "public"
    organisers: tuple = ()
    partners: tuple = ()
    themes: tuple = ()
    project: str | None = None
    working_group: str | None = None
    accepts_registrations: bool = False
    capacity: int | None = None
    # stakeholder group -> (female, male, other); only for past activities.
    figures: dict = field(default_factory=dict)
    minutes: bool = False
    photos: int = 0
    # Made up to show a feature (see core.examples): everything but the
    # activities the texts report.
    is_example: bool = True


def _at(day, hour=8, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PHNOM_PENH)


def km(number):
    """A number in Khmer digits."""
    return str(number).translate(KHMER_DIGITS)


def _month_en(day):
    return f"{ENGLISH_MONTHS[day.month - 1]} {day.year}"


def _month_km(day):
    return f"ខែ{KHMER_MONTHS[day.month - 1]} ឆ្នាំ{km(day.year)}"


def _nth_weekday(year, month, weekday, n):
    """The n-th `weekday` (0 = Monday) of a month; n = -1 for the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _months(start, end):
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _rng(key):
    # Seeded by the slug, so adding next month's meeting leaves earlier ones be.
    return random.Random(f"{SEED}:{key}")


def _random_figures(kind, rng, scale=1.0):
    figures = {}
    for group, ((f_low, f_high), (m_low, m_high)) in FIGURE_RANGES[kind].items():
        female = round(rng.randint(f_low, f_high) * scale)
        male = round(rng.randint(m_low, m_high) * scale)
        other = 1 if rng.random() < 0.08 else 0
        if female + male + other:
            figures[group] = (female, male, other)
    return figures


def _place(district, province):
    """("Banan district, Battambang", "ស្រុកបាណន់ ខេត្តបាត់ដំបង")"""
    province_km = ("រាជធានី" if province.kind == "capital" else "ខេត្ត") + (
        province.name_km
    )
    if district is None:
        return province.name_en, province_km
    return (
        f"{district.name_en} {district.kind}, {province.name_en}",
        f"{DISTRICT_KIND_KM[district.kind]}{district.name_km} {province_km}",
    )


# --------------------------------------------------------------------------
# The activities named in the coalition's texts.
# --------------------------------------------------------------------------


def _day(day):
    """A day whose hours the texts do not give: start and end at the same
    instant, which pages show as the date alone. Noon, so that the date is
    the same in UTC."""
    return _at(day, 12)


def _seed_activities():
    """The activities the texts report, with only what they say. Where they
    give a number of participants but not who, it is counted under "Others",
    not stated by sex."""
    return [
        ActivitySpec(
            slug="project-closing-workshop-2025-09-18",
            kind="workshop",
            title_en=(
                "Workshop on disseminating the results and officially closing the "
                f"project “{PROJECT_TITLE_EN}”"
            ),
            title_km=(
                f"សិក្ខាសាលាផ្សព្វផ្សាយលទ្ធផល និងបិទជាផ្លូវការនូវគម្រោង “{PROJECT_TITLE_EN}”"
            ),
            starts_at=_day(date(2025, 9, 18)),
            ends_at=_day(date(2025, 9, 18)),
            province="12",
            venue_en="Hyatt Regency Phnom Penh",
            venue_km="សណ្ឋាគារ Hyatt Regency Phnom Penh",
            objectives_en=(
                "On Thursday, 18 September 2025 with the collaboration and support "
                "of the National Committee for Sub-National Democratic Development "
                "(NCDD), the United Nations Development Programme (UNDP) in "
                "Cambodia, and the Coalition for Partnership in Democratic "
                "Development (CPDD), a workshop was organized on disseminating the "
                f"results and officially closing the project “{PROJECT_TITLE_EN}”."
            ),
            objectives_km=(
                "នៅថ្ងៃព្រហស្បតិ៍ ទី១៨ ខែកញ្ញា ឆ្នាំ២០២៥ "
                "ក្រោមកិច្ចសហការ និងការគាំទ្រពីគណៈកម្មាធិការជាតិសម្រាប់ការអភិវឌ្ឍ"
                "តាមបែបប្រជាធិបតេយ្យនៅថ្នាក់ក្រោមជាតិ (NCDD) "
                "កម្មវិធីអភិវឌ្ឍន៍សហប្រជាជាតិ (UNDP) ប្រចាំកម្ពុជា "
                "និងសម្ព័ន្ធភាពដើម្បីភាពជាដៃគូក្នុងការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ "
                "(CPDD) សិក្ខាសាលាមួយត្រូវបានរៀបចំឡើង "
                "ដើម្បីផ្សព្វផ្សាយលទ្ធផល និងបិទជាផ្លូវការនូវគម្រោង "
                f"“{PROJECT_TITLE_EN}”។"
            ),
            organisers=("ncdd", "undp-cambodia"),
            is_example=False,
        ),
        ActivitySpec(
            slug="gef-sgp-orientation-workshop-2025-09",
            kind="workshop",
            title_en="Orientation workshop on the GEF Small Grants Program",
            title_km="សិក្ខាសាលាតម្រង់ទិសស្តីពីកម្មវិធីជំនួយឥតសំណងខ្នាតតូចរបស់ GEF",
            starts_at=_day(date(2025, 9, 2)),
            ends_at=_day(date(2025, 9, 4)),
            province="17",
            venue_en="Angkor Paradise Hotel",
            venue_km="សណ្ឋាគារ Angkor Paradise",
            objectives_en=(
                "A three-day orientation workshop organized by the CPDD "
                "Secretariat from 2\u20134 September 2025. The main objectives of the "
                "workshop were:\n\n"
                "- To provide updates on the Global Environment Facility (GEF) "
                "Small Grants Program\n"
                "- To provide guidance on project management, with a focus on the "
                "Memorandum […]"
            ),
            objectives_km=(
                "សិក្ខាសាលាតម្រង់ទិសរយៈពេលបីថ្ងៃ "
                "ដែលរៀបចំដោយលេខាធិការដ្ឋាន CPDD ពីថ្ងៃទី២ ដល់ថ្ងៃទី៤ ខែកញ្ញា "
                "ឆ្នាំ២០២៥។ គោលបំណងចម្បងនៃសិក្ខាសាលា៖\n\n"
                "- ផ្តល់ព័ត៌មានថ្មីៗអំពីកម្មវិធីជំនួយឥតសំណងខ្នាតតូចរបស់មូលនិធិបរិស្ថានសកល "
                "(GEF)\n"
                "- ផ្តល់ការណែនាំអំពីការគ្រប់គ្រងគម្រោង ដោយផ្តោតលើអនុស្សរណៈ […]"
            ),
            is_example=False,
        ),
        ActivitySpec(
            slug="mou-signing-thankscarbon-2025-07-09",
            kind="mou_signing",
            title_en="MoU signing with ThanksCarbon",
            title_km="ពិធីចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់ជាមួយ ThanksCarbon",
            starts_at=_day(date(2025, 7, 9)),
            ends_at=_day(date(2025, 7, 9)),
            province="12",
            venue_en="CPDD Office",
            venue_km="ការិយាល័យ CPDD",
            objectives_en=(
                "On Wednesday afternoon, 9 July 2025, the Coalition for Partnership "
                "in Democratic Development (CPDD) signed a Memorandum of "
                "Understanding with ThanksCarbon for the implementation of the "
                "project in three provinces: Takeo, Kampong Speu, and Pursat. A "
                "total of six participants attended, including members from the "
                "ThanksCarbon team, fertilizer manufacturers, and the CPDD "
                "Secretariat."
            ),
            objectives_km=(
                "នៅរសៀលថ្ងៃពុធ ទី៩ ខែកក្កដា ឆ្នាំ២០២៥ CPDD "
                "បានចុះអនុស្សរណៈនៃការយោគយល់គ្នាជាមួយ ThanksCarbon "
                "សម្រាប់ការអនុវត្តគម្រោងនៅខេត្តចំនួនបី៖ តាកែវ កំពង់ស្ពឺ និងពោធិ៍សាត់។ "
                "អ្នកចូលរួមសរុបចំនួនប្រាំមួយនាក់ រួមមានសមាជិកក្រុមការងារ ThanksCarbon "
                "អ្នកផលិតជី និងលេខាធិការដ្ឋាន CPDD។"
            ),
            partners=("thankscarbon",),
            is_example=False,
            figures={"other": (0, 0, 6)},
        ),
        ActivitySpec(
            slug="mou-signing-pdaff-pursat-2025-07-04",
            kind="mou_signing",
            title_en=(
                "MoU signing with the Pursat Provincial Department of Agriculture, "
                "Forestry and Fisheries"
            ),
            title_km=(
                "ពិធីចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់ជាមួយមន្ទីរកសិកម្ម "
                "រុក្ខាប្រមាញ់ និងនេសាទខេត្តពោធិ៍សាត់"
            ),
            starts_at=_day(date(2025, 7, 4)),
            ends_at=_day(date(2025, 7, 4)),
            province="15",
            venue_en="Pursat Department of Agriculture, Forestry and Fisheries",
            venue_km="មន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ និងនេសាទខេត្តពោធិ៍សាត់",
            objectives_en=(
                "On Friday morning, 4 July 2025, the Coalition for Partnership in "
                "Democratic Development (CPDD) met with and signed a Memorandum of "
                "Understanding with the Provincial Department of Agriculture, "
                "Forestry and Fisheries. The meeting was attended by 13 "
                "participants, including representatives from the Department of "
                "Agriculture and the CPDD."
            ),
            objectives_km=(
                "នៅព្រឹកថ្ងៃសុក្រ ទី៤ ខែកក្កដា ឆ្នាំ២០២៥ CPDD "
                "បានជួបប្រជុំ និងចុះអនុស្សរណៈនៃការយោគយល់គ្នាជាមួយមន្ទីរកសិកម្ម "
                "រុក្ខាប្រមាញ់ និងនេសាទខេត្ត។ កិច្ចប្រជុំមានអ្នកចូលរួមចំនួន ១៣ នាក់ "
                "រួមមានតំណាងមន្ទីរកសិកម្ម និង CPDD។"
            ),
            partners=("pdaff-pursat",),
            is_example=False,
            figures={"other": (0, 0, 13)},
        ),
        ActivitySpec(
            slug="mou-signing-pdaff-kampong-speu-2025-07-03",
            kind="mou_signing",
            title_en=(
                "MoU signing with the Kampong Speu Provincial Department of "
                "Agriculture, Forestry and Fisheries"
            ),
            title_km=(
                "ពិធីចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់ជាមួយមន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ និងនេសាទខេត្តកំពង់ស្ពឺ"
            ),
            starts_at=_day(date(2025, 7, 3)),
            ends_at=_day(date(2025, 7, 3)),
            province="05",
            venue_en=(
                "Kampong Speu Provincial Department of Agriculture, Forestry and "
                "Fisheries"
            ),
            venue_km="មន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ និងនេសាទខេត្តកំពង់ស្ពឺ",
            objectives_en=(
                "On Thursday morning, 3 July 2025, the Coalition for Partnership in "
                "Democratic Development (CPDD) met with and signed a Memorandum of "
                "Understanding with the Kampong Speu Provincial Department of "
                "Agriculture. The meeting was attended by 14 participants, "
                "including representatives from the Department of Agriculture."
            ),
            objectives_km=(
                "នៅព្រឹកថ្ងៃព្រហស្បតិ៍ ទី៣ ខែកក្កដា ឆ្នាំ២០២៥ CPDD "
                "បានជួបប្រជុំ និងចុះអនុស្សរណៈនៃការយោគយល់គ្នាជាមួយមន្ទីរកសិកម្មខេត្តកំពង់ស្ពឺ។ "
                "កិច្ចប្រជុំមានអ្នកចូលរួមចំនួន ១៤ នាក់ រួមមានតំណាងមន្ទីរកសិកម្ម។"
            ),
            partners=("pdaff-kampong-speu",),
            is_example=False,
            figures={"other": (0, 0, 14)},
        ),
    ]


def _congress_day(year):
    return _nth_weekday(year, 12, 3, 2)  # the second Thursday of December


def _annual_congresses(today):
    """One per year since CPDD registered (July 2017), up to the next one."""
    last_year = today.year if _congress_day(today.year) >= today else today.year + 1
    specs = []
    for year in range(2017, last_year + 1):
        day = _congress_day(year)
        upcoming = day >= today
        specs.append(
            ActivitySpec(
                slug=f"annual-congress-{year}",
                kind="annual_congress",
                title_en=f"CPDD Annual Congress {year}",
                title_km=f"សមាជប្រចាំឆ្នាំ CPDD ឆ្នាំ{km(year)}",
                starts_at=_at(day, 8),
                ends_at=_at(day, 17),
                province="12",
                objectives_en=(
                    "Review the year's work of the coalition and its members on "
                    "decentralisation and deconcentration reform, approve the "
                    f"reports and agree on the priorities for {year + 1}."
                ),
                objectives_km=(
                    "ពិនិត្យឡើងវិញនូវការងារប្រចាំឆ្នាំរបស់សម្ព័ន្ធភាព "
                    "និងសមាជិកលើកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការ អនុម័តរបាយការណ៍ "
                    f"និងឯកភាពលើអាទិភាពសម្រាប់ឆ្នាំ{km(year + 1)}។"
                ),
                themes=("decentralisation", "civic-engagement"),
                accepts_registrations=upcoming,
                capacity=150 if upcoming else None,
                figures={}
                if upcoming
                else _random_figures("annual_congress", _rng(f"congress-{year}")),
            )
        )
    return specs


def _working_group_meetings(today):
    """Monthly WGPD and DDWG meetings, members only, from 2016 to two months
    ahead; the past ones have minutes."""
    end = today + timedelta(days=62)
    specs = []
    for year, month in _months(HISTORY_START, end):
        for group, day, hours, title_km in (
            (
                "wgpd",
                _nth_weekday(year, month, 2, 2),
                (14, 16),
                "កិច្ចប្រជុំប្រចាំខែរបស់ WGPD",
            ),
            (
                "ddwg",
                _nth_weekday(year, month, 3, -1),
                (9, 11),
                "កិច្ចប្រជុំប្រចាំខែរបស់ DDWG",
            ),
        ):
            slug = f"{group}-monthly-meeting-{year}-{month:02d}"
            past = day < today
            next_ddwg = group == "ddwg" and not past and (day - today).days <= 31
            specs.append(
                ActivitySpec(
                    slug=slug,
                    kind="meeting",
                    title_en=f"{group.upper()} monthly meeting, {_month_en(day)}",
                    title_km=f"{title_km} {_month_km(day)}",
                    starts_at=_at(day, hours[0]),
                    ends_at=_at(day, hours[1], 30),
                    province="12",
                    venue_en="CPDD office",
                    venue_km="ការិយាល័យ CPDD",
                    objectives_en=(
                        "Members share updates on their work on decentralisation "
                        "reform, follow up the actions agreed last month and plan "
                        "joint advocacy."
                    ),
                    objectives_km=(
                        "សមាជិកចែករំលែកព័ត៌មានថ្មីៗអំពីការងាររបស់ខ្លួនលើកំណែទម្រង់"
                        "វិមជ្ឈការ តាមដានសកម្មភាពដែលបានឯកភាពកាលពីខែមុន "
                        "និងរៀបចំផែនការតស៊ូមតិរួម។"
                    ),
                    visibility="members",
                    working_group=group,
                    themes=("decentralisation",),
                    accepts_registrations=next_ddwg,
                    capacity=30 if next_ddwg else None,
                    figures=_random_figures("meeting", _rng(slug)) if past else {},
                    minutes=past,
                )
            )
    return specs


def _planning_meetings(today):
    """The secretariat's quarterly planning: internal, seen by staff only."""
    specs = []
    for year in range(HISTORY_START.year, today.year + 1):
        for quarter, month in enumerate((1, 4, 7, 10), start=1):
            day = _nth_weekday(year, month, 0, 2)
            if day >= today:
                continue
            slug = f"secretariat-planning-{year}-q{quarter}"
            specs.append(
                ActivitySpec(
                    slug=slug,
                    kind="meeting",
                    title_en=f"Secretariat planning meeting, Q{quarter} {year}",
                    title_km=(
                        "កិច្ចប្រជុំរៀបចំផែនការរបស់លេខាធិការដ្ឋាន "
                        f"ត្រីមាសទី{km(quarter)} ឆ្នាំ{km(year)}"
                    ),
                    starts_at=_at(day, 9),
                    ends_at=_at(day, 12),
                    province="12",
                    venue_en="CPDD office",
                    venue_km="ការិយាល័យ CPDD",
                    visibility="internal",
                    figures={"cso": (_rng(slug).randint(2, 4), 3, 0)},
                )
            )
    return specs


def _generated_history(districts_by_province, provinces, members):
    """A few hundred activities over 2016-2026, the same on every run."""
    rng = random.Random(SEED)
    kinds = list(KIND_WEIGHTS)
    codes = sorted(provinces)
    weights = [PROVINCE_WEIGHTS.get(code, 1) for code in codes]
    span = (HISTORY_END - HISTORY_START).days
    specs, slugs = [], set()
    for _ in range(GENERATED_ACTIVITIES):
        kind = rng.choices(kinds, [KIND_WEIGHTS[k] for k in kinds])[0]
        province = provinces[rng.choices(codes, weights)[0]]
        district = rng.choice(districts_by_province[province.code])
        day = HISTORY_START + timedelta(days=rng.randrange(span))
        day -= timedelta(days=max(day.weekday() - 4, 0))  # move weekends to Friday
        title_en, title_km, themes = rng.choice(TEMPLATES[kind])
        days = 2 if kind == "training" and rng.random() < 0.4 else 1
        visibility = rng.choices(["public", "members", "internal"], [90, 6, 4])[0]
        organisers = tuple(rng.sample(members, k=min(len(members), rng.randint(0, 2))))
        slug = slugify(f"{kind} {district.name_en} {day:%Y-%m-%d}").replace("_", "-")
        while slug in slugs:
            slug += "-2"
        slugs.add(slug)
        place_en, place_km = _place(district, province)
        specs.append(
            ActivitySpec(
                slug=slug,
                kind=kind,
                title_en=title_en.format(place=place_en),
                title_km=title_km.format(place=place_km),
                starts_at=_at(day, 8),
                ends_at=_at(day + timedelta(days=days - 1), 16 if days > 1 else 12),
                province=province.code,
                district=district.code,
                organisers=organisers,
                themes=themes,
                visibility=visibility,
                figures=_random_figures(kind, rng),
            )
        )
    return specs


def _project_activities(districts):
    """The UNDP project's work in its three municipalities, 2023-2024."""
    rng = random.Random(SEED + 4)
    specs = []
    for code in ("0305", "1710", "1602"):
        district = districts[code]
        for step in range(9):
            month = date(2023, 3, 1) + timedelta(days=75 * step + rng.randrange(20))
            day = month - timedelta(days=max(month.weekday() - 4, 0))
            kind = ("training", "consultation", "forum")[step % 3]
            title_en, title_km, themes = TEMPLATES[kind][0]
            place_en, place_km = _place(district, district.province)
            specs.append(
                ActivitySpec(
                    slug=f"stalg-{kind}-{slugify(district.name_en)}-{day:%Y-%m-%d}",
                    kind=kind,
                    title_en=title_en.format(place=place_en),
                    title_km=title_km.format(place=place_km),
                    starts_at=_at(day, 8),
                    ends_at=_at(day, 16),
                    province=district.province.code,
                    district=code,
                    partners=(EXAMPLE_DONOR,),
                    themes=(*themes, "social-accountability"),
                    project=PROJECT_SLUG,
                    figures=_random_figures(kind, rng, scale=1.3),
                    photos=2 if step == 8 else 0,
                )
            )
    return specs


def _upcoming_activities(today, districts):
    """A public training and forum next month; the training takes registrations."""
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    training_day = _nth_weekday(first.year, first.month, 1, 1)
    forum_day = _nth_weekday(first.year, first.month, 3, 3)
    specs = []
    for kind, code, day, registrations in (
        ("training", "0203", training_day, True),
        ("forum", "1710", forum_day, False),
    ):
        district = districts[code]
        place_en, place_km = _place(district, district.province)
        title_en, title_km, themes = TEMPLATES[kind][0]
        specs.append(
            ActivitySpec(
                slug=f"{kind}-{slugify(district.name_en)}-{day:%Y-%m-%d}",
                kind=kind,
                title_en=title_en.format(place=place_en),
                title_km=title_km.format(place=place_km),
                starts_at=_at(day, 8),
                ends_at=_at(day, 16),
                province=district.province.code,
                district=code,
                organisers=(DEMO_MEMBER,) if code == "0203" else (),
                themes=themes,
                accepts_registrations=registrations,
                capacity=25 if registrations else None,
                objectives_en=(
                    "Strengthen the capacity of community-based organisations to "
                    "monitor local services and take part in district planning."
                    if kind == "training"
                    else "Citizens question the municipal administration about "
                    "local services."
                ),
                objectives_km=(
                    "ពង្រឹងសមត្ថភាពអង្គការសហគមន៍មូលដ្ឋាន "
                    "ក្នុងការតាមដានសេវាមូលដ្ឋាន និងចូលរួមក្នុងការរៀបចំផែនការស្រុក។"
                    if kind == "training"
                    else "ពលរដ្ឋសួរសំណួររដ្ឋបាលក្រុងអំពីសេវាមូលដ្ឋាន។"
                ),
            )
        )
    return specs


# --------------------------------------------------------------------------
# Files: a one-page PDF and placeholder photos, made here, small.
# --------------------------------------------------------------------------


def _pdf(lines):
    """A valid one-page PDF showing `lines` (ASCII) in Helvetica."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"({escape(line)}) '" for line in lines)
    stream = f"BT /F1 12 Tf 72 780 Td 18 TL {shown} ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _photo(slug, number):
    """A placeholder photo, through the same checks and re-encoding as uploads."""
    rng = _rng(f"photo-{slug}-{number}")
    dark = tuple(rng.randint(10, 90) for _ in range(3))
    light = tuple(rng.randint(150, 240) for _ in range(3))
    gradient = Image.linear_gradient("L").resize((1200, 800)).rotate(rng.randint(0, 90))
    image = ImageOps.colorize(gradient, dark, light)
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randint(0, 1100), rng.randint(0, 700)
        size = rng.randint(60, 220)
        draw.ellipse((x, y, x + size, y + size), outline=light, width=6)
    draw.text((40, 740), f"CPDD demo photo: {slug} #{number}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    upload = SimpleUploadedFile(f"{slug}-{number}.jpg", buffer.getvalue())
    return clean_image_upload(upload).as_content_file()


# --------------------------------------------------------------------------
# Writing.
# --------------------------------------------------------------------------


def _upsert(model, lookup, values, existing=None):
    """Create, or save only when something changed (keeps history quiet)."""
    obj = existing if existing is not None else model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def _organisations(slugs):
    found = {o.slug: o for o in Organization.objects.filter(slug__in=slugs)}
    for slug in set(slugs) - set(found):
        acronym, name_en, name_km, kind = FALLBACK_ORGANISATIONS[slug]
        found[slug] = Organization.objects.create(
            slug=slug, acronym=acronym, name_en=name_en, name_km=name_km, kind=kind
        )
    return found


def _working_groups():
    names = {
        "wgpd": "Working Group for Partnerships in Decentralization",
        "ddwg": "Decentralization and Deconcentration Reform Working Group",
    }
    return {
        slug: WorkingGroup.objects.get_or_create(
            slug=slug, defaults={"acronym": slug.upper(), "name_en": name}
        )[0]
        for slug, name in names.items()
    }


def _write_project(organisations, provinces, districts):
    """A fictional project, for the example activities and case studies."""
    project = _upsert(
        Project,
        {"slug": PROJECT_SLUG},
        {
            "title_en": "Example Civic Engagement Project (fictional)",
            "title_km": "គម្រោងឧទាហរណ៍ស្តីពីការចូលរួមរបស់ពលរដ្ឋ (ប្រឌិត)",
            "description_en": (
                "A fictional project, made up to show how the portal follows a "
                "project's activities and case studies."
            ),
            "description_km": (
                "គម្រោងប្រឌិត ដែលបង្កើតឡើងដើម្បីបង្ហាញពីរបៀបដែលវិបផតថលតាមដាន"
                "សកម្មភាព និងករណីសិក្សារបស់គម្រោងមួយ។"
            ),
            "starts_on": date(2023, 2, 1),
            "ends_on": date(2024, 12, 31),
        },
    )
    project.donors.set([organisations[EXAMPLE_DONOR]])
    project.partners.set([])
    project.provinces.set([provinces[code] for code in ("03", "17", "16")])
    project.districts.set([districts[code] for code in ("0305", "1710", "1602")])
    return {PROJECT_SLUG: project}


def _write_activities(
    specs, *, organisations, provinces, districts, groups, projects, themes
):
    existing = {
        a.slug: a for a in Activity.objects.filter(slug__in=[s.slug for s in specs])
    }
    activities = {}
    for spec in specs:
        district = districts.get(spec.district)
        activities[spec.slug] = _upsert(
            Activity,
            {"slug": spec.slug},
            {
                "kind": spec.kind,
                "title_en": spec.title_en,
                "title_km": spec.title_km,
                "starts_at": spec.starts_at,
                "ends_at": spec.ends_at,
                "venue_en": spec.venue_en,
                "venue_km": spec.venue_km or None,
                "objectives_en": spec.objectives_en,
                "objectives_km": spec.objectives_km or None,
                "outcomes_en": spec.outcomes_en,
                "outcomes_km": spec.outcomes_km or None,
                "province_id": provinces[spec.province].pk,
                "district_id": district.pk if district else None,
                "project_id": projects[spec.project].pk if spec.project else None,
                "working_group_id": groups[spec.working_group].pk
                if spec.working_group
                else None,
                "visibility": spec.visibility,
                "accepts_registrations": spec.accepts_registrations,
                "capacity": spec.capacity,
                "is_example": spec.is_example,
            },
            existing.get(spec.slug),
        )
    for relation, attribute, lookup in (
        ("organisers", "organization_id", organisations),
        ("partners", "organization_id", organisations),
        ("themes", "theme_id", themes),
    ):
        through = getattr(Activity, relation).through
        through.objects.bulk_create(
            [
                through(
                    activity_id=activities[spec.slug].pk, **{attribute: lookup[key].pk}
                )
                for spec in specs
                for key in getattr(spec, relation)
            ],
            ignore_conflicts=True,
        )
    ParticipationFigure.objects.bulk_create(
        [
            ParticipationFigure(
                activity=activities[spec.slug],
                stakeholder_group=group,
                female=female,
                male=male,
                other=other,
            )
            for spec in specs
            for group, (female, male, other) in spec.figures.items()
        ],
        update_conflicts=True,
        unique_fields=["activity", "stakeholder_group"],
        update_fields=["female", "male", "other"],
    )
    return activities


def _forget_made_up(specs, activities, organisations, themes):
    """On a database loaded by an older demo, remove what it made up about
    the activities the texts report: the Battambang consultations' days,
    figures, people and files they do not give, the old project's agreement."""
    for activity in Activity.objects.filter(slug__startswith="joint-consultation-"):
        # One with registrations stays: the secretariat's to decide.
        with suppress(ProtectedError, RestrictedError):
            activity.delete()
    for spec in specs:
        activity = activities[spec.slug]
        # Older demos drew other organisers for the same activities.
        for relation in ("organisers", "partners"):
            keys = getattr(spec, relation)
            set_exactly(getattr(activity, relation), [organisations[k] for k in keys])
        if spec.is_example:
            continue
        activity.participation.exclude(
            stakeholder_group__in=list(spec.figures)
        ).delete()
        activity.documents.all().delete()
        activity.photos.all().delete()
        set_exactly(activity.themes, [themes[key] for key in spec.themes])
    Agreement.objects.filter(
        title_en__startswith="Partnership agreement: Strengthening Transparency"
    ).delete()


# The slugs the demo's generators make: kind, place, date.
GENERATED_SLUG = re.compile(
    r"^(joint-consultation|training|consultation|forum|field-visit|workshop|meeting"
    r"|stalg-[a-z-]+)-"
    r"[a-z0-9-]+-\d{4}-\d{2}(-\d{2})?$"
)


def forget_stale(today=None):
    """Activities an older demo generated that this one no longer builds (the
    days it made up for the Battambang consultations among them), and their
    news: run after casestudies.demo, which unlinks them from case studies."""
    today = today or timezone.localdate()
    provinces = {p.code: p for p in Province.objects.all()}
    districts = {d.code: d for d in District.objects.select_related("province")}
    by_province = {}
    for district in sorted(districts.values(), key=lambda d: d.code):
        by_province.setdefault(district.province.code, []).append(district)
    members = list(
        Organization.objects.active_members()
        .filter(is_example=True)
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    current = {
        spec.slug
        for spec in _generated_history(by_province, provinces, members)
        + _project_activities(districts)
        + _upcoming_activities(today, districts)
    }
    for activity in Activity.objects.exclude(slug__in=current).filter(is_example=False):
        if not GENERATED_SLUG.match(activity.slug):
            continue
        with suppress(ProtectedError, RestrictedError), transaction.atomic():
            activity.news_posts.clear()
            activity.delete()


def _project_activity_slugs(specs):
    return [spec.slug for spec in specs if spec.project == PROJECT_SLUG]


def _write_files(specs, activities):
    with_documents = set(
        ActivityDocument.objects.filter(activity__in=activities.values()).values_list(
            "activity_id", flat=True
        )
    )
    with_photos = set(
        ActivityPhoto.objects.filter(activity__in=activities.values()).values_list(
            "activity_id", flat=True
        )
    )
    for spec in specs:
        activity = activities[spec.slug]
        if spec.minutes and activity.pk not in with_documents:
            ActivityDocument.objects.create(
                activity=activity,
                kind=ActivityDocument.Kind.MINUTES,
                title_en=f"Minutes: {spec.title_en}",
                title_km=f"កំណត់ហេតុ៖ {spec.title_km}",
                file=ContentFile(
                    _pdf([f"Minutes - {spec.title_en}", "CPDD demo document."]),
                    name=f"minutes-{spec.slug}.pdf",
                ),
            )
        if spec.photos and activity.pk not in with_photos:
            for number in range(1, spec.photos + 1):
                ActivityPhoto.objects.create(
                    activity=activity,
                    image=_photo(spec.slug, number),
                    caption_en=f"{spec.title_en}: photo {number}",
                    caption_km=f"{spec.title_km}៖ រូបថតទី{km(number)}",
                    position=number,
                )
    # Reports of every visibility, on an example activity of the project.
    closing = activities[_project_activity_slugs(specs)[-1]]
    if closing.pk not in with_documents:
        for kind, title_en, title_km, visibility in (
            ("report", "Workshop report", "របាយការណ៍សិក្ខាសាលា", "public"),
            (
                "report",
                "Financial report to the donor",
                "របាយការណ៍ហិរញ្ញវត្ថុជូនម្ចាស់ជំនួយ",
                "internal",
            ),
        ):
            ActivityDocument.objects.create(
                activity=closing,
                kind=kind,
                title_en=title_en,
                title_km=title_km,
                visibility=visibility,
                file=ContentFile(
                    _pdf([title_en, closing.title_en[:90], "CPDD demo document."]),
                    name=f"{slugify(title_en)}.pdf",
                ),
            )


def _write_agreements(activities, organisations, provinces, projects):
    today = timezone.localdate()
    rows = [
        (
            "MoU between CPDD and ThanksCarbon",
            "អនុស្សរណៈនៃការយោគយល់រវាង CPDD និងក្រុមហ៊ុន ThanksCarbon",
            ("thankscarbon",),
            ("21", "05", "15"),
            date(2025, 7, 9),
            "mou-signing-thankscarbon-2025-07-09",
            None,
        ),
        (
            "MoU between CPDD and the Pursat Provincial Department of Agriculture, "
            "Forestry and Fisheries",
            "អនុស្សរណៈនៃការយោគយល់រវាង CPDD និងមន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ និងនេសាទខេត្តពោធិ៍សាត់",
            ("pdaff-pursat",),
            ("15",),
            date(2025, 7, 4),
            "mou-signing-pdaff-pursat-2025-07-04",
            None,
        ),
        (
            "MoU between CPDD and the Kampong Speu Provincial Department of "
            "Agriculture, Forestry and Fisheries",
            "អនុស្សរណៈនៃការយោគយល់រវាង CPDD និងមន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ និងនេសាទខេត្តកំពង់ស្ពឺ",
            ("pdaff-kampong-speu",),
            ("05",),
            date(2025, 7, 3),
            "mou-signing-pdaff-kampong-speu-2025-07-03",
            None,
        ),
        (
            "Partnership agreement: Example Civic Engagement Project (fictional)",
            "កិច្ចព្រមព្រៀងភាពជាដៃគូ៖ គម្រោងឧទាហរណ៍ស្តីពីការចូលរួមរបស់ពលរដ្ឋ (ប្រឌិត)",
            (EXAMPLE_DONOR,),
            ("03", "17", "16"),
            date(2023, 2, 1),
            None,
            PROJECT_SLUG,
        ),
    ]
    agreements = []
    for title_en, title_km, parties, codes, signed_on, activity, project in rows:
        # The texts give the signing of the real MoUs, not their terms; the
        # fictional project's agreement ran with it.
        starts_on = signed_on if project else None
        ends_on = date(2024, 12, 31) if project else None
        status = ("active" if ends_on >= today else "expired") if project else "signed"
        agreement = _upsert(
            Agreement,
            {"title_en": title_en},
            {
                "title_km": title_km,
                "status": status,
                "signed_on": signed_on,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "signing_activity_id": activities[activity].pk if activity else None,
                "project_id": projects[project].pk if project else None,
            },
        )
        agreement.parties.set([organisations[slug] for slug in parties])
        agreement.provinces.set([provinces[code] for code in codes])
        if not project and agreement.document:
            agreement.document = ""  # older demos made a "signed copy" up
            agreement.save()
        if project and not agreement.document:
            agreement.document.save(
                f"{slugify(title_en)[:60]}.pdf",
                ContentFile(_pdf([title_en[:90], "Signed copy (demo document)."])),
            )
        agreements.append(agreement)
    return agreements


# The posts that report what the texts say; the others are examples.
SEED_NEWS = {
    "project-closing-workshop-transparency-accountability",
    "gef-small-grants-orientation-siem-reap",
    "mou-thankscarbon-takeo-kampong-speu-pursat",
    "mou-pursat-department-of-agriculture",
    "mou-kampong-speu-department-of-agriculture",
    "battambang-districts-endorse-joint-recommendations",
}


def _news_specs(today, activities):
    """(slug, published_at, status, activity slugs, themes, en, km) per post,
    en and km being (title, summary, body)."""
    posts = [
        (
            "project-closing-workshop-transparency-accountability",
            _at(date(2025, 9, 19), 10),
            ["project-closing-workshop-2025-09-18"],
            ("social-accountability", "civic-engagement"),
            (
                "Workshop disseminates the results of the project “Strengthening "
                "Transparency […]” and closes it",
                "On 18 September 2025 at the Hyatt Regency Phnom Penh, NCDD, UNDP "
                "in Cambodia and CPDD disseminated the results of the project and "
                "officially closed it.",
                "On Thursday, 18 September 2025, with the collaboration and support "
                "of the National Committee for Sub-National Democratic Development "
                "(NCDD), the United Nations Development Programme (UNDP) in "
                "Cambodia and the Coalition for Partnership in Democratic "
                "Development (CPDD), a workshop was organised at the Hyatt Regency "
                "Phnom Penh to disseminate the results of the project "
                f"**“{PROJECT_TITLE_EN}”** and to close it officially.",
            ),
            (
                "សិក្ខាសាលាផ្សព្វផ្សាយលទ្ធផល និងបិទគម្រោង “Strengthening Transparency […]”",
                "នៅថ្ងៃទី១៨ ខែកញ្ញា ឆ្នាំ២០២៥ នៅសណ្ឋាគារ Hyatt Regency Phnom Penh "
                "NCDD UNDP ប្រចាំកម្ពុជា និង CPDD "
                "បានផ្សព្វផ្សាយលទ្ធផល និងបិទគម្រោងជាផ្លូវការ។",
                "នៅថ្ងៃព្រហស្បតិ៍ ទី១៨ ខែកញ្ញា ឆ្នាំ២០២៥ ក្រោមកិច្ចសហការ "
                "និងការគាំទ្រពីគណៈកម្មាធិការជាតិសម្រាប់ការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ"
                "នៅថ្នាក់ក្រោមជាតិ (NCDD) កម្មវិធីអភិវឌ្ឍន៍សហប្រជាជាតិ (UNDP) "
                "ប្រចាំកម្ពុជា និងសម្ព័ន្ធភាពដៃគូដើម្បីការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ "
                "(CPDD) សិក្ខាសាលាមួយត្រូវបានរៀបចំឡើងនៅសណ្ឋាគារ Hyatt Regency "
                "Phnom Penh ដើម្បីផ្សព្វផ្សាយលទ្ធផល និងបិទជាផ្លូវការនូវគម្រោង "
                f"**“{PROJECT_TITLE_EN}”**។",
            ),
        ),
        (
            "gef-small-grants-orientation-siem-reap",
            _at(date(2025, 9, 5), 10),
            ["gef-sgp-orientation-workshop-2025-09"],
            ("climate-environment", "capacity-development"),
            (
                "Three-day orientation on the GEF Small Grants Program in Siem Reap",
                "On Tuesday, 2 September 2025, the CPDD Secretariat opened a "
                "three-day orientation workshop at the Angkor Paradise Hotel in "
                "Siem Reap.",
                "The workshop ran from 2 to 4 September 2025. Its main objectives "
                "were:\n\n"
                "- to provide updates on the Global Environment Facility (GEF) "
                "Small Grants Program;\n"
                "- to provide guidance on project management, with a focus on the "
                "Memorandum […]",
            ),
            (
                "វគ្គតម្រង់ទិសរយៈពេលបីថ្ងៃស្តីពីកម្មវិធីជំនួយឥតសំណងខ្នាតតូចរបស់ GEF នៅខេត្តសៀមរាប",
                "នៅថ្ងៃអង្គារ ទី២ ខែកញ្ញា ឆ្នាំ២០២៥ លេខាធិការដ្ឋាន CPDD "
                "បានបើកសិក្ខាសាលាតម្រង់ទិសរយៈពេលបីថ្ងៃ នៅសណ្ឋាគារ Angkor Paradise "
                "ខេត្តសៀមរាប។",
                "សិក្ខាសាលានេះបានប្រព្រឹត្តទៅចាប់ពីថ្ងៃទី២ ដល់ថ្ងៃទី៤ ខែកញ្ញា "
                "ឆ្នាំ២០២៥។ គោលបំណងចម្បងរបស់សិក្ខាសាលាគឺ៖\n\n"
                "- ផ្តល់ព័ត៌មានថ្មីៗអំពីកម្មវិធីជំនួយឥតសំណងខ្នាតតូច"
                "របស់មូលនិធិបរិស្ថានសកល (GEF)\n"
                "- ផ្តល់ការណែនាំអំពីការគ្រប់គ្រងគម្រោង "
                "ដោយផ្តោតលើអនុស្សរណៈ […]",
            ),
        ),
        (
            "mou-thankscarbon-takeo-kampong-speu-pursat",
            _at(date(2025, 7, 10), 10),
            ["mou-signing-thankscarbon-2025-07-09"],
            ("climate-environment", "agriculture"),
            (
                "CPDD signs an MoU with ThanksCarbon for Takeo, Kampong Speu and "
                "Pursat",
                "On the afternoon of Wednesday 9 July 2025, at the CPDD office, "
                "CPDD and ThanksCarbon signed a Memorandum of Understanding to "
                "implement the project in three provinces.",
                "The Coalition for Partnership in Democratic Development (CPDD) "
                "signed a Memorandum of Understanding with ThanksCarbon for the "
                "implementation of the project in three provinces: **Takeo, "
                "Kampong Speu and Pursat**.\n\n"
                "A total of six participants attended, including members of the "
                "ThanksCarbon team, fertiliser manufacturers and the CPDD "
                "Secretariat.",
            ),
            (
                "CPDD ចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់ជាមួយ ThanksCarbon "
                "សម្រាប់ខេត្តតាកែវ កំពង់ស្ពឺ និងពោធិ៍សាត់",
                "នៅរសៀលថ្ងៃពុធ ទី៩ ខែកក្កដា ឆ្នាំ២០២៥ នៅការិយាល័យ CPDD "
                "CPDD និងក្រុមហ៊ុន ThanksCarbon បានចុះហត្ថលេខាលើអនុស្សរណៈ"
                "នៃការយោគយល់ ដើម្បីអនុវត្តគម្រោងនៅក្នុងខេត្តចំនួនបី។",
                "សម្ព័ន្ធភាពដៃគូដើម្បីការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ (CPDD) "
                "បានចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់ជាមួយក្រុមហ៊ុន ThanksCarbon "
                "សម្រាប់ការអនុវត្តគម្រោងនៅក្នុងខេត្តចំនួនបី៖ **ខេត្តតាកែវ "
                "ខេត្តកំពង់ស្ពឺ និងខេត្តពោធិ៍សាត់**។\n\n"
                "អ្នកចូលរួមសរុបចំនួន ៦ នាក់ រួមមានសមាជិកក្រុមការងារ ThanksCarbon "
                "អ្នកផលិតជី និងលេខាធិការដ្ឋាន CPDD។",
            ),
        ),
        (
            "mou-pursat-department-of-agriculture",
            _at(date(2025, 7, 7), 10),
            ["mou-signing-pdaff-pursat-2025-07-04"],
            ("agriculture",),
            (
                "MoU signed with the Pursat Provincial Department of Agriculture, "
                "Forestry and Fisheries",
                "On Friday morning, 4 July 2025, CPDD met the Pursat Provincial "
                "Department of Agriculture, Forestry and Fisheries and signed a "
                "Memorandum of Understanding with it.",
                "The meeting, held at the Pursat Department of Agriculture, Forestry "
                "and Fisheries, was attended by **13 participants**, including "
                "representatives of the Department of Agriculture and the CPDD.",
            ),
            (
                "ការចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់ជាមួយមន្ទីរកសិកម្ម "
                "រុក្ខាប្រមាញ់ និងនេសាទខេត្តពោធិ៍សាត់",
                "នៅព្រឹកថ្ងៃសុក្រ ទី៤ ខែកក្កដា ឆ្នាំ២០២៥ CPDD បានជួបប្រជុំ "
                "និងចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់ជាមួយមន្ទីរកសិកម្ម "
                "រុក្ខាប្រមាញ់ និងនេសាទខេត្តពោធិ៍សាត់។",
                "កិច្ចប្រជុំដែលធ្វើឡើងនៅមន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ "
                "និងនេសាទខេត្តពោធិ៍សាត់ មាន**អ្នកចូលរួមចំនួន ១៣ នាក់** "
                "រួមមានតំណាងមន្ទីរកសិកម្ម និង CPDD។",
            ),
        ),
        (
            "mou-kampong-speu-department-of-agriculture",
            _at(date(2025, 7, 4), 15),
            ["mou-signing-pdaff-kampong-speu-2025-07-03"],
            ("agriculture",),
            (
                "MoU signed with the Kampong Speu Provincial Department of "
                "Agriculture, Forestry and Fisheries",
                "On Thursday morning, 3 July 2025, CPDD met the Kampong Speu "
                "Provincial Department of Agriculture and signed a Memorandum of "
                "Understanding with it.",
                "The meeting, held at the Kampong Speu Provincial Department of "
                "Agriculture, Forestry and Fisheries, was attended by **14 "
                "participants**, including representatives of the Department of "
                "Agriculture.",
            ),
            (
                "ការចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់ជាមួយមន្ទីរកសិកម្ម "
                "រុក្ខាប្រមាញ់ និងនេសាទខេត្តកំពង់ស្ពឺ",
                "នៅព្រឹកថ្ងៃព្រហស្បតិ៍ ទី៣ ខែកក្កដា ឆ្នាំ២០២៥ CPDD បានជួបប្រជុំ "
                "និងចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់ជាមួយមន្ទីរកសិកម្មខេត្តកំពង់ស្ពឺ។",
                "កិច្ចប្រជុំដែលធ្វើឡើងនៅមន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ "
                "និងនេសាទខេត្តកំពង់ស្ពឺ មាន**អ្នកចូលរួមចំនួន ១៤ នាក់** "
                "រួមមានតំណាងមន្ទីរកសិកម្ម។",
            ),
        ),
        (
            "battambang-districts-endorse-joint-recommendations",
            _at(date(2021, 12, 20), 10),
            [],
            ("civic-engagement", "decentralisation"),
            (
                "Seven Battambang districts endorse joint recommendations on civic "
                "engagement",
                "Between November and December 2021, joint consultation meetings "
                "between seven district administrations and CSOs in Battambang "
                "developed and endorsed joint lists of recommendations on civic "
                "engagement at district and municipality level.",
                "The CPDD secretariat compiled seven case studies of civic "
                "engagement at district and municipality level in Battambang "
                "province (Battambang municipality, Banan, Thma Koul, Bavel, Moung "
                "Ruessei, Kamrieng and Ratanak Mondol) based on the experience of "
                "its members Community training organization for Development "
                "(CTOD) and Aphivat Strey (AS).\n\n"
                "The study drew on field interviews with **367 respondents (209 "
                "women)** and on half-day joint consultation meetings between each "
                "district administration and CSOs, held between November and "
                "December 2021. The seven district administrations endorsed the "
                "joint lists of recommendations, which were then presented at "
                "provincial and national level.",
            ),
            (
                "ស្រុក និងក្រុងចំនួនប្រាំពីរនៅខេត្តបាត់ដំបង ឯកភាពលើអនុសាសន៍រួមស្តីពីការចូលរួមរបស់ពលរដ្ឋ",
                "ចន្លោះខែវិច្ឆិកា និងខែធ្នូ ឆ្នាំ២០២១ "
                "កិច្ចប្រជុំពិគ្រោះយោបល់រួមរវាងរដ្ឋបាលស្រុក និងក្រុងចំនួនប្រាំពីរ "
                "និងអង្គការសង្គមស៊ីវិលនៅខេត្តបាត់ដំបង បានរៀបចំ "
                "និងឯកភាពលើបញ្ជីអនុសាសន៍រួមស្តីពីការចូលរួមរបស់ពលរដ្ឋ"
                "នៅថ្នាក់ស្រុក និងក្រុង។",
                "លេខាធិការដ្ឋាន CPDD បានចងក្រងករណីសិក្សាចំនួនប្រាំពីរ "
                "ស្តីពីការចូលរួមរបស់ពលរដ្ឋនៅថ្នាក់ស្រុក និងក្រុង ក្នុងខេត្តបាត់ដំបង "
                "(ក្រុងបាត់ដំបង ស្រុកបាណន់ ស្រុកថ្មគោល ស្រុកបវេល ស្រុកមោងឫស្សី "
                "ស្រុកកំរៀង និងស្រុករតនមណ្ឌល) ដោយផ្អែកលើបទពិសោធន៍របស់សមាជិក "
                "គឺ Community training organization for Development (CTOD) "
                "និង Aphivat Strey (AS)។\n\n"
                "ការសិក្សានេះផ្អែកលើការសម្ភាសនៅមូលដ្ឋានជាមួយ**អ្នកផ្តល់ចម្លើយ "
                "៣៦៧ នាក់ (ស្ត្រី ២០៩ នាក់)** "
                "និងកិច្ចប្រជុំពិគ្រោះយោបល់រួមរយៈពេលកន្លះថ្ងៃ "
                "រវាងរដ្ឋបាលស្រុកនីមួយៗ និងអង្គការសង្គមស៊ីវិល "
                "ដែលបានធ្វើឡើងចន្លោះខែវិច្ឆិកា និងខែធ្នូ ឆ្នាំ២០២១។ "
                "រដ្ឋបាលស្រុក និងក្រុងទាំងប្រាំពីរ បានឯកភាពលើបញ្ជីអនុសាសន៍រួម "
                "ដែលត្រូវបានបង្ហាញបន្តនៅថ្នាក់ខេត្ត និងថ្នាក់ជាតិ។",
            ),
        ),
    ]
    specs = [
        (slug, when, "published", linked, themes, en, km_text)
        for slug, when, linked, themes, en, km_text in posts
    ]
    for year in range(2017, today.year + 1):
        slug = f"annual-congress-{year}"
        activity = activities.get(slug)
        if activity is None or activity.ends_at.date() >= today:
            continue
        specs.append(
            (
                f"annual-congress-{year}-report",
                activity.ends_at + timedelta(days=1),
                "published",
                [slug],
                ("decentralisation", "civic-engagement"),
                (
                    f"CPDD Annual Congress {year}",
                    "Member organisations met in Phnom Penh for the coalition's "
                    "Annual Congress to review the year's work on decentralisation "
                    f"reform and agree on priorities for {year + 1}.",
                    "Member organisations, government and development partners "
                    "reviewed the coalition's work of the year, approved its "
                    f"reports and agreed on the priorities for {year + 1}.",
                ),
                (
                    f"សមាជប្រចាំឆ្នាំ CPDD ឆ្នាំ{km(year)}",
                    "អង្គការសមាជិកបានជួបជុំគ្នានៅរាជធានីភ្នំពេញ "
                    "ក្នុងសមាជប្រចាំឆ្នាំរបស់សម្ព័ន្ធភាព "
                    "ដើម្បីពិនិត្យឡើងវិញនូវការងារប្រចាំឆ្នាំលើកំណែទម្រង់វិមជ្ឈការ "
                    f"និងឯកភាពលើអាទិភាពសម្រាប់ឆ្នាំ{km(year + 1)}។",
                    "អង្គការសមាជិក រាជរដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍ "
                    "បានពិនិត្យឡើងវិញនូវការងារប្រចាំឆ្នាំរបស់សម្ព័ន្ធភាព "
                    "អនុម័តរបាយការណ៍ "
                    f"និងឯកភាពលើអាទិភាពសម្រាប់ឆ្នាំ{km(year + 1)}។",
                ),
            )
        )
    next_congress = next(
        activity
        for slug, activity in sorted(activities.items())
        if slug.startswith("annual-congress-") and activity.accepts_registrations
    )
    year = next_congress.starts_at.year
    specs += [
        (
            "annual-congress-registration-open",
            timezone.now() - timedelta(days=2),
            "published",
            [next_congress.slug],
            ("decentralisation",),
            (
                f"Registration is open for the Annual Congress {year}",
                "Representatives of member organisations can now register their "
                "participants online.",
                "Sign in as your organisation's representative and open the Annual "
                "Congress page to register your participants by name. Places are "
                "limited.",
            ),
            (
                f"ការចុះឈ្មោះសម្រាប់សមាជប្រចាំឆ្នាំ {km(year)} បានបើកហើយ",
                "តំណាងអង្គការសមាជិកអាចចុះឈ្មោះអ្នកចូលរួមរបស់ខ្លួនតាមអនឡាញបានហើយ។",
                "សូមចូលគណនីក្នុងនាមជាតំណាងអង្គការរបស់អ្នក "
                "ហើយបើកទំព័រសមាជប្រចាំឆ្នាំ ដើម្បីចុះឈ្មោះអ្នកចូលរួម។ "
                "ចំនួនកៅអីមានកំណត់។",
            ),
        ),
        (
            "call-for-case-studies-civic-engagement",
            timezone.now() + timedelta(days=7),  # scheduled: not shown yet
            "published",
            [],
            ("civic-engagement",),
            (
                "Call for case studies on civic engagement at district level",
                "Members are invited to propose case studies for next year.",
                "Send the secretariat a short note on the district and the "
                "mechanism you would like to document.",
            ),
            (
                "ការអំពាវនាវឱ្យស្នើករណីសិក្សាស្តីពីការចូលរួមរបស់ពលរដ្ឋនៅថ្នាក់ស្រុក",
                "សមាជិកត្រូវបានអញ្ជើញឱ្យស្នើករណីសិក្សាសម្រាប់ឆ្នាំក្រោយ។",
                "សូមផ្ញើកំណត់ចំណាំខ្លីមួយទៅលេខាធិការដ្ឋាន អំពីស្រុក និងយន្តការដែលអ្នកចង់ចងក្រង។",
            ),
        ),
        (
            "lessons-from-the-ddwg-draft",
            None,
            "draft",
            [],
            ("decentralisation",),
            (
                "Twenty years of the DDWG: lessons for members",
                "A draft looking back at the working group since May 2005.",
                "To be completed by the secretariat.",
            ),
            (
                "ម្ភៃឆ្នាំនៃ DDWG៖ មេរៀនសម្រាប់សមាជិក",
                "សេចក្តីព្រាងក្រឡេកមើលក្រោយលើក្រុមការងារ ចាប់តាំងពីខែឧសភា ឆ្នាំ២០០៥។",
                "លេខាធិការដ្ឋាននឹងបំពេញបន្ថែម។",
            ),
        ),
    ]
    return specs


def _write_news(specs, activities, themes, staff):
    posts = {}
    existing = {
        p.slug: p for p in NewsPost.objects.filter(slug__in=[s[0] for s in specs])
    }
    for slug, when, status, _linked, _themes, en, km_text in specs:
        posts[slug] = _upsert(
            NewsPost,
            {"slug": slug},
            {
                "title_en": en[0],
                "is_example": slug not in SEED_NEWS,
                "summary_en": en[1],
                "body_en": en[2],
                "title_km": km_text[0],
                "summary_km": km_text[1],
                "body_km": km_text[2],
                "status": status,
                # A relative time ("two days ago") is set once, then kept.
                "published_at": existing[slug].published_at
                if slug in existing and existing[slug].published_at
                else when,
                "author_id": staff.pk,
            },
            existing.get(slug),
        )
    for relation, attribute, lookup, index in (
        ("activities", "activity_id", activities, 3),
        ("themes", "theme_id", themes, 4),
    ):
        through = getattr(NewsPost, relation).through
        through.objects.bulk_create(
            [
                through(newspost_id=posts[spec[0]].pk, **{attribute: lookup[key].pk})
                for spec in specs
                for key in spec[index]
            ],
            ignore_conflicts=True,
        )
    return posts


def _write_registrations(activities, organisation, member):
    """CTOD's participants: three for the next congress, and two who attended
    the last one (counted from their registrations, on top of the figures)."""
    congresses = sorted(
        (a for slug, a in activities.items() if slug.startswith("annual-congress-")),
        key=lambda activity: activity.starts_at,
    )
    upcoming = [a for a in congresses if a.accepts_registrations]
    past = [a for a in congresses if a.ends_at < timezone.now()]
    people = [
        ("Sok Dara", "male", "Executive Director", False),
        ("Chan Sreymom", "female", "Programme Manager", False),
        ("Heng Bopha", "female", "Community Organiser", False),
    ]
    rows = [(upcoming[0], person) for person in people] if upcoming else []
    if past:
        rows += [
            (past[-1], ("Chan Sreymom", "female", "Programme Manager", True)),
            (past[-1], ("Heng Bopha", "female", "Community Organiser", True)),
        ]
    for activity, (name, sex, position, attended) in rows:
        Registration.objects.update_or_create(
            activity=activity,
            organization=organisation,
            participant_name=name,
            status=Registration.Status.REGISTERED,
            defaults={
                "sex": sex,
                "position": position,
                "registered_by": member,
                "attended": attended,
            },
        )
    return len(rows)


@transaction.atomic
def load(*, staff, member):
    """Fill events and news with demo data; return counts for printing."""
    today = timezone.localdate()
    provinces = {p.code: p for p in Province.objects.all()}
    districts = {d.code: d for d in District.objects.select_related("province")}
    districts_by_province = {}
    for district in districts.values():
        districts_by_province.setdefault(district.province.code, []).append(district)
    for values in districts_by_province.values():
        values.sort(key=lambda district: district.code)
    themes = {t.slug: t for t in Theme.objects.all()}
    # Example activities are organised by example members only.
    members = list(
        Organization.objects.active_members()
        .filter(is_example=True)
        .order_by("slug")
        .values_list("slug", flat=True)
    )

    specs = (
        _seed_activities()
        + _annual_congresses(today)
        + _working_group_meetings(today)
        + _planning_meetings(today)
        + _generated_history(districts_by_province, provinces, members)
        + _project_activities(districts)
        + _upcoming_activities(today, districts)
    )
    organisations = _organisations(
        sorted(
            {slug for spec in specs for slug in spec.organisers + spec.partners}
            | set(FALLBACK_ORGANISATIONS)
        )
    )
    groups = _working_groups()
    projects = _write_project(organisations, provinces, districts)
    activities = _write_activities(
        specs,
        organisations=organisations,
        provinces=provinces,
        districts=districts,
        groups=groups,
        projects=projects,
        themes=themes,
    )
    _forget_made_up(specs, activities, organisations, themes)
    _write_files(specs, activities)
    agreements = _write_agreements(activities, organisations, provinces, projects)
    news = _write_news(_news_specs(today, activities), activities, themes, staff)
    representing = (
        member.represented_organizations.first() or organisations[DEMO_MEMBER]
    )
    registrations = _write_registrations(activities, representing, member)
    return {
        "activities": len(activities),
        "participation figures": ParticipationFigure.objects.filter(
            activity__in=activities.values()
        ).count(),
        "documents": ActivityDocument.objects.filter(
            activity__in=activities.values()
        ).count(),
        "photos": ActivityPhoto.objects.filter(
            activity__in=activities.values()
        ).count(),
        "projects": len(projects),
        "agreements": len(agreements),
        "news posts": len(news),
        "registrations": registrations,
    }
