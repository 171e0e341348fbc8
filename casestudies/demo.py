"""Demo data for case studies and the follow-up of their recommendations.

`load(staff=..., member=...)` is idempotent: case studies are keyed on their
slug, respondent rows on their case study and method, recommendations on their
case study and order, progress updates on their recommendation, date and
status, action items on their recommendation and English text; a row is saved
only when something changed, so running it again adds nothing, not even
history. Run it after members.demo and events.demo: the authors, district
administrations, consultation meetings, project and news come from them.
Missing authors are created; missing meetings, project and news are skipped.

From the coalition's own texts (../shared/seeds), with only what they say:
the seven Battambang case studies (Battambang municipality, Banan, Thma Koul,
Bavel, Moung Ruessei, Kamrieng, Ratanak Mondol) based on the experiences of
CTOD and Aphivat Strey, 367 respondents of whom 209 females across the seven,
and the joint lists of recommendations endorsed at consultation meetings in
November-December 2021. The texts give neither the split of respondents by
district nor the wording of the recommendations, so these studies have none.

Made up to show the follow-up of recommendations, and marked as examples
(core.examples): three municipal case studies of the fictional Example
project, with their respondents, recommendations, progress and action items.
"""

import io
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError, Sum
from django.utils import timezone
from PIL import Image, ImageDraw

from core.images import clean_image_upload
from core.models import District, Theme
from events.models import Activity, NewsPost, Project
from members.models import Organization

from .models import (
    ActionItem,
    CaseStudy,
    CaseStudyPhoto,
    ProgressUpdate,
    Recommendation,
    RespondentGroup,
)
from .services import record_progress

PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")
# The fictional administration of the example studies (members.demo).
EXAMPLE_ADMINISTRATION = "example-municipal-administration"
KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
PROJECT_SLUG = "example-civic-engagement-project"
OLD_PROJECT_SLUG = "strengthening-transparency-accountability-civic-engagement"
BATTAMBANG_NEWS = "battambang-districts-endorse-joint-recommendations"
PROJECT_NEWS = ("call-for-case-studies-civic-engagement",)

FOCUS_GROUP = RespondentGroup.Method.FOCUS_GROUP
INTERVIEW = RespondentGroup.Method.FIELD_INTERVIEW
CONSULTATION = RespondentGroup.Method.CONSULTATION_MEETING
VALIDATION = RespondentGroup.Method.VALIDATION_WORKSHOP

PROPOSED = Recommendation.Status.PROPOSED
ENDORSED = Recommendation.Status.ENDORSED
IN_PROGRESS = Recommendation.Status.IN_PROGRESS
IMPLEMENTED = Recommendation.Status.IMPLEMENTED
DROPPED = Recommendation.Status.DROPPED

# Who took part, by method: English, Khmer.
WHO = {
    FOCUS_GROUP: ("CBO members and citizens", "សមាជិកអង្គការសហគមន៍មូលដ្ឋាន និងពលរដ្ឋ"),
    INTERVIEW: (
        "CBO and CSO representatives and citizens",
        "តំណាងអង្គការសហគមន៍មូលដ្ឋាន អង្គការសង្គមស៊ីវិល និងពលរដ្ឋ",
    ),
    CONSULTATION: (
        "Officials and councillors of the administration, and CSOs",
        "មន្ត្រី និងសមាជិកក្រុមប្រឹក្សានៃរដ្ឋបាល និងអង្គការសង្គមស៊ីវិល",
    ),
    VALIDATION: (
        "Municipal officials, councillors, CSOs and CBOs",
        "មន្ត្រីក្រុង សមាជិកក្រុមប្រឹក្សា អង្គការសង្គមស៊ីវិល និងអង្គការសហគមន៍មូលដ្ឋាន",
    ),
}


@dataclass
class Place:
    """How a district is named in the texts, in English and Khmer."""

    code: str
    name_en: str
    name_km: str
    municipality: bool
    administration: str  # slug of the administration in members.demo

    @property
    def words(self):
        level_en = "municipal" if self.municipality else "district"
        level_km = "ក្រុង" if self.municipality else "ស្រុក"
        kind_en = "Municipal" if self.municipality else "District"
        communes_en = "sangkat" if self.municipality else "commune"
        communes_km = "សង្កាត់" if self.municipality else "ឃុំ"
        area_en = "municipality" if self.municipality else "district"
        admin_en = f"{self.name_en} {kind_en} Administration"
        admin_km = f"រដ្ឋបាល{level_km}{self.name_km}"
        if self.administration == EXAMPLE_ADMINISTRATION:
            # Nothing made up is said of a real administration.
            admin_en = "Example Municipal Administration (fictional)"
            admin_km = "រដ្ឋបាលក្រុងឧទាហរណ៍ (ប្រឌិត)"
        return {
            "place_en": f"{self.name_en} {area_en}",
            "place_km": f"{level_km}{self.name_km}",
            "admin_en": admin_en,
            "admin_km": admin_km,
            "council_en": f"{level_en} council",
            "council_km": f"ក្រុមប្រឹក្សា{level_km}",
            "level_en": level_en,
            "area_en": area_en,
            "level_km": level_km,
            "communes_en": communes_en,
            "communes_km": communes_km,
            "local_councils_en": (
                f"{communes_en.capitalize()} councils of {self.name_en} {area_en}"
            ),
            "local_councils_km": f"ក្រុមប្រឹក្សា{communes_km}នៃ{level_km}{self.name_km}",
        }


@dataclass
class StudySpec:
    place: Place
    slug: str
    respondents: tuple  # (method, sessions, female, male, other)
    recommendations: tuple  # keys of RECOMMENDATIONS
    strength_en: str
    strength_km: str
    fallback_meeting: date


