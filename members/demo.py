"""Demo data for the members app: organisations, contacts, dues, working groups.

`load(staff=..., member=...)` is idempotent: every row is keyed on a natural key
(an organisation's slug, a contact's name within its organisation, a
contribution's organisation and year, a status change's status and date), so
running it again updates the same rows and adds none.

The organisations named in the coalition's own texts come first, with their
real names. The rest are plausible local NGOs and community-based
organisations, generated from a seeded `random.Random(2026)` so every run
builds the same ones. Never for production.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
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

WGPD_START = date(2003, 1, 15)
WGPD_NOTE = "Founding member of the WGPD (Partnership Workshop, January 2003)"
DDWG_START = date(2005, 5, 20)
DDWG_NOTE = "Joined through the DDWG, May 2005"
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
    # (year, amount, currency, paid_on, reference, note)
    dues: list = field(default_factory=list)

    @property
    def status(self):
        return self.history[-1][0] if self.history else ""

    @property
    def joined_on(self):
        return next((d for s, d, _ in self.history if s == ACTIVE), None)


def _joined(on, note):
    return ((ACTIVE, on, note),)


# --------------------------------------------------------------------------
# The organisations named in the coalition's texts.
# --------------------------------------------------------------------------


def _named_members():
    return [
        OrgSpec(
            "ctod",
            "CTOD",
            "Community Training Organization for Development",
            "អង្គការបណ្តុះបណ្តាលសហគមន៍ដើម្បីអភិវឌ្ឍន៍",
            LOCAL_NGO,
            "02",
            ("02", "01", "24"),
            (
                "civic-engagement",
                "social-accountability",
                "decentralisation",
                "local-budgeting",
            ),
            2001,
            "Trains **community-based organisations** and citizens in Battambang "
            "to take part in district and commune planning. Documented CPDD's 2021 "
            "case studies on civic engagement at district and municipality level.",
            "បណ្តុះបណ្តាល**អង្គការសហគមន៍មូលដ្ឋាន** និងពលរដ្ឋនៅខេត្តបាត់ដំបង "
            "ឱ្យចូលរួមក្នុងការរៀបចំផែនការស្រុក និងឃុំ។ បានចងក្រងករណីសិក្សារបស់ "
            "CPDD ឆ្នាំ២០២១ ស្តីពីការចូលរួមរបស់ពលរដ្ឋនៅថ្នាក់ស្រុក និងក្រុង។",
            website="https://www.ctod.org.kh",
            history=(
                (APPLICANT, date(2009, 4, 20), "Application received"),
                (ACTIVE, date(2009, 6, 15), "Approved by the WGPD members"),
            ),
            contacts=[
                ContactSpec(
                    "Sok Dara",
                    "male",
                    "Executive Director",
                    "+855 12 345 678",
                    "dara.sok@example.org",
                    is_public=True,
                ),
                ContactSpec(
                    "Chan Sreymom",
                    "female",
                    "Programme Manager",
                    "+855 17 482 915",
                    "sreymom.chan@example.org",
                ),
            ],
        ),
        OrgSpec(
            "aphivat-strey",
            "AS",
            "Aphivat Strey",
            "អង្គការអភិវឌ្ឍន៍ស្ត្រី",
            LOCAL_NGO,
            "12",
            ("12", "02", "08"),
            ("gender", "civic-engagement", "decentralisation"),
            1996,
            "Supports women to take part in commune and district decision-making "
            "and to hold local councils to their gender commitments. Co-authored "
            "the 2021 Battambang case studies on district civic engagement with "
            "CTOD.",
            "គាំទ្រស្ត្រីឱ្យចូលរួមក្នុងការសម្រេចចិត្តនៅថ្នាក់ឃុំ និងស្រុក "
            "ព្រមទាំងតាមដានការអនុវត្តការប្តេជ្ញាចិត្តផ្នែកយេនឌ័ររបស់ក្រុមប្រឹក្សាមូលដ្ឋាន។ "
            "បានរួមចងក្រងករណីសិក្សាឆ្នាំ២០២១ ស្តីពីការចូលរួមរបស់ពលរដ្ឋនៅថ្នាក់ស្រុក "
            "ខេត្តបាត់ដំបង ជាមួយ CTOD។",
            history=_joined(date(2007, 3, 12), "Approved by the WGPD members"),
            contacts=[
                ContactSpec(
                    "Keo Sophea",
                    "female",
                    "Executive Director",
                    "+855 11 206 334",
                    "sophea.keo@example.org",
                    is_public=True,
                )
            ],
        ),
        OrgSpec(
            "ccsp",
            "CCSP",
            "Cambodian Civil Society Partnership",
            "ភាពជាដៃគូសង្គមស៊ីវិលកម្ពុជា",
            LOCAL_NGO,
            "12",
            ("12", "08", "05", "21"),
            ("decentralisation", "capacity-development", "civic-engagement"),
            1999,
            "Promotes good governance at sub-national level and hosted the **WGPD "
            "secretariat**. An active member of the DELGOSEA network, sharing "
            "Cambodian local-government practice across ASEAN.",
            "លើកកម្ពស់អភិបាលកិច្ចល្អនៅថ្នាក់ក្រោមជាតិ "
            "និងធ្លាប់ជាម្ចាស់ផ្ទះ**លេខាធិការដ្ឋាន WGPD**។ ជាសមាជិកសកម្មនៃបណ្តាញ "
            "DELGOSEA ដែលចែករំលែកបទពិសោធន៍រដ្ឋបាលមូលដ្ឋានកម្ពុជាទូទាំងអាស៊ាន។",
            history=_joined(WGPD_START, WGPD_NOTE),
            contacts=[
                ContactSpec(
                    "Sokhany Prak",
                    "female",
                    "Executive Director",
                    "+855 12 880 417",
                    "sokhany.prak@example.org",
                    is_public=True,
                )
            ],
        ),
        OrgSpec(
            "pact-cambodia",
            "Pact",
            "Pact Cambodia",
            "អង្គការប៉ាក់កម្ពុជា",
            INGO,
            "12",
            ("12", "17", "22", "13"),
            ("decentralisation", "capacity-development", "social-accountability"),
            1991,
            "Coordinated the **Working Group for Partnerships in Decentralization** "
            "from its start in January 2003, and the DDWG from 2005. Builds the "
            "capacity of local organisations and commune councils.",
            "បានសម្របសម្រួល**ក្រុមការងារភាពជាដៃគូក្នុងវិមជ្ឈការ** "
            "តាំងពីចាប់ផ្តើមក្នុងខែមករា ឆ្នាំ២០០៣ និងក្រុមការងារ DDWG "
            "តាំងពីឆ្នាំ២០០៥។ ពង្រឹងសមត្ថភាពអង្គការមូលដ្ឋាន និងក្រុមប្រឹក្សាឃុំ។",
            website="https://www.pactworld.org",
            phone="+855 23 217 855",
            history=_joined(WGPD_START, WGPD_NOTE),
            contacts=[
                ContactSpec(
                    "Phay Sokhumar",
                    "male",
                    "Working group contact (WGPD, DDWG)",
                    "+855 23 217 855",
                    "phay.sokhumar@example.org",
                    is_public=True,
                )
            ],
        ),
        OrgSpec(
            "cidse-cambodia",
            "CIDSE",
            "CIDSE Cambodia",
            "អង្គការស៊ីដស៍កម្ពុជា",
            INGO,
            "12",
            ("12", "16", "19"),
            ("decentralisation", "agriculture"),
            1979,
            "Proposed the decentralization Partnership Workshop of January 2003 from "
            "which the WGPD grew. Its Cambodia programme was localised in 2005 as "
            "Development and Partnership in Action (DPA).",
            "បានស្នើរៀបចំសិក្ខាសាលាភាពជាដៃគូក្នុងវិមជ្ឈការ នៅខែមករា ឆ្នាំ២០០៣ "
            "ដែលបង្កើតឱ្យមាន WGPD។ កម្មវិធីនៅកម្ពុជារបស់ខ្លួនត្រូវបានផ្ទេរទៅជាអង្គការក្នុងស្រុក "
            "ឈ្មោះ អង្គការអភិវឌ្ឍន៍ និងភាពជាដៃគូក្នុងសកម្មភាព (DPA) ក្នុងឆ្នាំ២០០៥។",
            history=(
                (ACTIVE, WGPD_START, WGPD_NOTE),
                (
                    WITHDRAWN,
                    date(2005, 12, 31),
                    "Programme localised as DPA, which took up the membership",
                ),
            ),
        ),
        OrgSpec(
            "dpa",
            "DPA",
            "Development and Partnership in Action",
            "អង្គការអភិវឌ្ឍន៍ និងភាពជាដៃគូក្នុងសកម្មភាព",
            LOCAL_NGO,
            "12",
            ("12", "16", "19", "20"),
            ("agriculture", "climate-environment", "decentralisation"),
            2005,
            "Local successor of CIDSE Cambodia, working with rural and indigenous "
            "communities on natural resource rights, livelihoods and local "
            "governance.",
            "ជាអង្គការក្នុងស្រុកបន្តវេនពី CIDSE កម្ពុជា ធ្វើការជាមួយសហគមន៍ជនបទ "
            "និងជនជាតិដើមភាគតិច លើសិទ្ធិធនធានធម្មជាតិ ជីវភាព និងអភិបាលកិច្ចមូលដ្ឋាន។",
            history=_joined(
                date(2006, 1, 16), "Took up the membership of CIDSE Cambodia"
            ),
        ),
        OrgSpec(
            "vbnk",
            "VBNK",
            "Institute to Serve Facilitators of Development",
            "វិទ្យាស្ថានបម្រើអ្នកសម្របសម្រួលការអភិវឌ្ឍ",
            LOCAL_NGO,
            "12",
            ("12",),
            ("capacity-development", "civic-engagement"),
            1997,
            "Develops the skills of facilitators, trainers and leaders in Cambodian "
            "civil society and government through courses, coaching and learning "
            "events.",
            "អភិវឌ្ឍជំនាញរបស់អ្នកសម្របសម្រួល គ្រូបង្គោល "
            "និងអ្នកដឹកនាំក្នុងសង្គមស៊ីវិល និងរដ្ឋាភិបាលកម្ពុជា តាមរយៈវគ្គសិក្សា "
            "ការណែនាំផ្ទាល់ និងព្រឹត្តិការណ៍សិក្សារៀនសូត្រ។",
            website="https://www.vbnk.org",
            history=_joined(WGPD_START, WGPD_NOTE),
        ),
        OrgSpec(
            "oxfam-gb",
            "Oxfam GB",
            "Oxfam GB",
            "អុកស្វាម ចក្រភពអង់គ្លេស",
            INGO,
            "12",
            ("12", "15", "04", "06"),
            ("gender", "agriculture", "decentralisation"),
            1979,
            "Supported the WGPD and the DDWG from their start, funding partner NGOs "
            "to work on community fisheries, women's leadership and local "
            "governance.",
            "បានគាំទ្រ WGPD និង DDWG តាំងពីដំបូង "
            "ដោយផ្តល់មូលនិធិដល់អង្គការដៃគូ ដើម្បីធ្វើការលើសហគមន៍នេសាទ "
            "ភាពជាអ្នកដឹកនាំរបស់ស្ត្រី និងអភិបាលកិច្ចមូលដ្ឋាន។",
            website="https://www.oxfam.org.uk",
            history=(
                (ACTIVE, WGPD_START, WGPD_NOTE),
                (
                    LAPSED,
                    date(2017, 7, 31),
                    "Did not renew when CPDD registered with the Ministry of Interior",
                ),
            ),
        ),
        OrgSpec(
            "cdri",
            "CDRI",
            "Cambodia Development Resource Institute",
            "វិទ្យាស្ថានបណ្តុះបណ្តាល និងស្រាវជ្រាវដើម្បីអភិវឌ្ឍន៍កម្ពុជា",
            LOCAL_NGO,
            "12",
            ("12",),
            ("decentralisation", "local-budgeting", "agriculture"),
            1990,
            "Independent policy research institute. Its governance research on "
            "**decentralisation and deconcentration** informs the debate among "
            "government, development partners and civil society.",
            "វិទ្យាស្ថានស្រាវជ្រាវគោលនយោបាយឯករាជ្យ។ "
            "ការស្រាវជ្រាវលើអភិបាលកិច្ច ជាពិសេស**វិមជ្ឈការ និងវិសហមជ្ឈការ** "
            "ផ្តល់ព័ត៌មានដល់កិច្ចពិភាក្សារវាងរដ្ឋាភិបាល ដៃគូអភិវឌ្ឍន៍ និងសង្គមស៊ីវិល។",
            website="https://cdri.org.kh",
            history=_joined(WGPD_START, WGPD_NOTE),
        ),
        OrgSpec(
            "kid",
            "KID",
            "Khmer Institute for Democracy",
            "វិទ្យាស្ថានខ្មែរដើម្បីប្រជាធិបតេយ្យ",
            LOCAL_NGO,
            "12",
            ("12", "08", "14", "03"),
            ("civic-engagement", "decentralisation", "youth", "access-to-information"),
            1992,
            "Civic education on democracy, human rights and good governance; runs "
            "public forums where citizens question commune and district councillors.",
            "អប់រំពលរដ្ឋអំពីប្រជាធិបតេយ្យ សិទ្ធិមនុស្ស និងអភិបាលកិច្ចល្អ "
            "ព្រមទាំងរៀបចំវេទិកាសាធារណៈ "
            "ដែលពលរដ្ឋអាចសួរសំណួរទៅក្រុមប្រឹក្សាឃុំ និងស្រុក។",
            history=_joined(WGPD_START, WGPD_NOTE),
        ),
        OrgSpec(
            "ccc",
            "ADI/CCC",
            "Cooperation Committee for Cambodia",
            "គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា",
            NETWORK,
            "12",
            ("12",),
            ("capacity-development", "civic-engagement", "access-to-information"),
            1990,
            "Membership network of NGOs working for an enabling environment for "
            "civil society. Its **Analyzing Development Issues (ADI)** project was an "
            "active WGPD participant.",
            "បណ្តាញសមាជិកអង្គការមិនមែនរដ្ឋាភិបាល "
            "ដែលធ្វើការដើម្បីបរិយាកាសអំណោយផលសម្រាប់សង្គមស៊ីវិល។ "
            "គម្រោង**វិភាគបញ្ហាអភិវឌ្ឍន៍ (ADI)** របស់ខ្លួន ជាអ្នកចូលរួមសកម្មក្នុង WGPD។",
            website="https://www.ccc-cambodia.org",
            history=_joined(WGPD_START, WGPD_NOTE),
        ),
        OrgSpec(
            "buddhism-for-development",
            "BfD",
            "Buddhism for Development",
            "អង្គការពុទ្ធសាសនាដើម្បីអភិវឌ្ឍន៍",
            LOCAL_NGO,
            "02",
            ("02", "01", "22"),
            ("civic-engagement", "capacity-development", "youth"),
            1990,
            "Works through Buddhist monks and pagoda committees in Battambang to "
            "promote peace, community development and good local governance.",
            "ធ្វើការតាមរយៈព្រះសង្ឃ និងគណៈកម្មការវត្តនៅខេត្តបាត់ដំបង "
            "ដើម្បីលើកកម្ពស់សន្តិភាព ការអភិវឌ្ឍសហគមន៍ និងអភិបាលកិច្ចមូលដ្ឋានល្អ។",
            history=_joined(WGPD_START, WGPD_NOTE),
        ),
        OrgSpec(
            "ockenden-international",
            "Ockenden",
            "Ockenden International",
            "អង្គការអុកខិនដិនអន្តរជាតិ",
            INGO,
            "12",
            ("01", "02", "22"),
            ("agriculture", "decentralisation"),
            1951,
            "British NGO that supported returnee and rural communities in north-west "
            "Cambodia and took part in the WGPD and DDWG; its programme was handed "
            "over to local organisations.",
            "អង្គការមិនមែនរដ្ឋាភិបាលអង់គ្លេស "
            "ដែលបានគាំទ្រសហគមន៍អ្នកវិលត្រឡប់ និងសហគមន៍ជនបទនៅភាគពាយ័ព្យនៃប្រទេសកម្ពុជា "
            "និងបានចូលរួមក្នុង WGPD និង DDWG។ "
            "កម្មវិធីរបស់ខ្លួនត្រូវបានប្រគល់ទៅឱ្យអង្គការក្នុងស្រុក។",
            history=(
                (ACTIVE, WGPD_START, WGPD_NOTE),
                (
                    WITHDRAWN,
                    date(2008, 6, 30),
                    "Closed its Cambodia programme; work continues through local NGOs",
                ),
            ),
        ),
        OrgSpec(
            "concern-worldwide",
            "Concern",
            "Concern Worldwide",
            "អង្គការខនសឺនវើលវ៉ាយ",
            INGO,
            "12",
            ("15", "06", "20"),
            ("public-services", "agriculture", "decentralisation"),
            1968,
            "Irish humanitarian organisation that worked with the poorest rural "
            "communities and supported commune councils through the WGPD.",
            "អង្គការមនុស្សធម៌អៀរឡង់ "
            "ដែលបានធ្វើការជាមួយសហគមន៍ជនបទក្រីក្របំផុត "
            "និងបានគាំទ្រក្រុមប្រឹក្សាឃុំតាមរយៈ WGPD។",
            website="https://www.concern.net",
            history=(
                (ACTIVE, WGPD_START, WGPD_NOTE),
                (WITHDRAWN, date(2019, 6, 30), "Phased out its Cambodia programme"),
            ),
        ),
        # The DDWG's "Active Organizations" of 2005.
        OrgSpec(
            "cows",
            "COWS",
            "Cambodian Organization for Women Support",
            "អង្គការកម្ពុជាដើម្បីគាំទ្រស្ត្រី",
            LOCAL_NGO,
            "12",
            ("12", "08", "14"),
            ("gender", "public-services"),
            1996,
            "Supports women survivors of violence and trains commune committees for "
            "women and children to respond to domestic violence.",
            "គាំទ្រស្ត្រីរងគ្រោះដោយអំពើហិង្សា "
            "និងបណ្តុះបណ្តាលគណៈកម្មាធិការទទួលបន្ទុកកិច្ចការនារី និងកុមារឃុំ "
            "ឱ្យឆ្លើយតបនឹងអំពើហិង្សាក្នុងគ្រួសារ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "bdc-cbo",
            "BDC/CBO",
            "Baray Development Community",
            "សហគមន៍អភិវឌ្ឍន៍បារាយណ៍",
            CBO,
            "06",
            ("06",),
            ("agriculture", "civic-engagement", "local-budgeting"),
            2002,
            "Village-based organisation in Baray district that runs rice banks and "
            "brings villagers' requests to the commune council's annual planning.",
            "អង្គការមូលដ្ឋានភូមិនៅស្រុកបារាយណ៍ ដែលដំណើរការធនាគារស្រូវ "
            "និងនាំយកសំណើរបស់ប្រជាពលរដ្ឋទៅកាន់ការរៀបចំផែនការប្រចាំឆ្នាំរបស់ក្រុមប្រឹក្សាឃុំ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "afec",
            "AFEC",
            "Association of Farmers for Environmental Conservation",
            "សមាគមកសិករដើម្បីអភិរក្សបរិស្ថាន",
            LOCAL_NGO,
            "15",
            ("15", "09"),
            ("climate-environment", "agriculture"),
            2000,
            "Works with farmers in Pursat on organic rice, community forestry and "
            "the protection of the Cardamom foothills.",
            "ធ្វើការជាមួយកសិករនៅខេត្តពោធិ៍សាត់ លើការដាំស្រូវសរីរាង្គ សហគមន៍ព្រៃឈើ "
            "និងការការពារតំបន់ជើងភ្នំក្រវាញ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "kk-cbo",
            "KK/CBO",
            "Koh Kong Community-Based Organisation",
            "អង្គការសហគមន៍មូលដ្ឋានខេត្តកោះកុង",
            CBO,
            "09",
            ("09",),
            ("climate-environment", "civic-engagement"),
            2003,
            "Community-based organisation on the Koh Kong coast that protects "
            "mangroves and helps fishing villages raise their needs with commune "
            "councils.",
            "អង្គការសហគមន៍មូលដ្ឋាននៅតំបន់ឆ្នេរខេត្តកោះកុង "
            "ដែលការពារព្រៃកោងកាង "
            "និងជួយភូមិនេសាទលើកឡើងតម្រូវការរបស់ខ្លួនទៅក្រុមប្រឹក្សាឃុំ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "bta-cbo",
            "BTA/CBO",
            "Bati Farmers' Association",
            "សមាគមកសិករស្រុកបាទី",
            CBO,
            "21",
            ("21",),
            ("agriculture", "gender"),
            2001,
            "Farmers' association in Bati district, Takeo, running a savings fund, "
            "a seed bank and shared irrigation pumps.",
            "សមាគមកសិករនៅស្រុកបាទី ខេត្តតាកែវ ដែលដំណើរការមូលនិធិសន្សំ "
            "ធនាគារគ្រាប់ពូជ និងម៉ាស៊ីនបូមទឹកប្រើប្រាស់រួមគ្នា។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "card",
            "CARD",
            "Cambodian Association for Rural Development",
            "សមាគមកម្ពុជាដើម្បីអភិវឌ្ឍន៍ជនបទ",
            LOCAL_NGO,
            "06",
            ("06", "03"),
            ("agriculture", "local-budgeting", "capacity-development"),
            1998,
            "Helps rural communes in Kampong Thom plan small infrastructure and "
            "farming projects with their villagers, and trains commune councillors "
            "in participatory planning.",
            "ជួយឃុំជនបទនៅខេត្តកំពង់ធំ "
            "រៀបចំផែនការគម្រោងហេដ្ឋារចនាសម្ព័ន្ធខ្នាតតូច "
            "និងគម្រោងកសិកម្មជាមួយប្រជាពលរដ្ឋ "
            "និងបណ្តុះបណ្តាលក្រុមប្រឹក្សាឃុំលើការរៀបចំផែនការដោយមានការចូលរួម។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "mode",
            "MODE",
            "Minority Organization for Development of Economy",
            "អង្គការជនជាតិភាគតិចដើម្បីអភិវឌ្ឍន៍សេដ្ឋកិច្ច",
            LOCAL_NGO,
            "06",
            ("06", "13"),
            ("agriculture", "civic-engagement"),
            1996,
            "Supports ethnic minority and poor farming families in Kampong Thom to "
            "improve their livelihoods and take part in commune decision-making.",
            "គាំទ្រគ្រួសារកសិករជនជាតិភាគតិច និងគ្រួសារក្រីក្រនៅខេត្តកំពង់ធំ "
            "ឱ្យលើកកម្ពស់ជីវភាព និងចូលរួមក្នុងការសម្រេចចិត្តរបស់ឃុំ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "codec",
            "CODEC",
            "Community Development Education Centre",
            "មជ្ឈមណ្ឌលអប់រំអភិវឌ្ឍន៍សហគមន៍",
            LOCAL_NGO,
            "03",
            ("03", "25"),
            ("civic-engagement", "local-budgeting", "capacity-development"),
            1998,
            "Runs adult literacy and civic education classes in Kampong Cham and "
            "helps villagers follow the Commune Investment Programme.",
            "ដំណើរការថ្នាក់អក្ខរកម្មមនុស្សពេញវ័យ និងការអប់រំពលរដ្ឋនៅខេត្តកំពង់ចាម "
            "និងជួយប្រជាពលរដ្ឋតាមដានកម្មវិធីវិនិយោគឃុំ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "bfdk",
            "BFDK",
            "Bridge for Development of Kampuchea",
            "អង្គការស្ពានអភិវឌ្ឍន៍កម្ពុជា",
            LOCAL_NGO,
            "14",
            ("14", "20"),
            ("capacity-development", "decentralisation"),
            2003,
            "Builds the capacity of village development committees in Prey Veng "
            "and links them with commune councils and district offices.",
            "ពង្រឹងសមត្ថភាពគណៈកម្មាធិការអភិវឌ្ឍន៍ភូមិនៅខេត្តព្រៃវែង "
            "និងភ្ជាប់ពួកគេជាមួយក្រុមប្រឹក្សាឃុំ និងការិយាល័យស្រុក។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "banteay-srei",
            "",
            "Banteay Srei",
            "អង្គការបន្ទាយស្រី",
            LOCAL_NGO,
            "12",
            ("02", "17", "06"),
            ("gender", "civic-engagement", "agriculture"),
            2000,
            "Cambodian women's organisation (also spelt *Banteay Srey*) working for "
            "women's economic, social and political empowerment, including women's "
            "voice in local government.",
            "អង្គការស្ត្រីកម្ពុជា "
            "ដែលធ្វើការដើម្បីការលើកកម្ពស់សិទ្ធិអំណាចស្ត្រីផ្នែកសេដ្ឋកិច្ច សង្គម "
            "និងនយោបាយ រួមទាំងសំឡេងរបស់ស្ត្រីក្នុងរដ្ឋបាលមូលដ្ឋាន។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "wfp",
            "WfP",
            "Women for Prosperity",
            "អង្គការស្ត្រីដើម្បីវិបុលភាព",
            LOCAL_NGO,
            "12",
            ("12", "05", "21", "07"),
            ("gender", "civic-engagement", "decentralisation"),
            1994,
            "Trains and mentors women commune councillors and candidates, and "
            "advocates for more women in sub-national councils.",
            "បណ្តុះបណ្តាល និងផ្តល់ការណែនាំដល់សមាជិកក្រុមប្រឹក្សាឃុំជាស្ត្រី "
            "និងបេក្ខជននារី "
            "ព្រមទាំងតស៊ូមតិឱ្យមានស្ត្រីកាន់តែច្រើននៅក្នុងក្រុមប្រឹក្សាថ្នាក់ក្រោមជាតិ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "ccd",
            "CCD",
            "Community Capacities for Development",
            "អង្គការសមត្ថភាពសហគមន៍ដើម្បីអភិវឌ្ឍន៍",
            LOCAL_NGO,
            "17",
            ("17", "22"),
            ("capacity-development", "civic-engagement", "social-accountability"),
            2001,
            "Supports community groups in Siem Reap to manage local development "
            "projects and hold public dialogues with commune and district officials.",
            "គាំទ្រក្រុមសហគមន៍នៅខេត្តសៀមរាប "
            "ឱ្យគ្រប់គ្រងគម្រោងអភិវឌ្ឍន៍មូលដ្ឋាន "
            "និងរៀបចំកិច្ចសន្ទនាសាធារណៈជាមួយមន្ត្រីឃុំ និងស្រុក។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "fact",
            "FACT",
            "Fisheries Action Coalition Team",
            "ក្រុមសម្ព័ន្ធសកម្មភាពជលផល",
            NETWORK,
            "12",
            ("02", "04", "06", "15", "17"),
            ("climate-environment", "agriculture", "social-accountability"),
            2000,
            "Coalition defending the rights of small-scale fishing communities "
            "around the Tonle Sap lake and along the Mekong.",
            "សម្ព័ន្ធភាពដែលការពារសិទ្ធិរបស់សហគមន៍នេសាទខ្នាតតូចជុំវិញបឹងទន្លេសាប និងតាមដងទន្លេមេគង្គ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "ponleu-khmer",
            "PK",
            "Ponleu Khmer",
            "ពន្លឺខ្មែរ",
            NETWORK,
            "12",
            ("12", "03", "14", "21"),
            ("civic-engagement", "decentralisation"),
            2001,
            "Coalition of Cambodian NGOs that has worked since the 2002 commune "
            "elections to strengthen commune councils and citizens' participation "
            "in them.",
            "សម្ព័ន្ធភាពអង្គការមិនមែនរដ្ឋាភិបាលកម្ពុជា "
            "ដែលធ្វើការតាំងពីការបោះឆ្នោតឃុំឆ្នាំ២០០២ "
            "ដើម្បីពង្រឹងក្រុមប្រឹក្សាឃុំ និងការចូលរួមរបស់ពលរដ្ឋ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "pnka",
            "PNKA",
            "Pailin Neak Kasekor Association",
            "សមាគមអ្នកកសិករប៉ៃលិន",
            CBO,
            "24",
            ("24",),
            ("agriculture", "civic-engagement"),
            2002,
            "Farmers' association in Pailin helping member families grow and market "
            "cassava, maize and vegetables, and raise their needs with commune "
            "councils.",
            "សមាគមកសិករនៅខេត្តប៉ៃលិន ដែលជួយគ្រួសារសមាជិកដាំដុះ "
            "និងលក់ដំឡូងមី ពោត និងបន្លែ "
            "ព្រមទាំងលើកឡើងតម្រូវការរបស់ខ្លួនទៅក្រុមប្រឹក្សាឃុំ។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "chrd",
            "CHRD",
            "Centre for Human Rights and Development",
            "មជ្ឈមណ្ឌលសិទ្ធិមនុស្ស និងអភិវឌ្ឍន៍",
            LOCAL_NGO,
            "07",
            ("07", "23"),
            ("access-to-information", "social-accountability"),
            1999,
            "Monitors human rights at local level in Kampot and Kep and trains "
            "commune officials on citizens' rights and access to information.",
            "តាមដានស្ថានភាពសិទ្ធិមនុស្សនៅមូលដ្ឋានក្នុងខេត្តកំពត និងខេត្តកែប "
            "និងបណ្តុះបណ្តាលមន្ត្រីឃុំអំពីសិទ្ធិពលរដ្ឋ និងការទទួលបានព័ត៌មាន។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
        OrgSpec(
            "scadp",
            "SCADP",
            "Sustainable Community Agriculture Development Programme",
            "កម្មវិធីអភិវឌ្ឍន៍កសិកម្មសហគមន៍ប្រកបដោយចីរភាព",
            LOCAL_NGO,
            "04",
            ("04", "15"),
            ("agriculture", "climate-environment", "local-budgeting"),
            2001,
            "Promotes sustainable agriculture and farmer cooperatives in Kampong "
            "Chhnang, working with commune councils on small irrigation schemes.",
            "លើកកម្ពស់កសិកម្មប្រកបដោយចីរភាព និងសហគមន៍កសិកម្មនៅខេត្តកំពង់ឆ្នាំង "
            "ដោយធ្វើការជាមួយក្រុមប្រឹក្សាឃុំលើគម្រោងប្រព័ន្ធធារាសាស្ត្រខ្នាតតូច។",
            history=_joined(DDWG_START, DDWG_NOTE),
        ),
    ]


def _district_administration(slug, name_en, name_km, place_km):
    return OrgSpec(
        slug,
        "",
        name_en,
        name_km,
        GOVERNMENT,
        "02",
        ("02",),
        ("civic-engagement", "decentralisation"),
        None,
        "Endorsed a joint list of recommendations on civic engagement with civil "
        "society organisations between November and December 2021, after CPDD's "
        "case study of citizen engagement at district and municipality level.",
        "បានឯកភាពលើបញ្ជីអនុសាសន៍រួមស្តីពីការចូលរួមរបស់ពលរដ្ឋ "
        "ជាមួយអង្គការសង្គមស៊ីវិល ចន្លោះខែវិច្ឆិកា ដល់ខែធ្នូ ឆ្នាំ២០២១ "
        f"បន្ទាប់ពីករណីសិក្សារបស់ CPDD នៅ{place_km}។",
    )


def _pdaff(slug, province_en, province_km, code, text_en, text_km):
    return OrgSpec(
        slug,
        "PDAFF",
        f"{province_en} Provincial Department of Agriculture, Forestry and Fisheries",
        f"មន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ និងនេសាទខេត្ត{province_km}",
        GOVERNMENT,
        code,
        (code,),
        ("agriculture", "climate-environment"),
        None,
        text_en,
        text_km,
    )


def _partners():
    """Partners who are not members: government, donors, networks, a company."""
    return [
        OrgSpec(
            "ncdd",
            "NCDD",
            "National Committee for Sub-National Democratic Development",
            "គណៈកម្មាធិការជាតិសម្រាប់ការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យនៅថ្នាក់ក្រោមជាតិ",
            GOVERNMENT,
            "12",
            (),
            ("decentralisation",),
            2008,
            "Inter-ministerial mechanism leading the **D&D reform**; its secretariat "
            "(NCDD-S) is CPDD's main government counterpart.",
            "យន្តការអន្តរក្រសួងដែលដឹកនាំ**កំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការ** "
            "ហើយលេខាធិការដ្ឋានរបស់ខ្លួន (NCDD-S) "
            "ជាដៃគូរដ្ឋាភិបាលចម្បងរបស់ CPDD។",
            website="https://www.ncdd.gov.kh",
        ),
        OrgSpec(
            "ministry-of-interior",
            "MoI",
            "Ministry of Interior",
            "ក្រសួងមហាផ្ទៃ",
            GOVERNMENT,
            "12",
            (),
            ("decentralisation",),
            None,
            "Registers associations and NGOs (CPDD was registered in July 2017) and "
            "oversees the sub-national administrations.",
            "ចុះបញ្ជីសមាគម និងអង្គការមិនមែនរដ្ឋាភិបាល "
            "(CPDD ត្រូវបានចុះបញ្ជីនៅខែកក្កដា ឆ្នាំ២០១៧) "
            "និងគ្រប់គ្រងរដ្ឋបាលថ្នាក់ក្រោមជាតិ។",
            website="https://www.interior.gov.kh",
        ),
        OrgSpec(
            "undp-cambodia",
            "UNDP",
            "United Nations Development Programme in Cambodia",
            "កម្មវិធីអភិវឌ្ឍន៍សហប្រជាជាតិប្រចាំកម្ពុជា",
            DONOR,
            "12",
            (),
            ("decentralisation", "social-accountability", "access-to-information"),
            None,
            "Worked with NCDD and CPDD on the project *Strengthening Transparency…*, "
            "closed at a dissemination workshop in Phnom Penh on 18 September 2025.",
            "ដៃគូរបស់ NCDD និង CPDD ក្នុងគម្រោង «ពង្រឹងតម្លាភាព…» "
            "ដែលត្រូវបានបិទនៅក្នុងសិក្ខាសាលាផ្សព្វផ្សាយលទ្ធផល នៅរាជធានីភ្នំពេញ "
            "ថ្ងៃទី១៨ ខែកញ្ញា ឆ្នាំ២០២៥។",
            website="https://www.undp.org/cambodia",
        ),
        OrgSpec(
            "gef-sgp",
            "GEF SGP",
            "GEF Small Grants Programme",
            "កម្មវិធីជំនួយឥតសំណងខ្នាតតូចនៃមូលនិធិបរិស្ថានសកល",
            DONOR,
            "12",
            (),
            ("climate-environment",),
            None,
            "Funds community projects on environment and climate. CPDD oriented its "
            "grantees on project management at a workshop in Siem Reap on "
            "2 to 4 September 2025.",
            "ផ្តល់មូលនិធិដល់គម្រោងសហគមន៍ផ្នែកបរិស្ថាន និងអាកាសធាតុ។ "
            "CPDD បានរៀបចំសិក្ខាសាលាតម្រង់ទិសស្តីពីការគ្រប់គ្រងគម្រោងសម្រាប់អ្នកទទួលជំនួយ "
            "នៅខេត្តសៀមរាប ពីថ្ងៃទី២ ដល់ថ្ងៃទី៤ ខែកញ្ញា ឆ្នាំ២០២៥។",
            website="https://sgp.undp.org",
        ),
        OrgSpec(
            "embassy-of-japan",
            "",
            "Embassy of Japan in Cambodia",
            "ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា",
            DONOR,
            "12",
            (),
            ("public-services",),
            None,
            "Supports community projects through the Government of Japan's Grant "
            "Assistance for Grassroots Human Security Projects.",
            "គាំទ្រគម្រោងសហគមន៍ "
            "តាមរយៈកម្មវិធីជំនួយឥតសំណងរបស់រដ្ឋាភិបាលជប៉ុនសម្រាប់គម្រោងសន្តិសុខមនុស្សថ្នាក់មូលដ្ឋាន។",
            website="https://www.kh.emb-japan.go.jp",
        ),
        OrgSpec(
            "asac",
            "ASAC",
            "Association of Sub-National Administration Councils",
            "សមាគមក្រុមប្រឹក្សារដ្ឋបាលថ្នាក់ក្រោមជាតិ",
            NETWORK,
            "12",
            (),
            ("decentralisation", "capacity-development"),
            None,
            "Association of the elected councils of the capital, provinces, "
            "municipalities, districts, khans, communes and sangkats; CPDD's partner "
            "in dialogue between councils and civil society.",
            "សមាគមនៃក្រុមប្រឹក្សាជាប់ឆ្នោតថ្នាក់រាជធានី ខេត្ត ក្រុង ស្រុក ខណ្ឌ "
            "និងឃុំ សង្កាត់ ដែលជាដៃគូរបស់ CPDD "
            "ក្នុងកិច្ចសន្ទនារវាងក្រុមប្រឹក្សា និងសង្គមស៊ីវិល។",
        ),
        OrgSpec(
            "jica",
            "JICA",
            "Japan International Cooperation Agency",
            "ទីភ្នាក់ងារសហប្រតិបត្តិការអន្តរជាតិជប៉ុន",
            DONOR,
            "12",
            (),
            ("decentralisation", "local-budgeting"),
            None,
            "Japan's development agency; took part in the WGPD and has supported "
            "local administration and planning in Cambodia.",
            "ទីភ្នាក់ងារអភិវឌ្ឍន៍របស់ជប៉ុន ដែលបានចូលរួមក្នុង WGPD "
            "និងបានគាំទ្ររដ្ឋបាលមូលដ្ឋាន និងការរៀបចំផែនការនៅកម្ពុជា។",
            website="https://www.jica.go.jp",
        ),
        OrgSpec(
            "giz",
            "GIZ",
            "Deutsche Gesellschaft für Internationale Zusammenarbeit",
            "ទីភ្នាក់ងារសហប្រតិបត្តិការអន្តរជាតិអាល្លឺម៉ង់",
            DONOR,
            "12",
            (),
            ("decentralisation", "agriculture"),
            None,
            "German development agency, formerly **GTZ**. Its Rural Development "
            "Programme (GTZ/RDP) took part in the WGPD and the DDWG.",
            "ទីភ្នាក់ងារអភិវឌ្ឍន៍អាល្លឺម៉ង់ ដែលពីមុនមានឈ្មោះថា **GTZ**។ "
            "កម្មវិធីអភិវឌ្ឍន៍ជនបទរបស់ខ្លួន (GTZ/RDP) បានចូលរួមក្នុង WGPD និង DDWG។",
            website="https://www.giz.de",
        ),
        OrgSpec(
            "unicef",
            "UNICEF",
            "United Nations Children's Fund",
            "មូលនិធិកុមារនៃអង្គការសហប្រជាជាតិ",
            DONOR,
            "12",
            (),
            ("public-services",),
            None,
            "Took part in the WGPD and works with commune councils on services for "
            "women and children.",
            "បានចូលរួមក្នុង WGPD និងធ្វើការជាមួយក្រុមប្រឹក្សាឃុំលើសេវាសម្រាប់ស្ត្រី និងកុមារ។",
            website="https://www.unicef.org/cambodia",
        ),
        OrgSpec(
            "usaid",
            "USAID",
            "United States Agency for International Development",
            "ទីភ្នាក់ងារសហរដ្ឋអាមេរិកសម្រាប់ការអភិវឌ្ឍអន្តរជាតិ",
            DONOR,
            "12",
            (),
            ("civic-engagement",),
            None,
            "United States development agency; took part in the WGPD and funded "
            "civil society and local governance programmes in Cambodia.",
            "ទីភ្នាក់ងារអភិវឌ្ឍន៍របស់សហរដ្ឋអាមេរិក ដែលបានចូលរួមក្នុង WGPD "
            "និងផ្តល់មូលនិធិដល់កម្មវិធីសង្គមស៊ីវិល និងអភិបាលកិច្ចមូលដ្ឋាននៅកម្ពុជា។",
        ),
        OrgSpec(
            "sida",
            "Sida",
            "Swedish International Development Cooperation Agency",
            "ទីភ្នាក់ងារសហប្រតិបត្តិការអភិវឌ្ឍន៍អន្តរជាតិស៊ុយអែត",
            DONOR,
            "12",
            (),
            ("decentralisation",),
            None,
            "Swedish development agency; took part in the WGPD and supported the "
            "D&D reform through NCDD.",
            "ទីភ្នាក់ងារអភិវឌ្ឍន៍ស៊ុយអែត ដែលបានចូលរួមក្នុង WGPD "
            "និងគាំទ្រកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការតាមរយៈ NCDD។",
            website="https://www.sida.se",
        ),
        OrgSpec(
            "dfid",
            "DFID",
            "Department for International Development (United Kingdom)",
            "ក្រសួងអភិវឌ្ឍន៍អន្តរជាតិនៃចក្រភពអង់គ្លេស",
            DONOR,
            None,
            (),
            ("decentralisation",),
            None,
            "The United Kingdom's former development department (merged into the "
            "FCDO in 2020); took part in the WGPD.",
            "អតីតក្រសួងអភិវឌ្ឍន៍របស់ចក្រភពអង់គ្លេស "
            "(បានបញ្ចូលទៅក្នុង FCDO ក្នុងឆ្នាំ២០២០) ដែលបានចូលរួមក្នុង WGPD។",
        ),
        OrgSpec(
            "seila-plg",
            "Seila/PLG",
            "Seila Programme and Partnership for Local Governance",
            "កម្មវិធីសីលា និងភាពជាដៃគូសម្រាប់អភិបាលកិច្ចមូលដ្ឋាន",
            GOVERNMENT,
            "12",
            (),
            ("decentralisation", "local-budgeting"),
            1996,
            "The government's Seila decentralisation programme and the UNDP "
            "Partnership for Local Governance project that supported it, until NCDD "
            "took over.",
            "កម្មវិធីវិមជ្ឈការសីលារបស់រាជរដ្ឋាភិបាល "
            "និងគម្រោងភាពជាដៃគូសម្រាប់អភិបាលកិច្ចមូលដ្ឋានរបស់ UNDP "
            "ដែលបានគាំទ្រកម្មវិធីនេះ រហូតដល់ NCDD ទទួលបន្ត។",
        ),
        OrgSpec(
            "delgosea",
            "DELGOSEA",
            "Partnership for Democratic Local Governance in Southeast Asia",
            "ភាពជាដៃគូសម្រាប់អភិបាលកិច្ចមូលដ្ឋានប្រកបដោយប្រជាធិបតេយ្យនៅអាស៊ីអាគ្នេយ៍",
            NETWORK,
            None,
            (),
            ("decentralisation", "capacity-development"),
            2010,
            "Network for the exchange of local governance best practice across "
            "Southeast Asia. CCSP is an active member and its Executive Director the "
            "network's Deputy Coordinator.",
            "បណ្តាញសម្រាប់ការផ្លាស់ប្តូរការអនុវត្តល្អផ្នែកអភិបាលកិច្ចមូលដ្ឋាន "
            "នៅទូទាំងអាស៊ីអាគ្នេយ៍។ CCSP ជាសមាជិកសកម្ម "
            "ហើយនាយកប្រតិបត្តិរបស់ខ្លួនជាអនុសម្របសម្រួលបណ្តាញ។",
        ),
        OrgSpec(
            "thankscarbon",
            "",
            "ThanksCarbon",
            "ក្រុមហ៊ុនថែងស៍កាបូន",
            COMPANY,
            None,
            ("21", "05", "15"),
            ("climate-environment", "agriculture"),
            None,
            "Company that signed a Memorandum of Understanding with CPDD on "
            "9 July 2025 for the implementation of a project in Takeo, Kampong Speu "
            "and Pursat.",
            "ក្រុមហ៊ុនដែលបានចុះអនុស្សរណៈនៃការយោគយល់គ្នាជាមួយ CPDD "
            "នៅថ្ងៃទី៩ ខែកក្កដា ឆ្នាំ២០២៥ "
            "សម្រាប់ការអនុវត្តគម្រោងមួយនៅខេត្តតាកែវ កំពង់ស្ពឺ និងពោធិ៍សាត់។",
        ),
        _pdaff(
            "pdaff-takeo",
            "Takeo",
            "តាកែវ",
            "21",
            "Provincial partner of the ThanksCarbon project agreed with CPDD in "
            "July 2025.",
            "ដៃគូថ្នាក់ខេត្តនៃគម្រោង ThanksCarbon "
            "ដែលបានព្រមព្រៀងជាមួយ CPDD ក្នុងខែកក្កដា ឆ្នាំ២០២៥។",
        ),
        _pdaff(
            "pdaff-kampong-speu",
            "Kampong Speu",
            "កំពង់ស្ពឺ",
            "05",
            "Signed a Memorandum of Understanding with CPDD on 3 July 2025 for the "
            "project in Kampong Speu.",
            "បានចុះអនុស្សរណៈនៃការយោគយល់គ្នាជាមួយ CPDD "
            "នៅថ្ងៃទី៣ ខែកក្កដា ឆ្នាំ២០២៥ សម្រាប់គម្រោងនៅខេត្តកំពង់ស្ពឺ។",
        ),
        _pdaff(
            "pdaff-pursat",
            "Pursat",
            "ពោធិ៍សាត់",
            "15",
            "Signed a Memorandum of Understanding with CPDD on 4 July 2025 for the "
            "project in Pursat.",
            "បានចុះអនុស្សរណៈនៃការយោគយល់គ្នាជាមួយ CPDD "
            "នៅថ្ងៃទី៤ ខែកក្កដា ឆ្នាំ២០២៥ សម្រាប់គម្រោងនៅខេត្តពោធិ៍សាត់។",
        ),
        _district_administration(
            "battambang-municipal-administration",
            "Battambang Municipal Administration",
            "រដ្ឋបាលក្រុងបាត់ដំបង",
            "ក្រុងបាត់ដំបង",
        ),
        _district_administration(
            "banan-district-administration",
            "Banan District Administration",
            "រដ្ឋបាលស្រុកបាណន់",
            "ស្រុកបាណន់",
        ),
        _district_administration(
            "thma-koul-district-administration",
            "Thma Koul District Administration",
            "រដ្ឋបាលស្រុកថ្មគោល",
            "ស្រុកថ្មគោល",
        ),
        _district_administration(
            "bavel-district-administration",
            "Bavel District Administration",
            "រដ្ឋបាលស្រុកបវេល",
            "ស្រុកបវេល",
        ),
        _district_administration(
            "moung-ruessei-district-administration",
            "Moung Ruessei District Administration",
            "រដ្ឋបាលស្រុកមោងឫស្សី",
            "ស្រុកមោងឫស្សី",
        ),
        _district_administration(
            "kamrieng-district-administration",
            "Kamrieng District Administration",
            "រដ្ឋបាលស្រុកកំរៀង",
            "ស្រុកកំរៀង",
        ),
        _district_administration(
            "ratanak-mondol-district-administration",
            "Ratanak Mondol District Administration",
            "រដ្ឋបាលស្រុករតនមណ្ឌល",
            "ស្រុករតនមណ្ឌល",
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
    for district in rng.sample(districts, 20):
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
        phone = (
            f"+855 {rng.choice(PHONE_PREFIXES)} "
            f"{rng.randint(100, 999)} {rng.randint(100, 999)}"
        )
        contacts.append(
            ContactSpec(
                f"{family} {given}",
                sex,
                position,
                phone,
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
        if spec.slug == "ctod":
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
    specs = _named_members() + _generated_members(rng, provinces, districts)
    used_names = {("Sok", "Dara"), ("Chan", "Sreymom"), ("Keo", "Sophea")}
    receipts = {}
    for spec in specs:
        if not spec.contacts:
            spec.contacts = _contacts(rng, spec, used_names)
        spec.dues = _dues(rng, spec, receipts)
    return specs + _partners()


# --------------------------------------------------------------------------
# Working groups.
# --------------------------------------------------------------------------

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
            "The group collects and disseminates partnership best practices and "
            "lessons learned, organises collaborative events at local and national "
            "levels, builds relationships with decentralization policy makers and "
            "works directly with Commune Councils and local civil society. Its "
            "activities are supported by annual block funding from member "
            "organisations."
        ),
        "purpose_km": (
            "រួមចំណែកពង្រឹងវិមជ្ឈការ និងអភិបាលកិច្ចមូលដ្ឋានប្រកបដោយប្រជាធិបតេយ្យ "
            "តាមរយៈការលើកកម្ពស់ភាពជាដៃគូរវាងភាគីពាក់ព័ន្ធនឹងវិមជ្ឈការគ្រប់លំដាប់ថ្នាក់ "
            "ដោយផ្តោតជាពិសេសលើភាពជាដៃគូរវាង**ក្រុមប្រឹក្សាឃុំ "
            "និងសង្គមស៊ីវិលមូលដ្ឋាន**។\n\n"
            "ក្រុមការងារប្រមូល និងផ្សព្វផ្សាយការអនុវត្តល្អ "
            "និងមេរៀនបទពិសោធន៍ស្តីពីភាពជាដៃគូ "
            "រៀបចំព្រឹត្តិការណ៍រួមគ្នានៅថ្នាក់មូលដ្ឋាន និងថ្នាក់ជាតិ "
            "កសាងទំនាក់ទំនងជាមួយអ្នកធ្វើគោលនយោបាយវិមជ្ឈការ "
            "និងធ្វើការដោយផ្ទាល់ជាមួយក្រុមប្រឹក្សាឃុំ និងសង្គមស៊ីវិលមូលដ្ឋាន។ "
            "សកម្មភាពទាំងនេះទទួលបានមូលនិធិប្រចាំឆ្នាំពីអង្គការសមាជិក។"
        ),
        "cadence_en": "Regularly, usually monthly",
        "cadence_km": "ជាប្រចាំ ជាធម្មតាម្តងក្នុងមួយខែ",
        "established_on": date(2003, 1, 1),
        "coordinator": "pact-cambodia",
        "members": [
            "cidse-cambodia",
            "seila-plg",
            "giz",
            "vbnk",
            "buddhism-for-development",
            "oxfam-gb",
            "ccsp",
            "ccc",
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
            "ctod",
        ],
        "generated": (6, (NETWORK, LOCAL_NGO)),
    },
    {
        "slug": "dfwg",
        "acronym": "DFWG",
        "name_en": "Decentralization Forum Working Group",
        "name_km": "ក្រុមការងារវេទិកាវិមជ្ឈការ",
        "purpose_en": (
            "An implementing working group that designs, coordinates and runs **two "
            "National Forums on Decentralization each year**, bringing commune "
            "councillors, civil society and government together."
        ),
        "purpose_km": (
            "ក្រុមការងារអនុវត្ត ដែលរៀបចំ សម្របសម្រួល "
            "និងអនុវត្ត**វេទិកាជាតិស្តីពីវិមជ្ឈការ ចំនួនពីរដងក្នុងមួយឆ្នាំ** "
            "ដោយប្រមូលផ្តុំក្រុមប្រឹក្សាឃុំ សង្គមស៊ីវិល និងរដ្ឋាភិបាល។"
        ),
        "cadence_en": "Twice a year (National Forums), with preparatory meetings",
        "cadence_km": "ពីរដងក្នុងមួយឆ្នាំ (វេទិកាជាតិ) និងកិច្ចប្រជុំត្រៀម",
        # The texts say only "since 2003"; mid-year is an approximation.
        "established_on": date(2003, 6, 1),
        "coordinator": None,
        "members": [
            "pact-cambodia",
            "ccsp",
            "kid",
            "cdri",
            "vbnk",
            "ccc",
            "ponleu-khmer",
            "wfp",
        ],
        "generated": (6, (NETWORK, LOCAL_NGO)),
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
            "Objectives:\n\n"
            "1. Increase Cambodian civil society's awareness and understanding of "
            "the D&D reform process.\n"
            "2. Increase opportunities for Cambodian civil society to influence "
            "government decision-making related to D&D.\n"
            "3. Increase participation of Cambodian civil society in promoting "
            "transparent and accountable sub-national government."
        ),
        "purpose_km": (
            "ពង្រឹងវិមជ្ឈការ និងលទ្ធិប្រជាធិបតេយ្យនៅកម្ពុជា "
            "តាមរយៈការបង្កើនការយល់ដឹង ការចូលរួម "
            "និងឥទ្ធិពលរបស់សង្គមស៊ីវិលកម្ពុជា "
            "ក្នុងដំណើរការកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការ។\n\n"
            "គោលបំណងជាក់លាក់៖\n\n"
            "1. បង្កើនការយល់ដឹងរបស់សង្គមស៊ីវិលកម្ពុជា "
            "អំពីដំណើរការកំណែទម្រង់វិមជ្ឈការ និងវិសហមជ្ឈការ។\n"
            "2. បង្កើនឱកាសឱ្យសង្គមស៊ីវិលកម្ពុជាមានឥទ្ធិពលលើការសម្រេចចិត្តរបស់រដ្ឋាភិបាល "
            "ពាក់ព័ន្ធនឹងវិមជ្ឈការ និងវិសហមជ្ឈការ។\n"
            "3. បង្កើនការចូលរួមរបស់សង្គមស៊ីវិលកម្ពុជា "
            "ក្នុងការលើកកម្ពស់រដ្ឋបាលថ្នាក់ក្រោមជាតិប្រកបដោយតម្លាភាព "
            "និងគណនេយ្យភាព។"
        ),
        "cadence_en": "Monthly, in Khmer",
        "cadence_km": "ប្រចាំខែ ជាភាសាខ្មែរ",
        "established_on": date(2005, 5, 1),
        "coordinator": "pact-cambodia",
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
            "banteay-srei",
            "wfp",
            "ccd",
            "fact",
            "ponleu-khmer",
            "pnka",
            "chrd",
            "giz",
            "oxfam-gb",
            "ockenden-international",
            "pact-cambodia",
            "scadp",
            "kid",
            "ctod",
            "aphivat-strey",
        ],
        "generated": (8, (CBO, LOCAL_NGO)),
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


def _write_working_groups(specs, organizations):
    rng = random.Random(SEED + 1)
    generated = [s for s in specs if s.generated and s.status == ACTIVE]
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
        count, kinds = data["generated"]
        candidates = [
            s.slug
            for s in generated
            if s.kind in kinds and s.slug not in data["members"]
        ]
        slugs = data["members"] + rng.sample(candidates, count)
        group.organizations.add(*(organizations[slug] for slug in slugs))
        groups.append(group)
    return groups


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
    _write_statuses(specs, organizations, staff)
    _write_contacts(specs, organizations)
    _write_contributions(specs, organizations)
    groups = _write_working_groups(specs, organizations)
    Representative.objects.get_or_create(
        organization=organizations["ctod"], user=member
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
