"""Demo data for the members app: organisations, contacts, dues, working groups.

`load(staff=..., member=...)` is idempotent: every row is keyed on a natural key
(an organisation's slug, a contact's name within its organisation, a
contribution's organisation and year, a status change's status and date), so
running it again updates the same rows and adds none.

The organisations named in the coalition's own texts come first, with only
what those texts say of them. The rest are examples (core.examples): the
fictional Example Youth Network that the demo representative signs in for,
and local NGOs and community-based organisations generated from a seeded
`random.Random(2026)` so every run builds the same ones, with their statuses,
dues and contacts (example.org addresses, no phone numbers). Never for
production.
"""

import random
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils.text import slugify

from core.models import District, Province, Theme

from .models import (
    Contact,
    Contribution,
    MembershipStatusChange,
    Organization,
    Representative,
    WorkingGroup,
)
from .services import record_membership_status

SEED = 2026
DUES_YEARS = range(2022, 2027)

APPLICANT = Organization.MembershipStatus.APPLICANT
ACTIVE = Organization.MembershipStatus.ACTIVE
SUSPENDED = Organization.MembershipStatus.SUSPENDED
LAPSED = Organization.MembershipStatus.LAPSED
WITHDRAWN = Organization.MembershipStatus.WITHDRAWN

LOCAL_NGO = Organization.Kind.LOCAL_NGO
INGO = Organization.Kind.INGO
CBO = Organization.Kind.CBO
NETWORK = Organization.Kind.NETWORK
GOVERNMENT = Organization.Kind.GOVERNMENT
DONOR = Organization.Kind.DEVELOPMENT_PARTNER
COMPANY = Organization.Kind.COMPANY

USD = Contribution.Currency.USD
KHR = Contribution.Currency.KHR

CPDD_REGISTERED = date(2017, 7, 1)


@dataclass
class ContactSpec:
    name: str
    sex: str
    position: str
    phone: str
    email: str
    is_public: bool = False


@dataclass
class OrgSpec:
    slug: str
    acronym: str
    name_en: str
    name_km: str
    kind: str
    head_office: str | None  # NCDD province code
    provinces: tuple
    themes: tuple
    founded: int | None
    description_en: str
    description_km: str
    website: str = ""
    phone: str = ""
    registration_number: str = ""
    # (status, effective_on, note), oldest first. Empty for partners.
    history: tuple = ()
    contacts: list = field(default_factory=list)
    generated: bool = False
    # A member the texts name without a date of joining: active, no history.
    member: bool = False
    is_example: bool = False
    # (year, amount, currency, paid_on, reference, note)
    dues: list = field(default_factory=list)

    def __post_init__(self):
        self.is_example = self.is_example or self.generated

    @property
    def status(self):
        if self.member and not self.history:
            return ACTIVE
        return self.history[-1][0] if self.history else ""

    @property
    def joined_on(self):
        return next((d for s, d, _ in self.history if s == ACTIVE), None)


# --------------------------------------------------------------------------
# The organisations named in the coalition's texts (../shared/seeds), with
# only what those texts say: the name and acronym as written there, and a
# description that repeats them. Founding years, provinces, themes, Khmer
# names, websites, dates of joining and dues are not in the texts, so they
# stay empty; the kind is the closest category the portal offers.
# --------------------------------------------------------------------------

WGPD_TEXT = (
    "Listed among the **Active Organizations** of the Working Group for "
    "Partnerships in Decentralization (WGPD).",
    "មានឈ្មោះក្នុងបញ្ជី**អង្គការសកម្ម**នៃក្រុមការងារភាពជាដៃគូក្នុងវិមជ្ឈការ (WGPD)។",
)
DDWG_TEXT = (
    "Listed among the **Active Organizations** of the Decentralization and "
    "Deconcentration Reform Working Group (DDWG).",
    "មានឈ្មោះក្នុងបញ្ជី**អង្គការសកម្ម**នៃក្រុមការងារកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការ (DDWG)។",
)
BOTH_TEXT = (
    "Listed among the **Active Organizations** of both the Working Group for "
    "Partnerships in Decentralization (WGPD) and the Decentralization and "
    "Deconcentration Reform Working Group (DDWG).",
    "មានឈ្មោះក្នុងបញ្ជី**អង្គការសកម្ម**នៃក្រុមការងារភាពជាដៃគូក្នុងវិមជ្ឈការ (WGPD) "
    "និងក្រុមការងារកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការ (DDWG)។",
)
CASE_STUDY_TEXT = (
    "A member of CPDD. The seven CPDD case studies of civic engagement at "
    "district and municipality level in Battambang Province were based on the "
    "experiences of its members Community training organization for "
    "Development (CTOD) and Aphivat Strey (AS).",
    "សមាជិករបស់ CPDD។ ករណីសិក្សាទាំងប្រាំពីររបស់ CPDD "
    "ស្តីពីការចូលរួមរបស់ពលរដ្ឋនៅថ្នាក់ស្រុក និងក្រុង ក្នុងខេត្តបាត់ដំបង "
    "ផ្អែកលើបទពិសោធន៍របស់សមាជិក Community training organization for "
    "Development (CTOD) និង Aphivat Strey (AS)។",
)


def _seed_org(slug, acronym, name, kind, text, *, member=False, **extra):
    return OrgSpec(
        slug,
        acronym,
        name,
        "",
        kind,
        extra.pop("head_office", None),
        extra.pop("provinces", ()),
        (),
        None,
        text[0],
        text[1],
        member=member,
        **extra,
    )


def _named_members():
    return [
        _seed_org(
            "ctod",
            "CTOD",
            "Community training organization for Development",
            LOCAL_NGO,
            CASE_STUDY_TEXT,
            member=True,
        ),
        _seed_org(
            "aphivat-strey",
            "AS",
            "Aphivat Strey",
            LOCAL_NGO,
            CASE_STUDY_TEXT,
            member=True,
        ),
    ]