BATTAMBANG = [
    StudySpec(
        Place(
            "0203", "Battambang", "បាត់ដំបង", True, "battambang-municipal-administration"
        ),
        "civic-engagement-battambang-municipality-2021",
        (
            (FOCUS_GROUP, 2, 10, 6, 0),
            (INTERVIEW, 12, 7, 5, 0),
            (CONSULTATION, 1, 16, 14, 0),
        ),
        ("budget", "council", "complaints", "working_group", "loudspeakers", "ncdd"),
        "Citizens know the municipal one window service office, and the municipal "
        "council already invites CSOs to its public forum once a year.",
        "ពលរដ្ឋស្គាល់ការិយាល័យច្រកចេញចូលតែមួយរបស់ក្រុង "
        "ហើយក្រុមប្រឹក្សាក្រុងបានអញ្ជើញអង្គការសង្គមស៊ីវិលចូលរួមវេទិកាសាធារណៈ"
        "របស់ខ្លួនម្តងក្នុងមួយឆ្នាំរួចហើយ។",
        date(2021, 11, 16),
    ),
    StudySpec(
        Place("0201", "Banan", "បាណន់", False, "banan-district-administration"),
        "civic-engagement-banan-2021",
        (
            (FOCUS_GROUP, 2, 9, 5, 0),
            (INTERVIEW, 10, 6, 4, 0),
            (CONSULTATION, 1, 15, 13, 0),
        ),
        ("budget", "training", "integration", "women_fund", "women_share"),
        "CBOs working on water and irrigation are consulted when the district "
        "prepares its investment programme.",
        "អង្គការសហគមន៍មូលដ្ឋានដែលធ្វើការលើទឹក និងប្រព័ន្ធធារាសាស្ត្រ "
        "ត្រូវបានពិគ្រោះយោបល់ នៅពេលស្រុករៀបចំកម្មវិធីវិនិយោគរបស់ខ្លួន។",
        date(2021, 11, 18),
    ),
    StudySpec(
        Place("0202", "Thma Koul", "ថ្មគោល", False, "thma-koul-district-administration"),
        "civic-engagement-thma-koul-2021",
        (
            (FOCUS_GROUP, 2, 9, 6, 0),
            (INTERVIEW, 9, 5, 4, 0),
            (CONSULTATION, 1, 14, 12, 0),
        ),
        ("council", "training", "working_group", "cso_plans", "province"),
        "Commune councillors pass information from the district to the villages, "
        "and women's groups are active in commune planning.",
        "សមាជិកក្រុមប្រឹក្សាឃុំបញ្ជូនព័ត៌មានពីស្រុកទៅភូមិ ហើយក្រុមស្ត្រីសកម្មក្នុងការរៀបចំផែនការឃុំ។",
        date(2021, 11, 23),
    ),
    StudySpec(
        Place("0204", "Bavel", "បវេល", False, "bavel-district-administration"),
        "civic-engagement-bavel-2021",
        (
            (FOCUS_GROUP, 2, 10, 6, 0),
            (INTERVIEW, 11, 6, 5, 0),
            (CONSULTATION, 1, 15, 13, 0),
        ),
        (
            "budget",
            "council",
            "complaints",
            "integration",
            "women_fund",
            "cso_plans",
            "women_share",
        ),
        "The district administration posts its budget on a notice board, and CBOs "
        "follow the district's social services for the poorest households.",
        "រដ្ឋបាលស្រុកបិទផ្សាយថវិការបស់ខ្លួននៅលើក្តារព័ត៌មាន "
        "ហើយអង្គការសហគមន៍មូលដ្ឋានតាមដានសេវាសង្គមរបស់ស្រុក"
        "សម្រាប់គ្រួសារក្រីក្របំផុត។",
        date(2021, 11, 25),
    ),
    StudySpec(
        Place(
            "0206",
            "Moung Ruessei",
            "មោងឫស្សី",
            False,
            "moung-ruessei-district-administration",
        ),
        "civic-engagement-moung-ruessei-2021",
        (
            (FOCUS_GROUP, 2, 8, 5, 0),
            (INTERVIEW, 10, 5, 5, 0),
            (CONSULTATION, 1, 14, 12, 0),
        ),
        ("council", "training", "loudspeakers", "working_group"),
        "Youth groups use social media to raise local issues with the district "
        "administration, which has answered several of them.",
        "ក្រុមយុវជនប្រើប្រាស់បណ្តាញសង្គម ដើម្បីលើកឡើងបញ្ហាមូលដ្ឋានជូនរដ្ឋបាលស្រុក "
        "ហើយរដ្ឋបាលស្រុកបានឆ្លើយតបបញ្ហាមួយចំនួន។",
        date(2021, 11, 30),
    ),
    StudySpec(
        Place("0212", "Kamrieng", "កំរៀង", False, "kamrieng-district-administration"),
        "civic-engagement-kamrieng-2021",
        (
            (FOCUS_GROUP, 2, 11, 6, 0),
            (INTERVIEW, 10, 6, 4, 0),
            (CONSULTATION, 1, 15, 11, 0),
        ),
        ("budget", "council", "women_fund", "working_group", "women_share", "province"),
        "Focus group discussions with CBOs and citizens show a strong wish to take "
        "part, above all among women, although the district hall is far away.",
        "កិច្ចពិភាក្សាក្រុមគោលដៅជាមួយអង្គការសហគមន៍មូលដ្ឋាន និងពលរដ្ឋ "
        "បង្ហាញពីបំណងខ្លាំងក្នុងការចូលរួម ជាពិសេសក្នុងចំណោមស្ត្រី "
        "ទោះបីជាសាលាស្រុកនៅឆ្ងាយក៏ដោយ។",
        date(2021, 12, 2),
    ),
    StudySpec(
        Place(
            "0207",
            "Ratanak Mondol",
            "រតនមណ្ឌល",
            False,
            "ratanak-mondol-district-administration",
        ),
        "civic-engagement-ratanak-mondol-2021",
        (
            (FOCUS_GROUP, 2, 8, 6, 0),
            (INTERVIEW, 10, 6, 4, 0),
            (CONSULTATION, 1, 14, 12, 0),
        ),
        ("complaints", "training", "integration", "cso_plans", "ncdd"),
        "The district administration has met CSOs about land and natural resource "
        "issues, and CBOs know whom to contact at the district hall.",
        "រដ្ឋបាលស្រុកបានជួបប្រជុំជាមួយអង្គការសង្គមស៊ីវិល "
        "អំពីបញ្ហាដីធ្លី និងធនធានធម្មជាតិ "
        "ហើយអង្គការសហគមន៍មូលដ្ឋានដឹងថាត្រូវទាក់ទងនរណានៅសាលាស្រុក។",
        date(2021, 12, 7),
    ),
]