def _working_group_organisations():
    """The WGPD's 18 and the DDWG's 22 "Active Organizations", as listed."""
    wgpd = [
        ("cidse", "CIDSE", "CIDSE", INGO),
        ("seila-plg", "Seila/PLG", "Seila/PLG", GOVERNMENT),
        ("gtz", "GTZ", "GTZ", DONOR),
        ("vbnk", "VBNK", "VBNK", LOCAL_NGO),
        ("bfd", "BfD", "BfD", LOCAL_NGO),
        ("adi-ccc", "ADI/CCC", "ADI/CCC", NETWORK),
        ("jica", "JICA", "JICA", DONOR),
        ("unicef", "UNICEF", "UNICEF", DONOR),
        ("usaid", "USAID", "USAID", DONOR),
        ("cdri", "CDRI", "CDRI", LOCAL_NGO),
        ("sida", "SIDA", "SIDA", DONOR),
        ("dfid", "DFID", "DFID", DONOR),
        ("concern-worldwide", "", "Concern Worldwide", INGO),
    ]
    both = [
        ("oxfam-gb", "", "Oxfam GB", INGO),
        ("kid", "KID", "KID", LOCAL_NGO),
        ("ockenden-international", "", "Ockenden International", INGO),
    ]
    ddwg = [
        ("cows", "COWS", "COWS", LOCAL_NGO),
        ("bdc-cbo", "BDC/CBO", "BDC/CBO", CBO),
        ("afec", "AFEC", "AFEC", LOCAL_NGO),
        ("kk-cbo", "KK/CBO", "KK/CBO", CBO),
        ("bta-cbo", "BTA/CBO", "BTA/CBO", CBO),
        ("card", "CARD", "CARD", LOCAL_NGO),
        ("mode", "MODE", "MODE", LOCAL_NGO),
        ("codec", "CODEC", "CODEC", LOCAL_NGO),
        ("bfdk", "BFDK", "BFDK", LOCAL_NGO),
        ("banteay-srey", "", "Banteay Srey", LOCAL_NGO),
        ("wfp", "WfP", "WfP", LOCAL_NGO),
        ("ccd", "CCD", "CCD", LOCAL_NGO),
        ("fact", "FACT", "FACT", LOCAL_NGO),
        ("pk", "PK", "PK", LOCAL_NGO),
        ("pnka", "PNKA", "PNKA", LOCAL_NGO),
        ("chrd", "CHRD", "CHRD", LOCAL_NGO),
        ("gtz-rdp", "GTZ/RDP", "GTZ/RDP", DONOR),
        ("scadp", "SCADP", "SCADP", LOCAL_NGO),
    ]
    specs = [
        _seed_org(slug, acronym, name, kind, text)
        for rows, text in ((wgpd, WGPD_TEXT), (both, BOTH_TEXT), (ddwg, DDWG_TEXT))
        for slug, acronym, name, kind in rows
    ]
    specs += [
        _seed_org(
            "ccsp",
            "CCSP",
            "Cambodian Civil Society Partnership",
            LOCAL_NGO,
            (
                "A Cambodian NGO with more than 13 years of experience in promoting "
                "and enabling good governance at a sub-national level, an active "
                "member of DELGOSEA, and host of the secretariat of the Working "
                "Group for Partnerships in Decentralisation (WGPD). " + WGPD_TEXT[0],
                "អង្គការមិនមែនរដ្ឋាភិបាលកម្ពុជា "
                "ដែលមានបទពិសោធន៍ជាង ១៣ ឆ្នាំក្នុងការលើកកម្ពស់ "
                "និងពង្រឹងអភិបាលកិច្ចល្អនៅថ្នាក់ក្រោមជាតិ ជាសមាជិកសកម្មនៃ DELGOSEA "
                "និងជាម្ចាស់ផ្ទះលេខាធិការដ្ឋាននៃក្រុមការងារភាពជាដៃគូក្នុងវិមជ្ឈការ "
                "(WGPD)។ " + WGPD_TEXT[1],
            ),
            # Named in the texts; their sex is not stated, and no contact
            # details are given for them: none are made up.
            contacts=[
                ContactSpec(
                    "Sokhany Prak",
                    "other",
                    "Executive Director; board member of WGPD",
                    "",
                    "",
                    is_public=True,
                )
            ],
        ),
        _seed_org(
            "pact-cambodia",
            "",
            "Pact Cambodia",
            INGO,
            (
                "Coordinated the Working Group for Partnerships in Decentralization "
                "(WGPD). " + BOTH_TEXT[0],
                "បានសម្របសម្រួលក្រុមការងារភាពជាដៃគូក្នុងវិមជ្ឈការ (WGPD)។ " + BOTH_TEXT[1],
            ),
            # The texts give a 2005 office number for "more information"; it is
            # not presented as this person's current contact.
            contacts=[
                ContactSpec(
                    "Phay Sokhumar",
                    "male",
                    "Contact for the WGPD and the DDWG",
                    "",
                    "",
                    is_public=True,
                )
            ],
        ),
    ]
    return specs


def _district_administration(slug, name_en, name_km, place_km):
    return OrgSpec(
        slug,
        "",
        name_en,
        name_km,
        GOVERNMENT,
        "02",
        ("02",),
        (),
        None,
        "One of the 7 District Administrations of Battambang Province that "
        "developed and endorsed a joint list of recommendations with CSOs, at the "
        "joint consultation meetings held between November and December 2021.",
        "ជារដ្ឋបាលស្រុកមួយក្នុងចំណោមរដ្ឋបាលស្រុកទាំង ៧ នៃខេត្តបាត់ដំបង "
        "ដែលបានរៀបចំ និងឯកភាពលើបញ្ជីអនុសាសន៍រួមជាមួយអង្គការសង្គមស៊ីវិល "
        "នៅក្នុងកិច្ចប្រជុំពិគ្រោះយោបល់រួម ដែលបានធ្វើឡើងចន្លោះខែវិច្ឆិកា "
        f"និងខែធ្នូ ឆ្នាំ២០២១ ({place_km})។",
    )


def _partners():
    """Partners who are not members: government, donors, networks, a company."""
    seeded = [
        (
            "ncdd",
            "NCDD",
            "National Committee for Sub-National Democratic Development",
            GOVERNMENT,
            "An inter-ministerial mechanism for promoting democratic development "
            "through D&D reforms throughout Cambodia. CPDD works with its "
            "Secretariat (NCDD-S).",
            "យន្តការអន្តរក្រសួងសម្រាប់លើកកម្ពស់ការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ "
            "តាមរយៈកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការនៅទូទាំងប្រទេសកម្ពុជា។ "
            "CPDD ធ្វើការជាមួយលេខាធិការដ្ឋានរបស់ខ្លួន (NCDD-S)។",
        ),
        (
            "ministry-of-interior",
            "MoI",
            "Ministry of Interior",
            GOVERNMENT,
            "CPDD was officially registered with the Ministry of Interior (MoI) in "
            "July 2017.",
            "CPDD បានចុះបញ្ជីជាផ្លូវការនៅក្រសួងមហាផ្ទៃ ក្នុងខែកក្កដា ឆ្នាំ២០១៧។",
        ),
        (
            "undp-cambodia",
            "UNDP",
            "United Nations Development Programme",
            DONOR,
            "With NCDD and CPDD, organised the workshop that disseminated the "
            "results of the project “Strengthening Transparency […]” and officially "
            "closed it, at the Hyatt Regency Phnom Penh on 18 September 2025.",
            "រួមជាមួយ NCDD និង CPDD បានរៀបចំសិក្ខាសាលាផ្សព្វផ្សាយលទ្ធផល "
            "និងបិទជាផ្លូវការនូវគម្រោង “Strengthening Transparency […]” "
            "នៅសណ្ឋាគារ Hyatt Regency Phnom Penh ថ្ងៃទី១៨ ខែកញ្ញា ឆ្នាំ២០២៥។",
        ),
        (
            "gef-sgp",
            "GEF",
            "Global Environment Facility (GEF) Small Grants Program",
            DONOR,
            "CPDD gave updates on the GEF Small Grants Program and guidance on "
            "project management at an orientation workshop in Siem Reap on "
            "2-4 September 2025.",
            "CPDD បានផ្តល់ព័ត៌មានថ្មីៗអំពីកម្មវិធីជំនួយឥតសំណងខ្នាតតូចរបស់ GEF "
            "និងការណែនាំអំពីការគ្រប់គ្រងគម្រោង "
            "ក្នុងសិក្ខាសាលាតម្រង់ទិសនៅខេត្តសៀមរាប ថ្ងៃទី២-៤ ខែកញ្ញា ឆ្នាំ២០២៥។",
        ),
        (
            "asac",
            "ASAC",
            "Association for Sub-National Councils",
            NETWORK,
            "CPDD has built a good working relationship with the Association for "
            "Sub-National Councils (ASAC).",
            "CPDD បានកសាងទំនាក់ទំនងការងារល្អជាមួយសមាគមក្រុមប្រឹក្សាថ្នាក់ក្រោមជាតិ (ASAC)។",
        ),
        (
            "delgosea",
            "DELGOSEA",
            "DELGOSEA",
            NETWORK,
            "A network for the exchange of best practices on the local level across "
            "ASEAN. CCSP is an active member; its Executive Director is the "
            "network's Deputy Coordinator.",
            "បណ្តាញសម្រាប់ការផ្លាស់ប្តូរការអនុវត្តល្អនៅថ្នាក់មូលដ្ឋាននៅទូទាំងអាស៊ាន។ "
            "CCSP ជាសមាជិកសកម្ម ហើយនាយកប្រតិបត្តិរបស់ខ្លួនជាអនុសម្របសម្រួលបណ្តាញ។",
        ),
        (
            "thankscarbon",
            "",
            "ThanksCarbon",
            COMPANY,
            "Signed a Memorandum of Understanding with CPDD at the CPDD Office on "
            "9 July 2025 for the implementation of the project in three provinces: "
            "Takeo, Kampong Speu, and Pursat.",
            "បានចុះអនុស្សរណៈនៃការយោគយល់គ្នាជាមួយ CPDD នៅការិយាល័យ CPDD "
            "ថ្ងៃទី៩ ខែកក្កដា ឆ្នាំ២០២៥ "
            "សម្រាប់ការអនុវត្តគម្រោងនៅខេត្តចំនួនបី៖ តាកែវ កំពង់ស្ពឺ និងពោធិ៍សាត់។",
        ),
        (
            "pdaff-pursat",
            "",
            "Pursat Provincial Department of Agriculture, Forestry and Fisheries",
            GOVERNMENT,
            "Met with CPDD and signed a Memorandum of Understanding on 4 July 2025, "
            "at the Pursat Department of Agriculture, Forestry and Fisheries.",
            "បានជួបជាមួយ CPDD និងចុះអនុស្សរណៈនៃការយោគយល់គ្នា "
            "នៅថ្ងៃទី៤ ខែកក្កដា ឆ្នាំ២០២៥ នៅមន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ "
            "និងនេសាទខេត្តពោធិ៍សាត់។",
        ),
        (
            "pdaff-kampong-speu",
            "",
            "Kampong Speu Provincial Department of Agriculture, Forestry and Fisheries",
            GOVERNMENT,
            "Met with CPDD and signed a Memorandum of Understanding on 3 July 2025.",
            "បានជួបជាមួយ CPDD និងចុះអនុស្សរណៈនៃការយោគយល់គ្នា នៅថ្ងៃទី៣ ខែកក្កដា ឆ្នាំ២០២៥។",
        ),
    ]
    specs = [
        _seed_org(slug, acronym, name, kind, (en, km))
        for slug, acronym, name, kind, en, km in seeded
    ]
    specs += [
        _district_administration(
            f"{slug}-administration", f"{name} Administration", f"រដ្ឋបាល{km}", km
        )
        for slug, name, km in (
            ("battambang-municipal", "Battambang Municipal", "ក្រុងបាត់ដំបង"),
            ("banan-district", "Banan District", "ស្រុកបាណន់"),
            ("thma-koul-district", "Thma Koul District", "ស្រុកថ្មគោល"),
            ("bavel-district", "Bavel District", "ស្រុកបវេល"),
            ("moung-ruessei-district", "Moung Ruessei District", "ស្រុកមោងឫស្សី"),
            ("kamrieng-district", "Kamrieng District", "ស្រុកកំរៀង"),
            ("ratanak-mondol-district", "Ratanak Mondol District", "ស្រុករតនមណ្ឌល"),
        )
    ]
    specs += _working_group_organisations()
    # Plainly fictional, for the example case studies, project and donor.
    specs += [
        OrgSpec(
            slug,
            "",
            name_en,
            name_km,
            kind,
            None,
            (),
            (),
            None,
            "A fictional organisation, made up to show what the portal does.",
            "អង្គការប្រឌិត ដែលបង្កើតឡើងដើម្បីបង្ហាញពីអ្វីដែលវិបផតថលនេះធ្វើបាន។",
            is_example=True,
        )
        for slug, name_en, name_km, kind in FICTIONAL_PARTNERS
    ]
    return specs


# slug, English and Khmer name, kind.
FICTIONAL_PARTNERS = [
    (
        "example-municipal-administration",
        "Example Municipal Administration (fictional)",
        "រដ្ឋបាលក្រុងឧទាហរណ៍ (ប្រឌិត)",
        GOVERNMENT,
    ),
    (
        "example-donor",
        "Example Donor Agency (fictional)",
        "ទីភ្នាក់ងារម្ចាស់ជំនួយឧទាហរណ៍ (ប្រឌិត)",
        DONOR,
    ),
]

# --------------------------------------------------------------------------
# Generated local NGOs and CBOs.
# --------------------------------------------------------------------------

# Neighbouring provinces (NCDD codes), for provinces of operation.
NEIGHBOURS = {
    "01": ("02", "17", "22"),
    "02": ("01", "24", "15", "17"),
    "03": ("06", "08", "14", "25"),
    "04": ("15", "05", "08", "06"),
    "05": ("04", "08", "21", "07", "09", "15"),
    "06": ("17", "13", "10", "03", "04"),
    "07": ("05", "21", "18", "23"),
    "08": ("12", "05", "04", "03", "14", "21"),
    "09": ("15", "05", "18"),
    "10": ("19", "11", "25", "06"),
    "11": ("16", "10", "19"),
    "12": ("08",),
    "13": ("22", "17", "06", "19"),
    "14": ("08", "03", "25", "20"),
    "15": ("02", "04", "05", "09"),
    "16": ("19", "11"),
    "17": ("01", "02", "22", "13", "06"),
    "18": ("09", "07", "05"),
    "19": ("13", "16", "11", "10"),
    "20": ("14",),
    "21": ("08", "05", "07"),
    "22": ("01", "17", "13"),
    "23": ("07",),
    "24": ("02",),
    "25": ("03", "14", "10"),
}
RURAL_ONLY = {"12"}
FISHERIES = {"02", "03", "04", "06", "07", "08", "09", "10", "14", "15", "17", "18"}
INDIGENOUS = {"10", "11", "13", "16", "19"}
FORESTS = {"01", "05", "06", "09", "10", "11", "13", "15", "16", "19", "22"}


@dataclass(frozen=True)
class Archetype:
    key: str
    kind: str
    name_en: str  # {p}: province
    name_km: str  # {pk}: ខេត្ត... / រាជធានី...
    themes: tuple
    descriptions: tuple  # ((en, km), ...)
    provinces: frozenset | None = None  # only in these provinces; None: any
    urban_ok: bool = True  # False: not in Phnom Penh