# The UNDP project's municipalities (made up for the demo: see the docstring).
PROJECT_STUDIES = [
    StudySpec(
        Place(
            "0305",
            "Kampong Cham",
            "កំពង់ចាម",
            True,
            EXAMPLE_ADMINISTRATION,
        ),
        "civic-engagement-kampong-cham-municipality-2023",
        (
            (FOCUS_GROUP, 2, 11, 7, 0),
            (INTERVIEW, 12, 7, 5, 0),
            (VALIDATION, 1, 15, 18, 1),
        ),
        ("budget", "complaints", "working_group"),
        "Sangkat councils hold public meetings on the investment programme, and "
        "market vendors' groups have raised their needs there.",
        "ក្រុមប្រឹក្សាសង្កាត់រៀបចំកិច្ចប្រជុំសាធារណៈស្តីពីកម្មវិធីវិនិយោគ "
        "ហើយក្រុមអ្នកលក់ដូរនៅផ្សារបានលើកឡើងពីតម្រូវការរបស់ខ្លួននៅទីនោះ។",
        date(2023, 12, 29),
    ),
    StudySpec(
        Place("1710", "Siem Reap", "សៀមរាប", True, EXAMPLE_ADMINISTRATION),
        "civic-engagement-siem-reap-municipality-2023",
        (
            (FOCUS_GROUP, 3, 14, 9, 0),
            (INTERVIEW, 15, 8, 7, 0),
            (VALIDATION, 1, 17, 19, 0),
        ),
        ("council", "women_share", "cso_plans"),
        "Tourism-sector CBOs and youth groups are well organised and already "
        "follow the municipal council's decisions.",
        "អង្គការសហគមន៍មូលដ្ឋានក្នុងវិស័យទេសចរណ៍ និងក្រុមយុវជន មានការរៀបចំល្អ "
        "ហើយតាមដានសេចក្តីសម្រេចរបស់ក្រុមប្រឹក្សាក្រុងរួចហើយ។",
        date(2024, 1, 9),
    ),
    StudySpec(
        Place("1602", "Ban Lung", "បានលុង", True, EXAMPLE_ADMINISTRATION),
        "civic-engagement-ban-lung-municipality-2023",
        (
            (FOCUS_GROUP, 2, 10, 8, 0),
            (INTERVIEW, 10, 6, 4, 0),
            (VALIDATION, 1, 13, 16, 0),
        ),
        ("loudspeakers", "training", "women_fund"),
        "Indigenous community representatives take part in sangkat meetings when "
        "they are held in their own language.",
        "តំណាងសហគមន៍ជនជាតិដើមភាគតិចចូលរួមក្នុងកិច្ចប្រជុំសង្កាត់ "
        "នៅពេលកិច្ចប្រជុំត្រូវបានធ្វើឡើងជាភាសារបស់ពួកគេផ្ទាល់។",
        date(2024, 1, 2),
    ),
]

CTOD, AS = "ctod", "aphivat-strey"
ADMINISTRATION = "administration"  # the district's own administration