ARCHETYPES = (
    Archetype(
        "women",
        LOCAL_NGO,
        "{p} Women's Development Association",
        "សមាគមអភិវឌ្ឍន៍ស្ត្រី{pk}",
        ("gender", "civic-engagement"),
        (
            (
                "Helps women in {p} stand for commune council, speak at commune "
                "meetings and get gender priorities into the **Commune Investment "
                "Programme**.",
                "ជួយស្ត្រីនៅ{pk} ឱ្យឈរឈ្មោះជាបេក្ខជនក្រុមប្រឹក្សាឃុំ "
                "បញ្ចេញមតិនៅក្នុងកិច្ចប្រជុំឃុំ "
                "និងដាក់បញ្ចូលអាទិភាពយេនឌ័រទៅក្នុង**កម្មវិធីវិនិយោគឃុំ**។",
            ),
            (
                "Runs women's leadership groups in villages of {p} and links them "
                "with the commune committees for women and children.",
                "ដំណើរការក្រុមភាពជាអ្នកដឹកនាំស្ត្រីនៅតាមភូមិនានាក្នុង{pk} "
                "និងភ្ជាប់ក្រុមទាំងនោះជាមួយគណៈកម្មាធិការទទួលបន្ទុកកិច្ចការនារី "
                "និងកុមារឃុំ។",
            ),
        ),
    ),
    Archetype(
        "youth",
        LOCAL_NGO,
        "{p} Youth Association for Development",
        "សមាគមយុវជនដើម្បីអភិវឌ្ឍន៍{pk}",
        ("youth", "civic-engagement", "access-to-information"),
        (
            (
                "Trains young people in {p} to follow commune council meetings, "
                "read local budgets and share what they learn on social media.",
                "បណ្តុះបណ្តាលយុវជននៅ{pk} ឱ្យតាមដានកិច្ចប្រជុំក្រុមប្រឹក្សាឃុំ "
                "អានថវិកាមូលដ្ឋាន "
                "និងចែករំលែកអ្វីដែលខ្លួនបានរៀនតាមបណ្តាញសង្គម។",
            ),
            (
                "Youth volunteers in {p} run *community scorecards* on schools and "
                "health centres and present the results to district councils.",
                "អ្នកស្ម័គ្រចិត្តយុវជននៅ{pk} "
                "ធ្វើ*ប័ណ្ណដាក់ពិន្ទុសហគមន៍*លើសាលារៀន និងមណ្ឌលសុខភាព "
                "ហើយបង្ហាញលទ្ធផលជូនក្រុមប្រឹក្សាស្រុក។",
            ),
        ),
    ),
    Archetype(
        "cbo-network",
        NETWORK,
        "{p} Community-Based Organisations Network",
        "បណ្តាញអង្គការសហគមន៍មូលដ្ឋាន{pk}",
        ("civic-engagement", "decentralisation", "capacity-development"),
        (
            (
                "Brings together community-based organisations across {p} to raise "
                "village priorities in district and commune planning.",
                "ប្រមូលផ្តុំអង្គការសហគមន៍មូលដ្ឋាននៅទូទាំង{pk} "
                "ដើម្បីលើកឡើងអាទិភាពរបស់ភូមិនានា "
                "ក្នុងដំណើរការរៀបចំផែនការស្រុក និងឃុំ។",
            ),
        ),
    ),
    Archetype(
        "farmers",
        CBO,
        "{p} Farmers' Association",
        "សមាគមកសិករ{pk}",
        ("agriculture", "climate-environment"),
        (
            (
                "Organises smallholder farmers in {p} into producer groups and helps "
                "them request irrigation and road projects from their commune "
                "councils.",
                "រៀបចំកសិករខ្នាតតូចនៅ{pk} ជាក្រុមផលិតករ "
                "និងជួយពួកគេស្នើសុំគម្រោងប្រព័ន្ធធារាសាស្ត្រ "
                "និងផ្លូវពីក្រុមប្រឹក្សាឃុំ។",
            ),
            (
                "Promotes climate-resilient rice farming and farmer field schools "
                "in {p}.",
                "លើកកម្ពស់ការដាំដុះស្រូវដែលធន់នឹងការប្រែប្រួលអាកាសធាតុ "
                "និងសាលារៀនកសិករនៅវាលស្រែក្នុង{pk}។",
            ),
        ),
        urban_ok=False,
    ),
    Archetype(
        "rural",
        LOCAL_NGO,
        "Rural Development Organisation of {p}",
        "អង្គការអភិវឌ្ឍន៍ជនបទ{pk}",
        ("agriculture", "public-services", "local-budgeting"),
        (
            (
                "Works with poor rural households in {p} on clean water, sanitation "
                "and small livelihood projects funded through the commune budget.",
                "ធ្វើការជាមួយគ្រួសារក្រីក្រនៅជនបទក្នុង{pk} លើទឹកស្អាត អនាម័យ "
                "និងគម្រោងជីវភាពខ្នាតតូច ដែលទទួលថវិកាពីថវិកាឃុំ។",
            ),
        ),
        urban_ok=False,
    ),
    Archetype(
        "fisheries",
        NETWORK,
        "{p} Community Fisheries Network",
        "បណ្តាញសហគមន៍នេសាទ{pk}",
        ("climate-environment", "agriculture", "social-accountability"),
        (
            (
                "Supports community fisheries in {p} to patrol their fishing "
                "grounds, manage conservation areas and report illegal fishing to "
                "the authorities.",
                "គាំទ្រសហគមន៍នេសាទនៅ{pk} ឱ្យល្បាតតំបន់នេសាទ "
                "គ្រប់គ្រងតំបន់អភិរក្ស "
                "និងរាយការណ៍អំពីបទល្មើសនេសាទទៅអាជ្ញាធរ។",
            ),
        ),
        provinces=frozenset(FISHERIES),
    ),
    Archetype(
        "indigenous",
        CBO,
        "{p} Indigenous Peoples' Association",
        "សមាគមជនជាតិដើមភាគតិច{pk}",
        ("civic-engagement", "climate-environment", "access-to-information"),
        (
            (
                "Helps indigenous communities in {p} register collective land "
                "titles and take part in commune planning in their own languages.",
                "ជួយសហគមន៍ជនជាតិដើមភាគតិចនៅ{pk} "
                "ចុះបញ្ជីកម្មសិទ្ធិដីធ្លីសមូហភាព "
                "និងចូលរួមក្នុងការរៀបចំផែនការឃុំជាភាសារបស់ខ្លួន។",
            ),
        ),
        provinces=frozenset(INDIGENOUS),
    ),
    Archetype(
        "accountability",
        NETWORK,
        "{p} Social Accountability Network",
        "បណ្តាញគណនេយ្យភាពសង្គម{pk}",
        ("social-accountability", "public-services", "access-to-information"),
        (
            (
                "Monitors public services in {p} under the **ISAF** social "
                "accountability framework and follows up the joint action plans "
                "agreed with service providers.",
                "តាមដានសេវាសាធារណៈនៅ{pk} "
                "ក្រោម**ក្របខ័ណ្ឌសកម្មភាពសម្រាប់គណនេយ្យភាពសង្គម (ISAF)** "
                "និងតាមដានការអនុវត្តផែនការសកម្មភាពរួម "
                "ដែលបានព្រមព្រៀងជាមួយអ្នកផ្តល់សេវា។",
            ),
        ),
    ),
    Archetype(
        "environment",
        LOCAL_NGO,
        "{p} Association for Environmental Protection",
        "សមាគមការពារបរិស្ថាន{pk}",
        ("climate-environment", "local-budgeting"),
        (
            (
                "Raises awareness of climate change in {p} and helps communes "
                "include climate adaptation in their investment plans.",
                "លើកកម្ពស់ការយល់ដឹងអំពីការប្រែប្រួលអាកាសធាតុនៅ{pk} "
                "និងជួយឃុំនានាដាក់បញ្ចូលការបន្សាំនឹងការប្រែប្រួលអាកាសធាតុ "
                "ទៅក្នុងផែនការវិនិយោគ។",
            ),
        ),
    ),
    Archetype(
        "forestry",
        NETWORK,
        "{p} Community Forestry Network",
        "បណ្តាញសហគមន៍ព្រៃឈើ{pk}",
        ("climate-environment", "agriculture"),
        (
            (
                "Links community forestry groups in {p} so they can protect their "
                "forests, share patrol experience and negotiate with local "
                "authorities.",
                "ភ្ជាប់ក្រុមសហគមន៍ព្រៃឈើនៅ{pk} ដើម្បីការពារព្រៃឈើ "
                "ចែករំលែកបទពិសោធន៍ល្បាត និងចរចាជាមួយអាជ្ញាធរមូលដ្ឋាន។",
            ),
        ),
        provinces=frozenset(FORESTS),
    ),
    Archetype(
        "disability",
        LOCAL_NGO,
        "{p} Disabled People's Organisation",
        "អង្គការជនមានពិការភាព{pk}",
        ("public-services", "civic-engagement"),
        (
            (
                "Represents people with disabilities in {p} and makes sure commune "
                "services and meeting places are accessible to them.",
                "តំណាងឱ្យជនមានពិការភាពនៅ{pk} "
                "និងធានាថាសេវាឃុំ និងទីកន្លែងប្រជុំ "
                "អាចចូលប្រើប្រាស់បានសម្រាប់ពួកគាត់។",
            ),
        ),
    ),
    Archetype(
        "children",
        LOCAL_NGO,
        "{p} Organisation for Children and Education",
        "អង្គការដើម្បីកុមារ និងការអប់រំ{pk}",
        ("public-services", "youth"),
        (
            (
                "Works with school support committees in {p} so that parents have a "
                "say in how school and commune budgets are spent on children.",
                "ធ្វើការជាមួយគណៈកម្មការទ្រទ្រង់សាលារៀននៅ{pk} "
                "ដើម្បីឱ្យឪពុកម្តាយមានសំឡេងក្នុងការសម្រេចពីរបៀបចំណាយថវិកាសាលារៀន "
                "និងថវិកាឃុំសម្រាប់កុមារ។",
            ),
        ),
    ),
    Archetype(
        "health",
        LOCAL_NGO,
        "{p} Community Health Association",
        "សមាគមសុខភាពសហគមន៍{pk}",
        ("public-services", "social-accountability"),
        (
            (
                "Trains village health volunteers in {p} and supports health centre "
                "management committees to listen to patients' feedback.",
                "បណ្តុះបណ្តាលអ្នកស្ម័គ្រចិត្តសុខភាពភូមិនៅ{pk} "
                "និងគាំទ្រគណៈកម្មការគ្រប់គ្រងមណ្ឌលសុខភាព "
                "ឱ្យស្តាប់មតិកែលម្អរបស់អ្នកជំងឺ។",
            ),
        ),
    ),
    Archetype(
        "forum",
        NETWORK,
        "{p} Citizens' Forum for Local Development",
        "វេទិកាពលរដ្ឋដើម្បីអភិវឌ្ឍន៍មូលដ្ឋាន{pk}",
        ("local-budgeting", "access-to-information", "decentralisation"),
        (
            (
                "Organises public forums in {p} where district councillors present "
                "their budgets and answer citizens' questions.",
                "រៀបចំវេទិកាសាធារណៈនៅ{pk} "
                "ដែលក្រុមប្រឹក្សាស្រុកបង្ហាញថវិការបស់ខ្លួន "
                "និងឆ្លើយសំណួររបស់ពលរដ្ឋ។",
            ),
        ),
    ),
)

# District-level CBOs: {d} district, {dk} its Khmer name.
DISTRICT_ARCHETYPES = (
    Archetype(
        "savings",
        CBO,
        "{d} Women's Savings Group Network",
        "បណ្តាញក្រុមសន្សំប្រាក់ស្ត្រីស្រុក{dk}",
        ("gender", "agriculture"),
        (
            (
                "Links village savings groups in {d} district, {p}, so that women "
                "can borrow for small businesses and speak together to the commune "
                "council.",
                "ភ្ជាប់ក្រុមសន្សំប្រាក់ភូមិនានាក្នុងស្រុក{dk} {pk} "
                "ដើម្បីឱ្យស្ត្រីអាចខ្ចីប្រាក់សម្រាប់អាជីវកម្មខ្នាតតូច "
                "និងរួមគ្នាលើកសំណើទៅក្រុមប្រឹក្សាឃុំ។",
            ),
        ),
    ),
    Archetype(
        "cdc",
        CBO,
        "{d} Community Development Committee",
        "គណៈកម្មាធិការអភិវឌ្ឍន៍សហគមន៍ស្រុក{dk}",
        ("civic-engagement", "local-budgeting", "decentralisation"),
        (
            (
                "Volunteer committee in {d} district, {p}, that collects village "
                "needs each year and follows them through the commune investment "
                "plan.",
                "គណៈកម្មាធិការស្ម័គ្រចិត្តនៅស្រុក{dk} {pk} "
                "ដែលប្រមូលតម្រូវការរបស់ភូមិជារៀងរាល់ឆ្នាំ "
                "និងតាមដានវារហូតដល់ផែនការវិនិយោគឃុំ។",
            ),
        ),
    ),
)

SECOND_SENTENCES = (
    ("", ""),
    ("", ""),
    (
        "Works closely with the provincial and district administrations.",
        "ធ្វើការយ៉ាងជិតស្និទ្ធជាមួយរដ្ឋបាលខេត្ត និងរដ្ឋបាលស្រុក។",
    ),
    (
        "Part of its work is funded through CPDD's small grants.",
        "ការងារមួយផ្នែករបស់ខ្លួន ទទួលបានមូលនិធិតាមរយៈជំនួយឥតសំណងខ្នាតតូចរបស់ CPDD។",
    ),
    (
        "Most of its staff and volunteers are women from the communities it serves.",
        "បុគ្គលិក និងអ្នកស្ម័គ្រចិត្តរបស់ខ្លួន ភាគច្រើនជាស្ត្រីមកពីសហគមន៍ដែលខ្លួនបម្រើ។",
    ),
    (
        "Shares its experience at CPDD's annual national workshop.",
        "ចែករំលែកបទពិសោធន៍របស់ខ្លួននៅក្នុងសិក្ខាសាលាថ្នាក់ជាតិប្រចាំឆ្នាំរបស់ CPDD។",
    ),
    (
        "Publishes a short Khmer bulletin after each commune council meeting it "
        "observes.",
        "បោះពុម្ពព្រឹត្តិបត្រខ្លីជាភាសាខ្មែរ បន្ទាប់ពីកិច្ចប្រជុំក្រុមប្រឹក្សាឃុំនីមួយៗដែលខ្លួនបានសង្កេត។",
    ),
)

FAMILY_NAMES = (
    "Sok", "Chan", "Keo", "Kim", "Heng", "Ly", "Lim", "Chea", "Meas", "Phan",
    "Prak", "Nhem", "Ouk", "Pen", "Sam", "Seng", "Mao", "Touch", "Sim", "Yim",
    "Chhay", "Nou", "Long", "Vong", "Men", "Khun", "Tep", "Hang", "Say", "Chhun",
    "Rin", "Som", "Pich", "Srun", "Thach", "Yin", "Em", "Hok", "Ros", "Uch",
)  # fmt: skip
FEMALE_NAMES = (
    "Sreymom", "Sophea", "Chanthy", "Bopha", "Channary", "Dary", "Sreyleak",
    "Sopheap", "Kunthea", "Raksmey", "Malis", "Leakena", "Sreypov", "Thida",
    "Sokunthea", "Navy", "Chantrea", "Sothea", "Phalla", "Vanny", "Theary",
    "Romdoul", "Sreynich", "Kannika", "Pisey", "Sokha", "Nary", "Chhorvy",
)  # fmt: skip
MALE_NAMES = (
    "Dara", "Vuthy", "Sophal", "Rithy", "Sokhom", "Vibol", "Piseth", "Samnang",
    "Sovann", "Visal", "Bunthoeun", "Sambath", "Kosal", "Rotha", "Pheakdey",
    "Virak", "Narith", "Mony", "Vannak", "Sarath", "Borey", "Sopheak", "Ratha",
    "Makara", "Vichet", "Seyha", "Chanthou", "Kimheng",
)  # fmt: skip
POSITIONS = {
    LOCAL_NGO: (
        "Executive Director",
        "Programme Manager",
        "Project Officer",
        "Finance and Administration Manager",
        "Advocacy Officer",
        "Monitoring and Evaluation Officer",
    ),
    NETWORK: ("Coordinator", "Chairperson", "Network Officer", "Finance Officer"),
    CBO: ("Chairperson", "Deputy Chairperson", "Secretary", "Treasurer"),
    INGO: ("Country Director", "Governance Programme Manager", "Partnership Officer"),
}
# Mobile prefixes, for the load benchmark's synthetic contacts (bench.data);
# the demo gives nobody a phone number.
PHONE_PREFIXES = ("12", "11", "15", "16", "17", "77", "78", "89", "92", "97", "96")
STOP_WORDS = {"of", "for", "and", "the"}


def _place_km(province):
    prefix = "រាជធានី" if province.kind == Province.Kind.CAPITAL else "ខេត្ត"
    return f"{prefix}{province.name_km}"


def _acronym(name):
    words = name.replace("-", " ").replace("'s", "").split()
    return "".join(w[0].upper() for w in words if w.lower() not in STOP_WORDS)


def _registration(rng, kind, founded):
    if kind == CBO and rng.random() < 0.5:
        return ""  # Many CBOs register only with their commune or not at all.
    number = max(1, (founded - 1992) * 70 + rng.randint(1, 69))
    return f"No. {number} ស.ជ.ណ.ល ({founded})"


def _generated_members(rng, provinces, districts):
    specs = []
    for code in sorted(provinces):
        province = provinces[code]
        eligible = [
            a
            for a in ARCHETYPES
            if (a.provinces is None or code in a.provinces)
            and (a.urban_ok or code not in RURAL_ONLY)
        ]
        for archetype in rng.sample(eligible, 4 if code in {"02", "12"} else 3):
            specs.append(_generated(rng, archetype, province, provinces))
    for district in rng.sample(districts, 30):
        archetype = rng.choice(DISTRICT_ARCHETYPES)
        spec = _generated(
            rng, archetype, district.province, provinces, district=district
        )
        if all(spec.slug != other.slug for other in specs):
            specs.append(spec)
    _assign_histories(rng, specs)
    return specs