# key: (addressed to, priority, English, Khmer, actions); each action is
# (English, Khmer, responsible) where responsible is an organisation key or a
# named party as (English, Khmer). Texts take the words of Place.words.
RECOMMENDATIONS = {
    "budget": (
        "district",
        "high",
        "Publish the annual budget and investment programme of the {admin_en} on "
        "the notice board of the {level_en} hall and online, in plain language that "
        "citizens understand.",
        "ផ្សព្វផ្សាយថវិកាប្រចាំឆ្នាំ និងកម្មវិធីវិនិយោគរបស់{admin_km} "
        "នៅលើក្តារព័ត៌មាននៃសាលា{level_km} និងតាមប្រព័ន្ធអនឡាញ "
        "ជាភាសាសាមញ្ញដែលពលរដ្ឋងាយយល់។",
        (
            (
                "Post the budget summary on the notice board of the {level_en} hall.",
                "បិទផ្សាយសេចក្តីសង្ខេបថវិកានៅលើក្តារព័ត៌មាននៃសាលា{level_km}។",
                ADMINISTRATION,
            ),
            (
                "Prepare a one-page citizens' budget together with the CSOs.",
                "រៀបចំថវិកាសម្រាប់ពលរដ្ឋមួយទំព័រ រួមជាមួយអង្គការសង្គមស៊ីវិល។",
                CTOD,
            ),
        ),
    ),
    "council": (
        "district",
        "high",
        "Invite CBO and CSO representatives, including women and youth, to the "
        "monthly meetings of the {council_en} and to its public forum.",
        "អញ្ជើញតំណាងអង្គការសហគមន៍មូលដ្ឋាន និងអង្គការសង្គមស៊ីវិល "
        "រួមទាំងស្ត្រី និងយុវជន ឱ្យចូលរួមកិច្ចប្រជុំប្រចាំខែរបស់{council_km} "
        "និងវេទិកាសាធារណៈរបស់ក្រុមប្រឹក្សា។",
        (
            (
                "Send the council's meeting calendar to CBOs and CSOs every quarter.",
                "ផ្ញើប្រតិទិនកិច្ចប្រជុំរបស់ក្រុមប្រឹក្សា "
                "ទៅអង្គការសហគមន៍មូលដ្ឋាន និងអង្គការសង្គមស៊ីវិលរៀងរាល់ត្រីមាស។",
                ADMINISTRATION,
            ),
            (
                "Hold a public forum where at least 40% of the participants are women.",
                "រៀបចំវេទិកាសាធារណៈ ដែលមានអ្នកចូលរួមជាស្ត្រីយ៉ាងហោចណាស់ ៤០%។",
                AS,
            ),
        ),
    ),
    "complaints": (
        "district",
        "medium",
        "Set up a complaint and suggestion box and a hotline at the one window "
        "service office, and report publicly every quarter on the complaints "
        "received and how they were resolved.",
        "រៀបចំប្រអប់ទទួលពាក្យបណ្តឹង និងសំណូមពរ និងលេខទូរស័ព្ទទំនាក់ទំនង "
        "នៅការិយាល័យច្រកចេញចូលតែមួយ ហើយរាយការណ៍ជាសាធារណៈរៀងរាល់ត្រីមាស "
        "អំពីពាក្យបណ្តឹងដែលបានទទួល និងរបៀបដោះស្រាយ។",
        (
            (
                "Install the complaint box and publish the hotline number.",
                "ដំឡើងប្រអប់ទទួលពាក្យបណ្តឹង និងផ្សព្វផ្សាយលេខទូរស័ព្ទទំនាក់ទំនង។",
                ADMINISTRATION,
            ),
            (
                "Publish the first quarterly report on complaints.",
                "ផ្សព្វផ្សាយរបាយការណ៍ប្រចាំត្រីមាសលើកដំបូងស្តីពីពាក្យបណ្តឹង។",
                ADMINISTRATION,
            ),
        ),
    ),
    "training": (
        "csos",
        "medium",
        "Train CBO leaders and citizens on the {level_en} planning and budgeting "
        "cycle, and on when and how they can take part in it.",
        "បណ្តុះបណ្តាលមេដឹកនាំអង្គការសហគមន៍មូលដ្ឋាន និងពលរដ្ឋ "
        "អំពីវដ្តនៃការរៀបចំផែនការ និងថវិកាថ្នាក់{level_km} "
        "និងពេលវេលា ព្រមទាំងរបៀបដែលពួកគេអាចចូលរួមបាន។",
        (
            (
                "Run two training sessions for CBO leaders.",
                "រៀបចំវគ្គបណ្តុះបណ្តាលចំនួនពីរ សម្រាប់មេដឹកនាំអង្គការសហគមន៍មូលដ្ឋាន។",
                CTOD,
            ),
            (
                "Train women's groups on the planning cycle.",
                "បណ្តុះបណ្តាលក្រុមស្ត្រីអំពីវដ្តនៃការរៀបចំផែនការ។",
                AS,
            ),
        ),
    ),
    "integration": (
        "district",
        "high",
        "Hold the annual {level_en} integration workshop with CSO participation, "
        "and share its results with the {communes_en} councils and CBOs.",
        "រៀបចំសិក្ខាសាលាសមាហរណកម្មប្រចាំឆ្នាំថ្នាក់{level_km} "
        "ដោយមានការចូលរួមពីអង្គការសង្គមស៊ីវិល "
        "ហើយចែករំលែកលទ្ធផលទៅក្រុមប្រឹក្សា{communes_km} "
        "និងអង្គការសហគមន៍មូលដ្ឋាន។",
        (
            (
                "Invite the CSOs working in the {area_en} to the integration workshop.",
                "អញ្ជើញអង្គការសង្គមស៊ីវិលដែលធ្វើការនៅក្នុង{level_km} ឱ្យចូលរួមសិក្ខាសាលាសមាហរណកម្ម។",
                ADMINISTRATION,
            ),
            (
                "Share the results of the workshop with the {communes_en} councils.",
                "ចែករំលែកលទ្ធផលនៃសិក្ខាសាលាទៅក្រុមប្រឹក្សា{communes_km}។",
                ("{local_councils_en}", "{local_councils_km}"),
            ),
        ),
    ),
    "women_fund": (
        "district",
        "medium",
        "Set aside part of the {level_en} fund for projects proposed by women's "
        "groups and CBOs.",
        "បែងចែកថវិកាមួយផ្នែកនៃមូលនិធិ{level_km} "
        "សម្រាប់គម្រោងដែលស្នើឡើងដោយក្រុមស្ត្រី និងអង្គការសហគមន៍មូលដ្ឋាន។",
        (
            (
                "Agree the criteria for projects proposed by women's groups.",
                "ឯកភាពលើលក្ខខណ្ឌវិនិច្ឆ័យសម្រាប់គម្រោងដែលស្នើឡើងដោយក្រុមស្ត្រី។",
                AS,
            ),
            (
                "Include the first of these projects in the investment programme.",
                "បញ្ចូលគម្រោងដំបូងៗទាំងនេះទៅក្នុងកម្មវិធីវិនិយោគ។",
                ADMINISTRATION,
            ),
        ),
    ),
    "working_group": (
        "district",
        "high",
        "Create a joint working group of CSOs and the {admin_en} that meets every "
        "quarter to follow up the joint action plan.",
        "បង្កើតក្រុមការងាររួមរវាងអង្គការសង្គមស៊ីវិល និង{admin_km} "
        "ដែលជួបប្រជុំរៀងរាល់ត្រីមាស ដើម្បីតាមដានការអនុវត្តផែនការសកម្មភាពរួម។",
        (
            (
                "Appoint the members of the joint working group.",
                "តែងតាំងសមាជិកក្រុមការងាររួម។",
                ADMINISTRATION,
            ),
            (
                "Hold the quarterly follow-up meetings.",
                "រៀបចំកិច្ចប្រជុំតាមដានប្រចាំត្រីមាស។",
                CTOD,
            ),
        ),
    ),
    "province": (
        "province",
        "medium",
        "Ask the Battambang Provincial Administration to include civic engagement "
        "in its annual assessment of district and municipal administrations.",
        "ស្នើសុំរដ្ឋបាលខេត្តបាត់ដំបង ដាក់បញ្ចូលការចូលរួមរបស់ពលរដ្ឋ "
        "ទៅក្នុងការវាយតម្លៃប្រចាំឆ្នាំលើរដ្ឋបាលស្រុក និងក្រុង។",
        (
            (
                "Present the recommendation at the provincial workshop.",
                "បង្ហាញអនុសាសន៍នេះនៅក្នុងសិក្ខាសាលាថ្នាក់ខេត្ត។",
                CTOD,
            ),
            (
                "Add civic engagement indicators to the annual assessment.",
                "បន្ថែមសូចនាករស្តីពីការចូលរួមរបស់ពលរដ្ឋ ទៅក្នុងការវាយតម្លៃប្រចាំឆ្នាំ។",
                ("Battambang Provincial Administration", "រដ្ឋបាលខេត្តបាត់ដំបង"),
            ),
        ),
    ),
    "ncdd": (
        "national",
        "low",
        "Ask the NCDD to issue guidance on how citizens and CSOs take part in the "
        "meetings of district and municipal councils.",
        "ស្នើសុំគណៈកម្មាធិការជាតិសម្រាប់ការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ"
        "នៅថ្នាក់ក្រោមជាតិ (គ.ជ.អ.ប) ចេញសេចក្តីណែនាំអំពីការចូលរួមរបស់ពលរដ្ឋ "
        "និងអង្គការសង្គមស៊ីវិល ក្នុងកិច្ចប្រជុំក្រុមប្រឹក្សាស្រុក និងក្រុង។",
        (
            (
                "Present the recommendation at the national workshop.",
                "បង្ហាញអនុសាសន៍នេះនៅក្នុងសិក្ខាសាលាថ្នាក់ជាតិ។",
                ("CPDD secretariat", "លេខាធិការដ្ឋាន CPDD"),
            ),
        ),
    ),
    "cso_plans": (
        "csos",
        "medium",
        "CSOs working in the {area_en} share their annual work plans and budgets "
        "with the {admin_en}.",
        "អង្គការសង្គមស៊ីវិលដែលធ្វើការនៅក្នុង{level_km} "
        "ចែករំលែកផែនការការងារ និងថវិកាប្រចាំឆ្នាំរបស់ខ្លួន ជាមួយ{admin_km}។",
        (
            (
                "Collect the work plans of the CSOs in the {area_en}.",
                "ប្រមូលផែនការការងាររបស់អង្គការសង្គមស៊ីវិលនៅក្នុង{level_km}។",
                CTOD,
            ),
        ),
    ),
    "loudspeakers": (
        "district",
        "low",
        "Announce the decisions of the {council_en} through {communes_en} "
        "loudspeakers and community radio.",
        "ផ្សព្វផ្សាយសេចក្តីសម្រេចរបស់{council_km} "
        "តាមរយៈឧបករណ៍បំពងសំឡេងរបស់{communes_km} និងវិទ្យុសហគមន៍។",
        (
            (
                "Agree airtime with the community radio.",
                "ឯកភាពលើពេលវេលាផ្សាយជាមួយវិទ្យុសហគមន៍។",
                ADMINISTRATION,
            ),
        ),
    ),
    "women_share": (
        "district",
        "high",
        "Make sure that at least 30% of the participants in {level_en} "
        "consultations are women, and hold consultations at times and places that "
        "suit them.",
        "ធានាថាអ្នកចូលរួមក្នុងកិច្ចពិគ្រោះយោបល់ថ្នាក់{level_km} "
        "យ៉ាងហោចណាស់ ៣០% ជាស្ត្រី ហើយរៀបចំកិច្ចពិគ្រោះយោបល់ "
        "នៅពេលវេលា និងទីកន្លែងដែលងាយស្រួលសម្រាប់ពួកគាត់។",
        (
            (
                "Record the participants of every consultation by sex.",
                "កត់ត្រាអ្នកចូលរួមក្នុងកិច្ចពិគ្រោះយោបល់នីមួយៗតាមភេទ។",
                ADMINISTRATION,
            ),
            (
                "Hold consultations in the villages in the late afternoon.",
                "រៀបចំកិច្ចពិគ្រោះយោបល់នៅក្នុងភូមិ នៅពេលរសៀល។",
                AS,
            ),
        ),
    ),
}

NOTES = {
    "endorsed": (
        "Endorsed at the joint consultation meeting.",
        "បានឯកភាពនៅក្នុងកិច្ចប្រជុំពិគ្រោះយោបល់រួម។",
    ),
    "started": (
        "Included in the joint action plan; work has started.",
        "បានដាក់បញ្ចូលក្នុងផែនការសកម្មភាពរួម ហើយការងារបានចាប់ផ្តើម។",
    ),
    "presented": (
        "Presented at the provincial and national workshops on the joint lists of "
        "recommendations.",
        "បានបង្ហាញនៅក្នុងសិក្ខាសាលាថ្នាក់ខេត្ត និងថ្នាក់ជាតិ ស្តីពីបញ្ជីអនុសាសន៍រួម។",
    ),
    "halfway": (
        "Reviewed at the quarterly follow-up meeting: about half of the actions "
        "are done.",
        "បានពិនិត្យនៅក្នុងកិច្ចប្រជុំតាមដានប្រចាំត្រីមាស៖ សកម្មភាពប្រហែលពាក់កណ្តាលត្រូវបានបញ្ចប់។",
    ),
    "implemented": (
        "Implemented, as the {admin_en} and the CSOs confirmed at the follow-up "
        "meeting.",
        "បានអនុវត្តរួចរាល់ ដូចដែល{admin_km} និងអង្គការសង្គមស៊ីវិល បានបញ្ជាក់នៅក្នុងកិច្ចប្រជុំតាមដាន។",
    ),
    "waiting": (
        "Still endorsed, but waiting for a budget line in the next investment "
        "programme.",
        "នៅតែត្រូវបានឯកភាព ប៉ុន្តែកំពុងរង់ចាំខ្ទង់ថវិកាក្នុងកម្មវិធីវិនិយោគបន្ទាប់។",
    ),
    "dropped": (
        "Dropped by joint decision: a new national guideline now covers it.",
        "បានបោះបង់តាមការសម្រេចរួម ដោយសារសេចក្តីណែនាំថ្មីថ្នាក់ជាតិបានគ្របដណ្តប់រួចហើយ។",
    ),
}

# How a recommendation fared after its endorsement: (days after the meeting,
# status, note) per update, and (days after the meeting, status) per action
# item. Project studies run on a shorter clock (see TIME_SCALE).
TRAJECTORIES = {
    "implemented early": (
        ((105, IN_PROGRESS, "started"), (440, IMPLEMENTED, "implemented")),
        ((200, "done"), (400, "done")),
    ),
    "implemented late": (
        (
            (215, IN_PROGRESS, "started"),
            (905, IN_PROGRESS, "halfway"),
            (1385, IMPLEMENTED, "implemented"),
        ),
        ((500, "done"), (1300, "done")),
    ),
    "under way": (
        ((480, IN_PROGRESS, "started"), (1570, IN_PROGRESS, "halfway")),
        ((900, "done"), (1480, "in_progress")),  # the second one is overdue
    ),
    "waiting": (
        ((420, ENDORSED, "waiting"),),
        ((950, "planned"), (1900, "planned")),  # overdue, then due next year
    ),
    "dropped": (
        ((290, IN_PROGRESS, "started"), (810, DROPPED, "dropped")),
        ((400, "cancelled"), (700, "cancelled")),
    ),
    "implemented recently": (
        ((790, IN_PROGRESS, "started"), (1640, IMPLEMENTED, "implemented")),
        ((1200, "done"), (1600, "done")),
    ),
    "presented": (
        ((85, IN_PROGRESS, "presented"),),
        ((85, "done"), (1700, "in_progress")),
    ),
}
ORDER = [
    "implemented early",
    "under way",
    "implemented late",
    "waiting",
    "implemented recently",
    "dropped",
]
TIME_SCALE = {False: 1.0, True: 0.6}  # Battambang, project studies


def _format(text, words):
    return text.format(**words)


def _km_year(year):
    return str(year).translate(KHMER_DIGITS)