def _generated(rng, archetype, province, provinces, *, district=None):
    fill = {"p": province.name_en, "pk": _place_km(province)}
    if district:
        fill |= {"d": district.name_en, "dk": district.name_km}
    name_en = archetype.name_en.format(**fill)
    name_km = archetype.name_km.format(**fill)
    first_en, first_km = rng.choice(archetype.descriptions)
    second_en, second_km = rng.choice(SECOND_SENTENCES)
    description_en = " ".join(filter(None, [first_en.format(**fill), second_en]))
    description_km = " ".join(filter(None, [first_km.format(**fill), second_km]))
    code = province.code
    operations = [code]
    if not district:
        neighbours = list(NEIGHBOURS[code])
        operations += rng.sample(neighbours, rng.randint(0, min(2, len(neighbours))))
    themes = list(archetype.themes)
    if rng.random() < 0.4:
        extra = rng.choice(
            ["capacity-development", "gender", "youth", "decentralisation"]
        )
        if extra not in themes:
            themes.append(extra)
    founded = rng.randint(1992, 2020)
    slug = slugify(name_en)[:80]
    website = ""
    if archetype.kind in (LOCAL_NGO, NETWORK) and rng.random() < 0.3:
        website = f"https://{slug}.example.org"
    return OrgSpec(
        slug,
        _acronym(name_en),
        name_en,
        name_km,
        archetype.kind,
        code,
        tuple(operations),
        tuple(themes),
        founded,
        description_en,
        description_km,
        website=website,
        registration_number=_registration(rng, archetype.kind, founded),
        generated=True,
    )


def _random_date(rng, start, end):
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _join_note(joined):
    if joined < CPDD_REGISTERED:
        return "Joined the WGPD"
    return "Admitted by the CPDD Executive Committee"


def _assign_histories(rng, specs):
    """Dated status changes: mostly active, some via application, a few not.

    The first organisation of each province stays active, so every province
    has an active member.
    """
    seen, first_in_province = set(), set()
    for index, spec in enumerate(specs):
        if spec.head_office not in seen:
            seen.add(spec.head_office)
            first_in_province.add(index)
    others = [
        i
        for i, spec in enumerate(specs)
        if i not in first_in_province and spec.founded <= 2010
    ]
    plan = dict(
        zip(
            rng.sample(others, 8),
            ["lapsed"] * 3 + ["suspended"] + ["applicant"] * 2 + ["rejoined"] * 2,
            strict=True,
        )
    )
    for index, spec in enumerate(specs):
        earliest = date(max(2003, spec.founded + 1), 1, 1)
        match plan.get(index):
            case "lapsed":
                joined = _random_date(rng, earliest, date(2020, 12, 31))
                history = [
                    (ACTIVE, joined, _join_note(joined)),
                    (
                        LAPSED,
                        date(rng.choice([2024, 2025]), 3, 31),
                        "Annual dues unpaid for two years",
                    ),
                ]
            case "suspended":
                joined = _random_date(rng, earliest, date(2020, 12, 31))
                history = [
                    (ACTIVE, joined, _join_note(joined)),
                    (
                        SUSPENDED,
                        date(2025, 8, 15),
                        "Suspended by the Executive Committee until its overdue "
                        "annual report is received",
                    ),
                ]
            case "applicant":
                history = [
                    (
                        APPLICANT,
                        _random_date(rng, date(2026, 9, 1), date(2026, 10, 31)),
                        "Application received; provincial focal point to visit",
                    )
                ]
            case "rejoined":
                joined = _random_date(
                    rng, max(earliest, date(2008, 1, 1)), date(2016, 12, 31)
                )
                history = [
                    (ACTIVE, joined, "Joined the WGPD"),
                    (LAPSED, date(2019, 12, 31), "Dues unpaid for 2018 and 2019"),
                    (ACTIVE, date(2022, 2, 14), "Rejoined after settling its arrears"),
                ]
            case _:
                joined = _random_date(rng, earliest, date(2025, 10, 31))
                history = [(ACTIVE, joined, _join_note(joined))]
                if rng.random() < 0.3:
                    applied = joined - timedelta(days=rng.randint(30, 120))
                    history = [
                        (APPLICANT, applied, "Application received"),
                        (
                            ACTIVE,
                            joined,
                            "Application approved by the Executive Committee",
                        ),
                    ]
        spec.history = tuple(history)


def _contacts(rng, spec, used_names):
    positions = POSITIONS[spec.kind]
    contacts = []
    for n in range(rng.choice([1, 1, 2, 2, 2, 3])):
        sex = rng.choice(["female", "male"])
        while True:
            family = rng.choice(FAMILY_NAMES)
            given = rng.choice(FEMALE_NAMES if sex == "female" else MALE_NAMES)
            if (family, given) not in used_names:
                used_names.add((family, given))
                break
        position = positions[0] if n == 0 else rng.choice(positions[1:])
        contacts.append(
            ContactSpec(
                f"{family} {given}",
                sex,
                position,
                # A made-up number could be someone's: fictional people get
                # an example.org address and no phone.
                "",
                f"{given.lower()}.{family.lower()}@example.org",
                is_public=rng.random() < 1 / 3,
            )
        )
    return contacts


DUES_TIERS = {
    INGO: ((500, USD),),
    NETWORK: ((200, USD), (150, USD), (800_000, KHR)),
    LOCAL_NGO: (
        (100, USD),
        (100, USD),
        (200, USD),
        (50, USD),
        (400_000, KHR),
        (600_000, KHR),
        (800_000, KHR),
    ),
    CBO: ((50, USD), (200_000, KHR), (200_000, KHR), (300_000, KHR), (400_000, KHR)),
}
PAID_SHARE = {2022: 0.96, 2023: 0.94, 2024: 0.9, 2025: 0.72, 2026: 0.2}


def _dues(rng, spec, receipts):
    """One contribution a year while the organisation was an active member."""
    amount, currency = rng.choice(DUES_TIERS[spec.kind])
    statuses = [s for s, _, _ in spec.history]
    joined = spec.joined_on
    last_year = 2026
    unpaid = set()
    if spec.status == LAPSED:  # lapsed early in the year after two unpaid
        last_year = spec.history[-1][1].year - 1
        unpaid = {last_year, last_year - 1}
    elif spec.status == SUSPENDED:
        last_year = spec.history[-1][1].year
        unpaid = {last_year}
    elif spec.status != ACTIVE:
        return []
    if statuses.count(ACTIVE) > 1:  # rejoined: dues from rejoining
        joined = spec.history[-1][1]
    dues = []
    for year in DUES_YEARS:
        if year < joined.year or year > last_year:
            continue
        paid = year not in unpaid and rng.random() < PAID_SHARE[year]
        if spec.slug == DEMO_MEMBER:
            paid = year < 2026  # the demo member has this year's dues to pay
        paid_on, reference, note = None, "", ""
        if paid:
            start = max(date(year, 1, 10), joined)
            latest = date(year, 10, 31) if year == 2026 else date(year, 12, 20)
            paid_on = min(start + timedelta(days=rng.randint(0, 200)), latest)
            receipts[year] = receipts.get(year, 0) + 1
            reference = f"CPDD-{year}-{receipts[year]:03d}"
            if currency == KHR and rng.random() < 0.3:
                note = "Paid in cash at the provincial members' meeting"
        elif year == 2025 and rng.random() < 0.5:
            note = "Reminder sent"
        dues.append((year, Decimal(amount), currency, paid_on, reference, note))
    return dues


def build_specs(provinces, districts):
    """Every organisation, contact and contribution, the same on every run."""
    rng = random.Random(SEED)
    specs = [_demo_member(), *_generated_members(rng, provinces, districts)]
    used_names = {("Sok", "Dara")}
    receipts = {}
    for spec in specs:
        if not spec.contacts:
            spec.contacts = _contacts(rng, spec, used_names)
        spec.dues = _dues(rng, spec, receipts)
    return _named_members() + specs + _partners()


DEMO_MEMBER = "example-youth-network"