def _seed_texts(spec):
    """What the texts say of each of the seven Battambang studies."""
    w = spec.place.words
    return {
        "title_en": f"Civic engagement in {w['place_en']} (2021)",
        "title_km": f"ការចូលរួមរបស់ពលរដ្ឋនៅ{w['place_km']} (ឆ្នាំ{_km_year(2021)})",
        "summary_en": (
            "One of the 7 case studies of Civic Engagement at DM level in "
            "Battambang Province that the CPDD secretariat compiled, based on its "
            "members' experiences of Community training organization for "
            "Development (CTOD) and Aphivat Strey (AS). The joint list of "
            "recommendations between the District Administration and CSOs was "
            "developed and endorsed at joint consultation meetings held between "
            "Nov and Dec 2021."
        ),
        "summary_km": (
            "ជាករណីសិក្សាមួយក្នុងចំណោមករណីសិក្សាទាំង ៧ "
            "ស្តីពីការចូលរួមរបស់ពលរដ្ឋនៅថ្នាក់ស្រុក និងក្រុង ក្នុងខេត្តបាត់ដំបង "
            "ដែលលេខាធិការដ្ឋាន CPDD បានចងក្រង ដោយផ្អែកលើបទពិសោធន៍របស់សមាជិក "
            "Community training organization for Development (CTOD) "
            "និង Aphivat Strey (AS)។ បញ្ជីអនុសាសន៍រួមរវាងរដ្ឋបាលស្រុក "
            "និងអង្គការសង្គមស៊ីវិល ត្រូវបានរៀបចំ និងឯកភាព "
            "នៅក្នុងកិច្ចប្រជុំពិគ្រោះយោបល់រួម "
            "ដែលបានធ្វើឡើងចន្លោះខែវិច្ឆិកា និងខែធ្នូ ឆ្នាំ២០២១។"
        ),
        "methodology_note_en": (
            "The process of citizens/CBOs/CSOs engagement with district and "
            "municipality administrations in existing mechanisms was documented "
            "through field interviews with CBOs/CSOs/citizens in order to gather "
            "perceptions from them.\n\n"
            "The full study report and 7 lists of recommendations were finalized "
            "based on the factual findings from the 7 case studies, consultation "
            "meetings at DM level and field interviews with **367 respondents "
            "(209 females)** in the 7 districts together; the texts do not give "
            "the figures of each district.\n\n"
            "The joint lists of recommendations were presented at Provincial and "
            "National Level during the partnership technical meeting and the "
            "Provincial and National Workshop, to prioritise recommendations for "
            "further actions at both levels."
        ),
        "methodology_note_km": (
            "ដំណើរការចូលរួមរបស់ពលរដ្ឋ អង្គការសហគមន៍មូលដ្ឋាន "
            "និងអង្គការសង្គមស៊ីវិល ជាមួយរដ្ឋបាលស្រុក និងក្រុង "
            "ក្នុងយន្តការដែលមានស្រាប់ ត្រូវបានចងក្រងតាមរយៈការសម្ភាសនៅមូលដ្ឋាន "
            "ជាមួយអង្គការសហគមន៍មូលដ្ឋាន អង្គការសង្គមស៊ីវិល និងពលរដ្ឋ "
            "ដើម្បីប្រមូលទស្សនៈរបស់ពួកគេ។\n\n"
            "របាយការណ៍សិក្សាពេញលេញ និងបញ្ជីអនុសាសន៍ទាំង ៧ "
            "ត្រូវបានបញ្ចប់ដោយផ្អែកលើលទ្ធផលជាក់ស្តែងនៃករណីសិក្សាទាំង ៧ "
            "កិច្ចប្រជុំពិគ្រោះយោបល់នៅថ្នាក់ស្រុក និងក្រុង "
            "និងការសម្ភាសនៅមូលដ្ឋានជាមួយ**អ្នកផ្តល់ចម្លើយ ៣៦៧ នាក់ "
            "(ស្ត្រី ២០៩ នាក់)** ក្នុងស្រុកទាំង ៧ រួមគ្នា "
            "អត្ថបទមិនបានផ្តល់តួលេខនៃស្រុកនីមួយៗទេ។\n\n"
            "បញ្ជីអនុសាសន៍រួមត្រូវបានបង្ហាញនៅថ្នាក់ខេត្ត និងថ្នាក់ជាតិ "
            "ក្នុងកិច្ចប្រជុំបច្ចេកទេសភាពជាដៃគូ និងសិក្ខាសាលាថ្នាក់ខេត្ត "
            "និងថ្នាក់ជាតិ ដើម្បីកំណត់អាទិភាពអនុសាសន៍សម្រាប់សកម្មភាពបន្ត"
            "នៅថ្នាក់ទាំងពីរ។"
        ),
        "findings_en": "",
        "findings_km": "",
    }


def _texts(spec, is_project):
    if not is_project:
        return _seed_texts(spec)
    w = spec.place.words
    if is_project:
        period_en, period_km = "2023", f"ឆ្នាំ{_km_year(2023)}"
        authors_en = (
            "**An example:** this case study is made up, under the fictional "
            "Example Civic Engagement Project, to show how the portal follows "
            "up recommendations."
        )
        authors_km = (
            "**ឧទាហរណ៍៖** ករណីសិក្សានេះត្រូវបានប្រឌិតឡើង "
            "ក្រោមគម្រោងឧទាហរណ៍ស្តីពីការចូលរួមរបស់ពលរដ្ឋ (ប្រឌិត) "
            "ដើម្បីបង្ហាញពីរបៀបដែលវិបផតថលតាមដានអនុសាសន៍។"
        )
        meeting_en = (
            "A **validation workshop** with the {admin_en}, CSOs and CBOs, which "
            "agreed the joint list of recommendations."
        )
        meeting_km = (
            "**សិក្ខាសាលាផ្ទៀងផ្ទាត់** ជាមួយ{admin_km} អង្គការសង្គមស៊ីវិល "
            "និងអង្គការសហគមន៍មូលដ្ឋាន ដែលបានឯកភាពលើបញ្ជីអនុសាសន៍រួម។"
        )
        month_en, month_km = "January 2024", f"ខែមករា ឆ្នាំ{_km_year(2024)}"
    else:
        period_en, period_km = "2021", f"ឆ្នាំ{_km_year(2021)}"
        authors_en = (
            "The CPDD secretariat compiled this case study from the experience of "
            "its members the Community Training Organization for Development "
            "(CTOD) and Aphivat Strey (AS), who work with CBOs in {place_en}."
        )
        authors_km = (
            "លេខាធិការដ្ឋាន CPDD បានចងក្រងករណីសិក្សានេះ ដោយផ្អែកលើបទពិសោធន៍"
            "របស់សមាជិក គឺអង្គការបណ្តុះបណ្តាលសហគមន៍ដើម្បីអភិវឌ្ឍន៍ (CTOD) "
            "និងអង្គការអភិវឌ្ឍន៍ស្ត្រី (AS) ដែលធ្វើការជាមួយអង្គការសហគមន៍មូលដ្ឋាន"
            "នៅ{place_km}។"
        )
        meeting_en = (
            "A **half-day joint consultation meeting** between the {admin_en} and "
            "CSOs, which developed and endorsed the joint list of recommendations."
        )
        meeting_km = (
            "**កិច្ចប្រជុំពិគ្រោះយោបល់រួមរយៈពេលកន្លះថ្ងៃ** រវាង{admin_km} "
            "និងអង្គការសង្គមស៊ីវិល ដែលបានរៀបចំ និងឯកភាពលើបញ្ជីអនុសាសន៍រួម។"
        )
        day = spec.fallback_meeting
        month_en = f"{day:%B} {day.year}"
        month_km = f"ខែ{'វិច្ឆិកា' if day.month == 11 else 'ធ្នូ'} ឆ្នាំ{_km_year(day.year)}"
    words = {**w, "month_en": month_en, "month_km": month_km}
    return {
        "title_en": f"Civic engagement in {w['place_en']} ({period_en})",
        "title_km": f"ការចូលរួមរបស់ពលរដ្ឋនៅ{w['place_km']} ({period_km})",
        "summary_en": _format(
            "How citizens, community-based organisations (CBOs) and CSOs in "
            "{place_en} take part in the decisions of the {admin_en}, what helps "
            "and what stands in the way, and the joint recommendations that the "
            "administration and the CSOs agreed in {month_en}.",
            words,
        ),
        "summary_km": _format(
            "របៀបដែលពលរដ្ឋ អង្គការសហគមន៍មូលដ្ឋាន និងអង្គការសង្គមស៊ីវិលនៅ"
            "{place_km} ចូលរួមក្នុងការសម្រេចចិត្តរបស់{admin_km} "
            "កត្តាដែលជួយជំរុញ និងឧបសគ្គ ព្រមទាំងអនុសាសន៍រួម"
            "ដែលរដ្ឋបាល និងអង្គការសង្គមស៊ីវិលបានឯកភាពនៅ{month_km}។",
            words,
        ),
        "methodology_note_en": _format(
            f"{authors_en}\n\n"
            "- **Focus group discussions** with CBO members and citizens on how "
            "well the existing civic engagement mechanisms work.\n"
            "- **Field interviews** with CBO and CSO representatives and citizens.\n"
            f"- {meeting_en}\n\n"
            "The findings and recommendations were then presented at provincial "
            "and national level.",
            words,
        ),
        "methodology_note_km": _format(
            f"{authors_km}\n\n"
            "- **កិច្ចពិភាក្សាក្រុមគោលដៅ** ជាមួយសមាជិកអង្គការសហគមន៍មូលដ្ឋាន "
            "និងពលរដ្ឋ អំពីប្រសិទ្ធភាពនៃយន្តការចូលរួមរបស់ពលរដ្ឋដែលមានស្រាប់។\n"
            "- **ការសម្ភាសនៅមូលដ្ឋាន** ជាមួយតំណាងអង្គការសហគមន៍មូលដ្ឋាន "
            "អង្គការសង្គមស៊ីវិល និងពលរដ្ឋ។\n"
            f"- {meeting_km}\n\n"
            "លទ្ធផលនៃការសិក្សា និងអនុសាសន៍ ត្រូវបានបង្ហាញបន្តនៅថ្នាក់ខេត្ត "
            "និងថ្នាក់ជាតិ។",
            words,
        ),
        "findings_en": _format(
            "## What works\n\n"
            f"{spec.strength_en}\n\n"
            "## What stands in the way\n\n"
            "- The {admin_en} offers citizens few opportunities to take part, and "
            "the existing civic engagement mechanisms are not fully implemented.\n"
            "- Decision-making and budgets at {level_en} level are still limited, "
            "although this has started to change.\n"
            "- Citizens and CBOs know little about how decisions are made at "
            "{level_en} level and when they can take part.\n"
            "- CBOs and CSOs lack the capacity to use the opportunities that do "
            "exist.",
            words,
        ),
        "findings_km": _format(
            "## អ្វីដែលដំណើរការបានល្អ\n\n"
            f"{spec.strength_km}\n\n"
            "## ឧបសគ្គ\n\n"
            "- {admin_km}ផ្តល់ឱកាសតិចតួចសម្រាប់ពលរដ្ឋចូលរួម "
            "ហើយយន្តការចូលរួមរបស់ពលរដ្ឋដែលមានស្រាប់ មិនទាន់ត្រូវបានអនុវត្តពេញលេញ។\n"
            "- វិសាលភាពនៃការសម្រេចចិត្ត និងថវិកានៅថ្នាក់{level_km} នៅមានកម្រិត "
            "ទោះបីជាបានចាប់ផ្តើមផ្លាស់ប្តូរហើយក៏ដោយ។\n"
            "- ពលរដ្ឋ និងអង្គការសហគមន៍មូលដ្ឋាន យល់ដឹងតិចតួចអំពីរបៀបសម្រេចចិត្ត"
            "នៅថ្នាក់{level_km} និងពេលដែលពួកគេអាចចូលរួមបាន។\n"
            "- អង្គការសហគមន៍មូលដ្ឋាន និងអង្គការសង្គមស៊ីវិល "
            "ខ្វះសមត្ថភាពក្នុងការប្រើប្រាស់ឱកាសដែលមានស្រាប់។",
            words,
        ),
    }


# --------------------------------------------------------------------------
# Files.
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


def _photo(name):
    """A placeholder photo, through the same checks and re-encoding as uploads."""
    image = Image.new("RGB", (1200, 800), (10, 77, 140))
    draw = ImageDraw.Draw(image)
    for step in range(8):
        inset = 40 + step * 45
        draw.rectangle(
            (inset, inset, 1200 - inset, 800 - inset), outline=(230, 236, 243), width=4
        )
    draw.text((60, 740), f"CPDD demo photo: {name}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    upload = SimpleUploadedFile(f"{name}.jpg", buffer.getvalue())
    return clean_image_upload(upload).as_content_file()


# --------------------------------------------------------------------------
# Writing.
# --------------------------------------------------------------------------


def _upsert(model, lookup, values):
    """Create, or save only when something changed (keeps history quiet)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def _authors():
    """CTOD and Aphivat Strey, found by slug, acronym or name; created if absent."""
    found = {}
    for key, acronym, name_en, name_km in (
        (CTOD, "CTOD", "Community training organization for Development", ""),
        (AS, "AS", "Aphivat Strey", ""),
    ):  # fmt: skip
        organization = (
            Organization.objects.filter(
                Q(slug=key) | Q(acronym=acronym) | Q(name_en__iexact=name_en)
            )
            .order_by("pk")
            .first()
        )
        if organization is None:
            organization = Organization.objects.create(
                slug=key,
                acronym=acronym,
                name_en=name_en,
                name_km=name_km,
                kind=Organization.Kind.LOCAL_NGO,
            )
        found[key] = organization
    return found


def _meetings(district, is_project):
    """The consultation meetings of the study, if events.demo created them."""
    if is_project:
        start, end = date(2023, 3, 1), date(2024, 1, 31)
    else:
        start, end = date(2021, 11, 1), date(2021, 12, 31)
    return list(
        Activity.objects.filter(
            district=district,
            kind=Activity.Kind.CONSULTATION,
            starts_at__gte=datetime.combine(start, time.min, PHNOM_PENH),
            starts_at__lt=datetime.combine(
                end + timedelta(days=1), time.min, PHNOM_PENH
            ),
        ).order_by("starts_at")
    )


def _forget_made_up(case_study):
    """On a database loaded by an older demo, remove what it made up about a
    real study: respondents by district, recommendations, files."""
    recommendations = case_study.recommendations.all()
    ActionItem.objects.filter(recommendation__in=recommendations).delete()
    ProgressUpdate.objects.filter(recommendation__in=recommendations).delete()
    recommendations.delete()
    case_study.respondent_groups.all().delete()
    case_study.photos.all().delete()
    if case_study.report:
        case_study.report = ""
        case_study.save()


def _respondents(spec, meetings):
    """The spec's rows; with linked meetings, the meeting row is their
    participants, so that the study and its meetings tell the same numbers."""
    rows = list(spec.respondents)
    if meetings:
        totals = Activity.objects.filter(pk__in=[m.pk for m in meetings]).aggregate(
            female=Sum("participation__female"),
            male=Sum("participation__male"),
            other=Sum("participation__other"),
        )
        rows = [row for row in rows if row[0] not in (CONSULTATION, VALIDATION)]
        rows.append(
            (
                CONSULTATION,
                len(meetings),
                totals["female"] or 0,
                totals["male"] or 0,
                totals["other"] or 0,
            )
        )
    return rows


def _responsible(responsible, words, organizations, administration):
    if responsible == ADMINISTRATION:
        if administration is not None:
            return {"responsible_organization": administration}
        responsible = ("{admin_en}", "{admin_km}")
    if isinstance(responsible, tuple):
        return {
            "responsible_organization": None,
            "responsible_party_en": _format(responsible[0], words),
            "responsible_party_km": _format(responsible[1], words),
        }
    return {"responsible_organization": organizations[responsible]}


def _write_study(spec, *, is_project, staff, authors, themes, project, news, today):
    district = District.objects.select_related("province").get(code=spec.place.code)
    words = spec.place.words
    # The texts give no days for the Battambang meetings: none are linked.
    meetings = _meetings(district, is_project) if is_project else []
    endorsed_on = (
        timezone.localtime(meetings[-1].starts_at).date()
        if meetings
        else spec.fallback_meeting
    )
    if is_project:
        period = (date(2023, 3, 1), date(2023, 12, 31))
        published_on = date(2024, 3, 15)
    else:
        period = (date(2021, 1, 1), date(2021, 12, 31))
        # The texts do not say when the studies were published: on the portal,
        # the day the demo was first loaded.
        existing = CaseStudy.objects.filter(slug=spec.slug).first()
        published_on = existing.published_on if existing else today
    case_study = _upsert(
        CaseStudy,
        {"slug": spec.slug},
        {
            **_texts(spec, is_project),
            "province": district.province,
            "district": district,
            "period_start": period[0],
            "period_end": period[1],
            "project": project if is_project else None,
            "status": CaseStudy.Status.PUBLISHED,
            "published_on": published_on,
            "is_example": is_project,
        },
    )
    case_study.authors.set([] if is_project else [authors[CTOD], authors[AS]])
    case_study.themes.set(
        [
            themes[slug]
            for slug in (
                "civic-engagement",
                "decentralisation",
                "social-accountability",
            )
            if slug in themes
        ]
    )
    case_study.activities.set(meetings)
    case_study.news_posts.set(news)
    if not is_project:
        _forget_made_up(case_study)
        return case_study, {"recommendations": 0, "actions": 0}

    for method, sessions, female, male, other in _respondents(spec, meetings):
        who_en, who_km = WHO[method]
        _upsert(
            RespondentGroup,
            {"case_study": case_study, "method": method},
            {
                "description_en": who_en,
                "description_km": who_km,
                "sessions": sessions,
                "female": female,
                "male": male,
                "other": other,
            },
        )

    if not case_study.report:
        case_study.report.save(
            f"{spec.slug}.pdf",
            ContentFile(
                _pdf(
                    [
                        "CPDD case study (demo report)",
                        case_study.title_en,
                        "Coalition for Partnership in Democratic Development",
                    ]
                )
            ),
        )
    if spec is PROJECT_STUDIES[0] and not case_study.photos.exists():
        CaseStudyPhoto.objects.create(
            case_study=case_study,
            image=_photo("example-focus-group"),
            caption_en="Example photo: a focus group discussion (placeholder image)",
            caption_km="រូបថតឧទាហរណ៍៖ កិច្ចពិភាក្សាក្រុមគោលដៅ (រូបភាពជំនួស)",
        )

    administration = Organization.objects.filter(slug=spec.place.administration).first()
    organizations = authors
    scale = TIME_SCALE[is_project]
    offset = [s.slug for s in (PROJECT_STUDIES if is_project else BATTAMBANG)].index(
        spec.slug
    )
    counts = {"recommendations": 0, "actions": 0}
    for number, key in enumerate(spec.recommendations, start=1):
        addressed_to, priority, text_en, text_km, actions = RECOMMENDATIONS[key]
        recommendation = _upsert(
            Recommendation,
            {"case_study": case_study, "order": number},
            {
                "text_en": _format(text_en, words),
                "text_km": _format(text_km, words),
                "addressed_to": addressed_to,
                "is_joint": True,
                "priority": priority,
                "endorsed_on": endorsed_on,
                "endorsed_by_en": f"{words['admin_en']} and CSOs",
                "endorsed_by_km": f"{words['admin_km']} និងអង្គការសង្គមស៊ីវិល",
            },
        )
        counts["recommendations"] += 1
        trajectory = (
            "presented"
            if addressed_to in ("province", "national")
            else ORDER[(offset * 2 + number) % len(ORDER)]
        )
        steps, due = TRAJECTORIES[trajectory]
        history = [(0, ENDORSED, "endorsed"), *steps]
        # Nudge each district's dates apart so that they do not all coincide.
        shift = offset * 9
        for days, status, note in history:
            when = endorsed_on + timedelta(
                days=round(days * scale) + (shift if days else 0)
            )
            if when > today:
                continue
            if not recommendation.updates.filter(date=when, status=status).exists():
                note_en, note_km = NOTES[note]
                record_progress(
                    recommendation=recommendation,
                    status=status,
                    date=when,
                    note=_format(note_en, words),
                    note_km=_format(note_km, words),
                    recorded_by=staff,
                )
        for (action_en, action_km, responsible), (days, status) in zip(
            actions, due, strict=False
        ):
            _upsert(
                ActionItem,
                {
                    "recommendation": recommendation,
                    "action_en": _format(action_en, words),
                },
                {
                    "action_km": _format(action_km, words),
                    "due_on": endorsed_on + timedelta(days=round(days * scale) + shift),
                    "status": status,
                    **_responsible(responsible, words, organizations, administration),
                },
            )
            counts["actions"] += 1
    return case_study, counts


@transaction.atomic
def load(*, staff, member):
    """Fill the case studies app with demo data; return counts for printing.

    `member` is unused: members add nothing here. It is taken so that every
    app's demo loader is called the same way.
    """
    authors = _authors()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    project = Project.objects.filter(slug=PROJECT_SLUG).first()
    battambang_news = list(NewsPost.objects.filter(slug=BATTAMBANG_NEWS))
    project_news = list(NewsPost.objects.filter(slug__in=PROJECT_NEWS))
    today = timezone.localdate()
    totals = {"case studies": 0, "recommendations": 0, "actions": 0}
    studies = [(spec, False, battambang_news) for spec in BATTAMBANG]
    if project is not None:
        studies += [(spec, True, project_news) for spec in PROJECT_STUDIES]
    for spec, is_project, news in studies:
        _case_study, counts = _write_study(
            spec,
            is_project=is_project,
            staff=staff,
            authors=authors,
            themes=themes,
            project=project,
            news=news,
            today=today,
        )
        totals["case studies"] += 1
        for name, count in counts.items():
            totals[name] += count
    # An older demo's made-up version of a real project, now unused.
    with suppress(ProtectedError, RestrictedError):
        Project.objects.filter(slug=OLD_PROJECT_SLUG).delete()
    return {
        "case studies": totals["case studies"],
        "recommendations": totals["recommendations"],
        "progress updates": ProgressUpdate.objects.filter(
            recommendation__case_study__slug__in=[s.slug for s, _p, _n in studies]
        ).count(),
        "action items": totals["actions"],
    }