def _demo_member():
    """The fictional member the demo representative signs in for."""
    return OrgSpec(
        DEMO_MEMBER,
        "EYN",
        "Example Youth Network (fictional)",
        "បណ្តាញយុវជនឧទាហរណ៍ (ប្រឌិត)",
        NETWORK,
        "02",
        ("02", "01"),
        ("youth", "civic-engagement"),
        2012,
        "A fictional network of youth groups, made up to show what a member "
        "organisation can do on the portal.",
        "បណ្តាញក្រុមយុវជនប្រឌិត ដែលបង្កើតឡើងដើម្បីបង្ហាញពីអ្វីដែលអង្គការសមាជិកអាចធ្វើបាននៅលើវិបផតថល។",
        website="https://youth-network.example.org",
        history=(
            (APPLICANT, date(2019, 4, 20), "Application received"),
            (ACTIVE, date(2019, 6, 15), "Admitted by the CPDD Executive Committee"),
        ),
        contacts=[
            ContactSpec(
                "Sok Dara",
                "male",
                "Coordinator",
                "",
                "dara.sok@example.org",
                is_public=True,
            )
        ],
        generated=True,
    )


# --------------------------------------------------------------------------
# Working groups.
# --------------------------------------------------------------------------

# As the texts describe them; members are the "Active Organizations" they list
# (the DFWG's are not listed). Established: "from this workshop [January 2003]
# developed the WGPD"; the DDWG "in May 2005"; the DFWG "since 2003" (no month,
# so no date).
WORKING_GROUPS = [
    {
        "slug": "wgpd",
        "acronym": "WGPD",
        "name_en": "Working Group for Partnerships in Decentralization",
        "name_km": "ក្រុមការងារភាពជាដៃគូក្នុងវិមជ្ឈការ",
        "purpose_en": (
            "Contribute to strengthening decentralization and democratic local "
            "governance by promoting partnerships among decentralization "
            "stakeholders at all levels, with emphasis on partnerships between "
            "**Commune Councils and local civil society**.\n\n"
            "The Working Group's activities aim to promote partnerships. This "
            "includes collecting and disseminating partnership best practices and "
            "lessons learned, organizing collaborative events at the local and "
            "national levels, building relationships with decentralization policy "
            "makers, and working directly with Commune Councils and local civil "
            "society. WGPD activities are supported by annual block funding "
            "provided by member organizations."
        ),
        "purpose_km": (
            "រួមចំណែកពង្រឹងវិមជ្ឈការ និងអភិបាលកិច្ចមូលដ្ឋានប្រកបដោយប្រជាធិបតេយ្យ "
            "តាមរយៈការលើកកម្ពស់ភាពជាដៃគូរវាងភាគីពាក់ព័ន្ធនឹងវិមជ្ឈការគ្រប់លំដាប់ថ្នាក់ "
            "ដោយផ្តោតជាពិសេសលើភាពជាដៃគូរវាង**ក្រុមប្រឹក្សាឃុំ "
            "និងសង្គមស៊ីវិលមូលដ្ឋាន**។\n\n"
            "សកម្មភាពរបស់ក្រុមការងារមានគោលបំណងលើកកម្ពស់ភាពជាដៃគូ "
            "រួមមានការប្រមូល និងផ្សព្វផ្សាយការអនុវត្តល្អ "
            "និងមេរៀនបទពិសោធន៍ស្តីពីភាពជាដៃគូ "
            "ការរៀបចំព្រឹត្តិការណ៍រួមគ្នានៅថ្នាក់មូលដ្ឋាន និងថ្នាក់ជាតិ "
            "ការកសាងទំនាក់ទំនងជាមួយអ្នកធ្វើគោលនយោបាយវិមជ្ឈការ "
            "និងការធ្វើការដោយផ្ទាល់ជាមួយក្រុមប្រឹក្សាឃុំ និងសង្គមស៊ីវិលមូលដ្ឋាន។ "
            "សកម្មភាពរបស់ WGPD ទទួលបានមូលនិធិប្រចាំឆ្នាំពីអង្គការសមាជិក។"
        ),
        "cadence_en": "On a regular basis",
        "cadence_km": "ជាប្រចាំ",
        "established_on": date(2003, 1, 1),
        "coordinator": "pact-cambodia",
        "members": [
            "cidse",
            "seila-plg",
            "gtz",
            "vbnk",
            "bfd",
            "oxfam-gb",
            "ccsp",
            "adi-ccc",
            "jica",
            "kid",
            "pact-cambodia",
            "unicef",
            "usaid",
            "ockenden-international",
            "cdri",
            "sida",
            "dfid",
            "concern-worldwide",
        ],
    },
    {
        "slug": "dfwg",
        "acronym": "DFWG",
        "name_en": "Decentralization Forum Working Group",
        "name_km": "ក្រុមការងារវេទិកាវិមជ្ឈការ",
        "purpose_en": (
            "An implementing working group, tasked with designing, coordinating, "
            "and executing **two National Forums on Decentralization per year**. "
            "Spawned by the WGPD, since 2003."
        ),
        "purpose_km": (
            "ក្រុមការងារអនុវត្ត ដែលមានភារកិច្ចរៀបចំ សម្របសម្រួល "
            "និងអនុវត្ត**វេទិកាជាតិស្តីពីវិមជ្ឈការ ចំនួនពីរដងក្នុងមួយឆ្នាំ**។ "
            "បង្កើតឡើងដោយ WGPD តាំងពីឆ្នាំ២០០៣។"
        ),
        "cadence_en": "",
        "cadence_km": "",
        "established_on": None,
        "coordinator": None,
        "members": [],
    },
    {
        "slug": "ddwg",
        "acronym": "DDWG",
        "name_en": "Decentralization and Deconcentration Reform Working Group",
        "name_km": "ក្រុមការងារកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការ",
        "purpose_en": (
            "To strengthen decentralization and democracy in Cambodia by increasing "
            "the awareness, participation, and influence of Cambodian civil society "
            "in the D&D Reform Process.\n\n"
            "The specific objectives of the DDWG are:\n\n"
            "1. To increase Cambodian civil society's awareness and understanding "
            "of the D&D reform process\n"
            "2. To increase opportunities for Cambodian civil society to influence "
            "government decision-making related to D&D\n"
            "3. To increase participation of Cambodian civil society in promoting "
            "transparent and accountable sub-national government"
        ),
        "purpose_km": (
            "ពង្រឹងវិមជ្ឈការ និងលទ្ធិប្រជាធិបតេយ្យនៅកម្ពុជា "
            "តាមរយៈការបង្កើនការយល់ដឹង ការចូលរួម "
            "និងឥទ្ធិពលរបស់សង្គមស៊ីវិលកម្ពុជា "
            "ក្នុងដំណើរការកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការ។\n\n"
            "គោលបំណងជាក់លាក់របស់ DDWG៖\n\n"
            "1. បង្កើនការយល់ដឹងរបស់សង្គមស៊ីវិលកម្ពុជា "
            "អំពីដំណើរការកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការ\n"
            "2. បង្កើនឱកាសឱ្យសង្គមស៊ីវិលកម្ពុជាមានឥទ្ធិពលលើការសម្រេចចិត្តរបស់រដ្ឋាភិបាល "
            "ពាក់ព័ន្ធនឹងវិមជ្ឈការ និងវិសហមជ្ឈការ\n"
            "3. បង្កើនការចូលរួមរបស់សង្គមស៊ីវិលកម្ពុជា "
            "ក្នុងការលើកកម្ពស់រដ្ឋបាលថ្នាក់ក្រោមជាតិប្រកបដោយតម្លាភាព "
            "និងគណនេយ្យភាព"
        ),
        "cadence_en": "Monthly",
        "cadence_km": "ប្រចាំខែ",
        "established_on": date(2005, 5, 1),
        "coordinator": None,
        "members": [
            "cows",
            "bdc-cbo",
            "afec",
            "kk-cbo",
            "bta-cbo",
            "card",
            "mode",
            "codec",
            "bfdk",
            "banteay-srey",
            "wfp",
            "ccd",
            "fact",
            "pk",
            "pnka",
            "chrd",
            "gtz-rdp",
            "oxfam-gb",
            "ockenden-international",
            "pact-cambodia",
            "scadp",
            "kid",
        ],
    },
]


# --------------------------------------------------------------------------
# Writing.
# --------------------------------------------------------------------------


def _upsert(model, lookup, values, existing=None):
    """Create, or save only when something changed (keeps history quiet)."""
    obj = existing
    if obj is None:
        obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def _write_organizations(specs, provinces, themes):
    existing = {
        o.slug: o for o in Organization.objects.filter(slug__in=[s.slug for s in specs])
    }
    organizations = {}
    for spec in specs:
        head_office = provinces[spec.head_office] if spec.head_office else None
        organizations[spec.slug] = _upsert(
            Organization,
            {"slug": spec.slug},
            {
                "name_en": spec.name_en,
                "name_km": spec.name_km,
                "acronym": spec.acronym,
                "kind": spec.kind,
                "description_en": spec.description_en,
                "description_km": spec.description_km,
                "website": spec.website,
                "phone": spec.phone,
                "head_office_province_id": head_office.pk if head_office else None,
                "founded_year": spec.founded,
                "registration_number": spec.registration_number,
                "joined_on": spec.joined_on,
                "is_example": spec.is_example,
                # Example members get theirs from their history.
                **(
                    {}
                    if spec.is_example
                    else {"membership_status": ACTIVE if spec.member else ""}
                ),
            },
            existing.get(spec.slug),
        )
    province_links = Organization.provinces.through
    province_links.objects.bulk_create(
        [
            province_links(
                organization_id=organizations[s.slug].pk,
                province_id=provinces[code].pk,
            )
            for s in specs
            for code in dict.fromkeys(
                ((s.head_office,) if s.head_office else ()) + s.provinces
            )
        ],
        ignore_conflicts=True,
    )
    theme_links = Organization.themes.through
    theme_links.objects.bulk_create(
        [
            theme_links(
                organization_id=organizations[s.slug].pk, theme_id=themes[slug].pk
            )
            for s in specs
            for slug in s.themes
        ],
        ignore_conflicts=True,
    )
    return organizations


def _write_statuses(specs, organizations, staff):
    """Record the steps not yet on record, for organisations not at their status.

    A status changed by hand since is left alone when all its steps are on
    record: the loader never logs the same change twice.
    """
    recorded = set(
        MembershipStatusChange.objects.filter(
            organization__in=organizations.values()
        ).values_list("organization_id", "status", "effective_on")
    )
    for spec in specs:
        organization = organizations[spec.slug]
        if not spec.history or organization.membership_status == spec.status:
            continue
        for status, effective_on, note in spec.history:
            if (organization.pk, status, effective_on) not in recorded:
                record_membership_status(
                    organization=organization,
                    status=status,
                    recorded_by=staff,
                    effective_on=effective_on,
                    note=note,
                )


def _write_contacts(specs, organizations):
    existing = {
        (c.organization_id, c.name): c
        for c in Contact.objects.filter(organization__in=organizations.values())
    }
    for spec in specs:
        organization = organizations[spec.slug]
        for contact in spec.contacts:
            _upsert(
                Contact,
                {"organization": organization, "name": contact.name},
                {
                    "sex": contact.sex,
                    "position": contact.position,
                    "phone": contact.phone,
                    "email": contact.email,
                    "is_public": contact.is_public,
                },
                existing.get((organization.pk, contact.name)),
            )


def _write_contributions(specs, organizations):
    Contribution.objects.bulk_create(
        [
            Contribution(
                organization=organizations[spec.slug],
                year=year,
                amount=amount,
                currency=currency,
                paid_on=paid_on,
                reference=reference,
                note=note,
            )
            for spec in specs
            for year, amount, currency, paid_on, reference, note in spec.dues
        ],
        update_conflicts=True,
        unique_fields=["organization", "year"],
        update_fields=["amount", "currency", "paid_on", "reference", "note"],
    )


def _write_working_groups(organizations):
    groups = []
    for data in WORKING_GROUPS:
        coordinator = organizations.get(data["coordinator"])
        group = _upsert(
            WorkingGroup,
            {"slug": data["slug"]},
            {
                "acronym": data["acronym"],
                "name_en": data["name_en"],
                "name_km": data["name_km"],
                "purpose_en": data["purpose_en"],
                "purpose_km": data["purpose_km"],
                "cadence_en": data["cadence_en"],
                "cadence_km": data["cadence_km"],
                "established_on": data["established_on"],
                "coordinator_id": coordinator.pk if coordinator else None,
                "is_active": True,
            },
        )
        set_exactly(
            group.organizations, [organizations[slug] for slug in data["members"]]
        )
        groups.append(group)
    return groups


def set_exactly(manager, objects):
    """Make a many-to-many relation hold `objects`, touching it (and its
    history) only when it holds something else."""
    if {obj.pk for obj in manager.all()} != {obj.pk for obj in objects}:
        manager.set(objects)


# Slugs of organisations that older demo data made up or misnamed.
SUPERSEDED = (
    "cidse-cambodia",
    "dpa",
    "giz",
    "buddhism-for-development",
    "ccc",
    "ponleu-khmer",
    "banteay-srei",
    "embassy-of-japan",
    "pdaff-takeo",
)


def _forget_made_up(specs, organizations, provinces):
    """On a database loaded by an older demo, remove what it made up about
    real organisations: statuses, dues, contacts, places and themes the
    texts do not give, and organisations they do not name."""
    seeded = [s for s in specs if not s.is_example]
    real = [organizations[s.slug] for s in seeded]
    superseded = list(Organization.objects.filter(slug__in=SUPERSEDED))
    everyone = real + superseded
    MembershipStatusChange.objects.filter(organization__in=everyone).delete()
    Contribution.objects.filter(organization__in=everyone).delete()
    Representative.objects.filter(organization__in=everyone).delete()
    named = {(organizations[s.slug].pk, c.name) for s in specs for c in s.contacts}
    for contact in Contact.objects.filter(
        organization__in=[*organizations.values(), *superseded]
    ):
        if (contact.organization_id, contact.name) not in named:
            contact.delete()
    for spec in seeded:
        organization = organizations[spec.slug]
        codes = dict.fromkeys(
            ((spec.head_office,) if spec.head_office else ()) + spec.provinces
        )
        set_exactly(organization.provinces, [provinces[code] for code in codes])
        set_exactly(organization.themes, [])


def forget_stale(*, staff):
    """Organisations an older demo made (misnamed real ones, or generated
    ones this demo no longer builds), once nothing links them any more: run
    after the other apps' demos have dropped their own stale records."""
    provinces = {p.code: p for p in Province.objects.all()}
    districts = list(
        District.objects.filter(kind=District.Kind.DISTRICT)
        .select_related("province")
        .order_by("code")
    )
    current = {spec.slug for spec in build_specs(provinces, districts)}
    stale = (
        Organization.objects.exclude(slug__in=current)
        .filter(Q(slug__in=SUPERSEDED) | Q(status_changes__recorded_by=staff))
        .distinct()
    )
    for organization in stale:
        # One still named by a record of the secretariat's is kept, whole.
        with suppress(ProtectedError, RestrictedError), transaction.atomic():
            MembershipStatusChange.objects.filter(organization=organization).delete()
            organization.contributions.all().delete()
            organization.contacts.all().delete()
            Representative.objects.filter(organization=organization).delete()
            organization.delete()


@transaction.atomic
def load(*, staff, member):
    """Fill the members app with demo data; return counts for printing."""
    provinces = {p.code: p for p in Province.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    districts = list(
        District.objects.filter(kind=District.Kind.DISTRICT)
        .select_related("province")
        .order_by("code")
    )
    specs = build_specs(provinces, districts)
    organizations = _write_organizations(specs, provinces, themes)
    _forget_made_up(specs, organizations, provinces)
    _write_statuses(specs, organizations, staff)
    _write_contacts(specs, organizations)
    _write_contributions(specs, organizations)
    groups = _write_working_groups(organizations)
    Representative.objects.get_or_create(
        organization=organizations[DEMO_MEMBER], user=member
    )

    demo = Organization.objects.filter(slug__in=organizations)
    return {
        "organisations": demo.count(),
        "active members": demo.active_members().count(),
        "partners": demo.partners().count(),
        "contacts": Contact.objects.filter(organization__in=demo).count(),
        "contributions": Contribution.objects.filter(organization__in=demo).count(),
        "status changes": MembershipStatusChange.objects.filter(
            organization__in=demo
        ).count(),
        "working groups": len(groups),
        "representatives": Representative.objects.filter(organization__in=demo).count(),
    }
