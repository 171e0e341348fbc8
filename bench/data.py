"""The benchmark's data, built once per fingerprint and reused after.

`bench.database.prepare()` runs migrations and the demo-data command, then
calls `build_dataset()`. Bump DATASET_VERSION (or run with --rebuild-data)
when the data built here changes: the benchmark database is then dropped and
built again.

`build_dataset()` adds COUNTS on top of the demo data, so that the portal is
measured at the size of a coalition with ten years of history: about 2,000
organisations, 100,000 activities with their participants and 50,000
registrations, 20,000 news posts, 5,000 case studies with 50,000
recommendations, their progress updates and action plans.

The text is the demo's vocabulary (members.demo, events.demo,
casestudies.demo) and the gazetteer's places, in English and, on a share of
the rows, in Khmer. Every part draws from its own `random.Random`, seeded
from SEED and the part's name, and dates are laid out against a fixed
PRESENT, never the clock: every build makes the same rows with the same
slugs (EXAMPLE_* below name some for bench/pages.py). A list whose length
depends on the demo data is only ever drawn from with one `random()` (see
`_pick`), so a change to the demo leaves the rest of the draws alone.

Rows are written with PostgreSQL's COPY in one transaction, with every
column that `save()` would fill filled here (translations' base columns,
`membership_status` and `joined_on` from the status history, timestamps); the
GIN indexes of the big tables are dropped during the load and built again at
the end, which is much faster than growing them row by row, and the tables
are vacuumed and analysed so that the first page loads see real plans.
"""

import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import product
from zoneinfo import ZoneInfo

DATASET_VERSION = 2
SEED = 2026
# Rows added on top of the demo data (which has about 150 organisations, 500
# activities, 20 news posts, 10 case studies and 50 recommendations).
COUNTS = {
    "organisations": 1_850,
    "activities": 99_500,
    "registrations": 50_000,
    "news posts": 19_980,
    "case studies": 4_990,
    "recommendations": 49_950,
}
PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")
# The data's "now": news published and figures typed up to here, activities
# after it are upcoming. Fixed, so that a rebuild makes the same rows.
PRESENT = datetime(2026, 11, 15, 12, 0, tzinfo=PHNOM_PENH)
YEARS = range(2017, 2027)
YEAR_WEIGHTS = (6, 7, 8, 6, 8, 10, 11, 12, 13, 14)  # more each year; 2020: Covid
CASE_STUDY_YEARS = range(2017, 2026)
CHUNK = 10_000
# One page of each kind in the data, for bench/pages.py: filled by the build
# (the same slugs on every build) and printed at its end.
EXAMPLES = {}

KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")

# --------------------------------------------------------------------------
# Vocabulary. {p}/{pk}: province in English / Khmer with its prefix;
# {d}/{dk}: a district as "Banan district" / "ស្រុកបាណន់"; {c}/{ck}: a commune.
# --------------------------------------------------------------------------

LOCAL_NGO, NETWORK, CBO, GOVERNMENT = "local_ngo", "network", "cbo", "government"
FISHERIES = {"02", "03", "04", "06", "07", "08", "09", "10", "14", "15", "17", "18"}
FORESTS = {"01", "05", "06", "09", "10", "11", "13", "15", "16", "19", "22"}

# (kind, name_en, name_km, themes, (description_en, description_km))
PROVINCE_ORGS = [
    (
        NETWORK,
        "{p} Civil Society Alliance for Local Governance",
        "សម្ព័ន្ធសង្គមស៊ីវិលដើម្បីអភិបាលកិច្ចមូលដ្ឋាន{pk}",
        ("decentralisation", "civic-engagement", "social-accountability"),
        (
            "Brings together the NGOs and CBOs of {p} to follow the work of the "
            "provincial, district and commune councils and to speak with one voice "
            "at the provincial forums.",
            "ប្រមូលផ្តុំអង្គការមិនមែនរដ្ឋាភិបាល និងអង្គការសហគមន៍មូលដ្ឋាននៅ{pk} "
            "ដើម្បីតាមដានការងាររបស់ក្រុមប្រឹក្សាខេត្ត ស្រុក និងឃុំ "
            "ហើយបញ្ចេញសំឡេងរួមគ្នានៅក្នុងវេទិកាថ្នាក់ខេត្ត។",
        ),
    ),
    (
        LOCAL_NGO,
        "Women's Voice Association of {p}",
        "សមាគមសំឡេងស្ត្រី{pk}",
        ("gender", "civic-engagement"),
        (
            "Supports women in {p} to speak at commune meetings, stand for the "
            "commune council and follow the work of the commune committees for "
            "women and children.",
            "គាំទ្រស្ត្រីនៅ{pk} ឱ្យបញ្ចេញមតិនៅក្នុងកិច្ចប្រជុំឃុំ "
            "ឈរឈ្មោះជាបេក្ខជនក្រុមប្រឹក្សាឃុំ "
            "និងតាមដានការងាររបស់គណៈកម្មាធិការទទួលបន្ទុកកិច្ចការនារី និងកុមារឃុំ។",
        ),
    ),
    (
        LOCAL_NGO,
        "{p} Centre for Community Development",
        "មជ្ឈមណ្ឌលអភិវឌ្ឍន៍សហគមន៍{pk}",
        ("capacity-development", "local-budgeting"),
        (
            "Trains community-based organisations in {p} in planning, bookkeeping "
            "and proposal writing, so that they can apply for commune funds.",
            "បណ្តុះបណ្តាលអង្គការសហគមន៍មូលដ្ឋាននៅ{pk} លើការរៀបចំផែនការ "
            "ការកត់ត្រាបញ្ជីគណនេយ្យ និងការសរសេរសំណើគម្រោង "
            "ដើម្បីឱ្យពួកគេអាចស្នើសុំមូលនិធិឃុំបាន។",
        ),
    ),
    (
        NETWORK,
        "{p} Youth Network for Social Accountability",
        "បណ្តាញយុវជនដើម្បីគណនេយ្យភាពសង្គម{pk}",
        ("youth", "social-accountability", "access-to-information"),
        (
            "Young volunteers in {p} follow commune council meetings, run "
            "*community scorecards* and share the results on social media.",
            "អ្នកស្ម័គ្រចិត្តយុវជននៅ{pk} តាមដានកិច្ចប្រជុំក្រុមប្រឹក្សាឃុំ "
            "ធ្វើ*ប័ណ្ណដាក់ពិន្ទុសហគមន៍* និងចែករំលែកលទ្ធផលតាមបណ្តាញសង្គម។",
        ),
    ),
    (
        NETWORK,
        "{p} Association of Community Fisheries and Forestry",
        "សមាគមសហគមន៍នេសាទ និងព្រៃឈើ{pk}",
        ("climate-environment", "agriculture"),
        (
            "Links the community fisheries and community forestry groups of {p} so "
            "that they can protect their resources and negotiate with the local "
            "authorities.",
            "ភ្ជាប់សហគមន៍នេសាទ និងក្រុមសហគមន៍ព្រៃឈើនៅ{pk} "
            "ដើម្បីការពារធនធានរបស់ខ្លួន និងចរចាជាមួយអាជ្ញាធរមូលដ្ឋាន។",
        ),
    ),
    (
        LOCAL_NGO,
        "Ponleu Thmey {p}",
        "អង្គការពន្លឺថ្មី{pk}",
        ("public-services", "civic-engagement"),
        (
            "Works with poor households in {p} on clean water, sanitation and "
            "access to public services, and helps them raise their needs at commune "
            "meetings.",
            "ធ្វើការជាមួយគ្រួសារក្រីក្រនៅ{pk} លើទឹកស្អាត អនាម័យ "
            "និងការទទួលបានសេវាសាធារណៈ "
            "ហើយជួយពួកគេលើកឡើងតម្រូវការរបស់ខ្លួននៅក្នុងកិច្ចប្រជុំឃុំ។",
        ),
    ),
    (
        LOCAL_NGO,
        "{p} Rural Livelihoods Association",
        "សមាគមជីវភាពជនបទ{pk}",
        ("agriculture", "local-budgeting"),
        (
            "Helps farming families in {p} form producer groups and ask their "
            "commune councils for irrigation, roads and markets.",
            "ជួយគ្រួសារកសិករនៅ{pk} បង្កើតក្រុមផលិតករ "
            "និងស្នើសុំប្រព័ន្ធធារាសាស្ត្រ ផ្លូវ និងទីផ្សារពីក្រុមប្រឹក្សាឃុំ។",
        ),
    ),
    (
        LOCAL_NGO,
        "{p} Association for Human Rights and Development",
        "សមាគមសិទ្ធិមនុស្ស និងអភិវឌ្ឍន៍{pk}",
        ("access-to-information", "civic-engagement"),
        (
            "Informs citizens in {p} of their rights to information and to take "
            "part in local decisions, and helps them file complaints with the "
            "district administration.",
            "ផ្តល់ព័ត៌មានដល់ពលរដ្ឋនៅ{pk} អំពីសិទ្ធិទទួលបានព័ត៌មាន "
            "និងសិទ្ធិចូលរួមក្នុងការសម្រេចចិត្តនៅមូលដ្ឋាន "
            "ហើយជួយពួកគេដាក់ពាក្យបណ្តឹងទៅរដ្ឋបាលស្រុក។",
        ),
    ),
    (
        NETWORK,
        "{p} Good Governance Monitoring Group",
        "ក្រុមតាមដានអភិបាលកិច្ចល្អ{pk}",
        ("social-accountability", "decentralisation"),
        (
            "Observes the meetings of the district and commune councils of {p} and "
            "publishes what was decided, in Khmer, on the notice boards of the "
            "communes.",
            "សង្កេតកិច្ចប្រជុំក្រុមប្រឹក្សាស្រុក និងឃុំនៅ{pk} "
            "ហើយផ្សព្វផ្សាយសេចក្តីសម្រេចជាភាសាខ្មែរ "
            "នៅលើក្តារព័ត៌មានរបស់ឃុំ។",
        ),
    ),
    (
        LOCAL_NGO,
        "{p} Health and Education Partnership",
        "ភាពជាដៃគូសុខភាព និងអប់រំ{pk}",
        ("public-services", "youth"),
        (
            "Supports health centre management committees and school support "
            "committees in {p} to listen to patients and parents.",
            "គាំទ្រគណៈកម្មការគ្រប់គ្រងមណ្ឌលសុខភាព "
            "និងគណៈកម្មការទ្រទ្រង់សាលារៀននៅ{pk} "
            "ឱ្យស្តាប់មតិរបស់អ្នកជំងឺ និងឪពុកម្តាយ។",
        ),
    ),
]
DISTRICT_ORGS = [
    (
        CBO,
        "Federation of Women's Savings Groups of {d}",
        "សហព័ន្ធក្រុមសន្សំប្រាក់ស្ត្រី{dk}",
        ("gender", "agriculture"),
        (
            "Links the village savings groups of {d}, {p}, so that women can borrow "
            "for small businesses and speak together to the commune councils.",
            "ភ្ជាប់ក្រុមសន្សំប្រាក់ភូមិនានាក្នុង{dk} {pk} "
            "ដើម្បីឱ្យស្ត្រីអាចខ្ចីប្រាក់សម្រាប់អាជីវកម្មខ្នាតតូច "
            "និងរួមគ្នាលើកសំណើទៅក្រុមប្រឹក្សាឃុំ។",
        ),
    ),
    (
        NETWORK,
        "{D} CBO Network",
        "បណ្តាញអង្គការសហគមន៍មូលដ្ឋាន{dk}",
        ("civic-engagement", "decentralisation"),
        (
            "Brings together the community-based organisations of {d} to raise "
            "village priorities in the district and commune investment plans.",
            "ប្រមូលផ្តុំអង្គការសហគមន៍មូលដ្ឋាននៃ{dk} "
            "ដើម្បីលើកឡើងអាទិភាពរបស់ភូមិនានា "
            "ក្នុងផែនការវិនិយោគស្រុក និងឃុំ។",
        ),
    ),
    (
        CBO,
        "{D} Youth Council",
        "ក្រុមប្រឹក្សាយុវជន{dk}",
        ("youth", "civic-engagement"),
        (
            "Young people of {d} who follow the meetings of the {council} and "
            "organise a youth forum with the councillors every year.",
            "យុវជននៃ{dk} ដែលតាមដានកិច្ចប្រជុំរបស់{council_km} "
            "និងរៀបចំវេទិកាយុវជនជាមួយសមាជិកក្រុមប្រឹក្សាជារៀងរាល់ឆ្នាំ។",
        ),
    ),
    (
        CBO,
        "{D} Farmer Water User Community",
        "សហគមន៍កសិករប្រើប្រាស់ទឹក{dk}",
        ("agriculture", "climate-environment"),
        (
            "Manages the irrigation canals of {d} with the farmers who use them, "
            "and asks for repairs in the district investment programme.",
            "គ្រប់គ្រងប្រឡាយធារាសាស្ត្រនៃ{dk} ជាមួយកសិករដែលប្រើប្រាស់ "
            "ហើយស្នើសុំការជួសជុលក្នុងកម្មវិធីវិនិយោគស្រុក។",
        ),
    ),
    (
        CBO,
        "{D} Citizens' Monitoring Committee",
        "គណៈកម្មាធិការពលរដ្ឋតាមដាន{dk}",
        ("social-accountability", "public-services"),
        (
            "Volunteers of {d} who monitor public works and services under the "
            "**ISAF** framework and follow up the joint action plans.",
            "អ្នកស្ម័គ្រចិត្តនៃ{dk} ដែលតាមដានការងារសាធារណៈ និងសេវា "
            "ក្រោម**ក្របខ័ណ្ឌសកម្មភាពសម្រាប់គណនេយ្យភាពសង្គម (ISAF)** "
            "និងតាមដានផែនការសកម្មភាពរួម។",
        ),
    ),
]
# The commune-level ones; "fisheries" and "forestry" only where there are any.
COMMUNE_ORGS = [
    (
        "fisheries",
        "{c} Community Fisheries",
        "សហគមន៍នេសាទ{ck}",
        ("climate-environment", "agriculture"),
        (
            "Fishers of {cl}, {d}, who patrol their fishing grounds, manage a "
            "conservation area and report illegal fishing.",
            "អ្នកនេសាទនៃ{ck} {dk} ដែលល្បាតតំបន់នេសាទ គ្រប់គ្រងតំបន់អភិរក្ស "
            "និងរាយការណ៍អំពីបទល្មើសនេសាទ។",
        ),
    ),
    (
        "forestry",
        "{c} Community Forestry",
        "សហគមន៍ព្រៃឈើ{ck}",
        ("climate-environment", "agriculture"),
        (
            "Villagers of {cl}, {d}, who protect their community forest and share "
            "its products under an agreement with the forestry administration.",
            "ប្រជាពលរដ្ឋនៃ{ck} {dk} ដែលការពារព្រៃសហគមន៍របស់ខ្លួន "
            "និងចែករំលែកផលអនុផលព្រៃឈើ តាមកិច្ចព្រមព្រៀងជាមួយរដ្ឋបាលព្រៃឈើ។",
        ),
    ),
    (
        "cooperative",
        "{c} Agricultural Cooperative",
        "សហគមន៍កសិកម្ម{ck}",
        ("agriculture", "local-budgeting"),
        (
            "Smallholder farmers of {cl}, {d}, who buy seed and sell rice together "
            "and ask the commune council for irrigation.",
            "កសិករខ្នាតតូចនៃ{ck} {dk} ដែលរួមគ្នាទិញគ្រាប់ពូជ និងលក់ស្រូវ "
            "ហើយស្នើសុំប្រព័ន្ធធារាសាស្ត្រពីក្រុមប្រឹក្សាឃុំ។",
        ),
    ),
    (
        "savings",
        "{c} Women's Savings Group",
        "ក្រុមសន្សំប្រាក់ស្ត្រី{ck}",
        ("gender",),
        (
            "Women of {cl}, {d}, who save together, lend to each other and speak "
            "together at the council's meetings.",
            "ស្ត្រីនៃ{ck} {dk} ដែលសន្សំប្រាក់ជាមួយគ្នា ខ្ចីប្រាក់គ្នាទៅវិញទៅមក "
            "និងរួមគ្នាបញ្ចេញមតិនៅក្នុងកិច្ចប្រជុំក្រុមប្រឹក្សា។",
        ),
    ),
    (
        "development",
        "{c} Community Development Group",
        "ក្រុមអភិវឌ្ឍន៍សហគមន៍{ck}",
        ("civic-engagement", "public-services"),
        (
            "Volunteers of {cl}, {d}, who collect village needs each year and "
            "follow them through the investment plan.",
            "អ្នកស្ម័គ្រចិត្តនៃ{ck} {dk} ដែលប្រមូលតម្រូវការរបស់ភូមិជារៀងរាល់ឆ្នាំ "
            "និងតាមដានវារហូតដល់ផែនការវិនិយោគ។",
        ),
    ),
]
ORG_COUNTS = {"district": 650, "commune": 725}  # plus every province template
MEMBER_STATUSES = {
    "active": 84,
    "applicant": 3,
    "lapsed": 6,
    "suspended": 2,
    "withdrawn": 5,
}
STATUS_NOTES = {
    "applicant": "Application received; provincial focal point to visit",
    "lapsed": "Annual dues unpaid for two years",
    "suspended": "Suspended by the Executive Committee until its overdue annual "
    "report is received",
    "withdrawn": "Withdrew from the coalition: its programme in the province ended",
}

# Activities. Kinds, their weights and title templates: (en, km, themes) with
# {place} the activity's place and the words of `_district_words`.
KIND_WEIGHTS = {
    "training": 25,
    "consultation": 19,
    "workshop": 18,
    "meeting": 15,
    "forum": 9,
    "field_visit": 11,
    "mou_signing": 3,
}
EXTRA_TITLES = {
    "training": [
        (
            "Training on community scorecards for health centres, {place}",
            "វគ្គបណ្តុះបណ្តាលស្តីពីប័ណ្ណដាក់ពិន្ទុសហគមន៍សម្រាប់មណ្ឌលសុខភាព {place}",
            ("social-accountability", "public-services"),
        ),
        (
            "Training of commune councillors on participatory planning, {place}",
            "វគ្គបណ្តុះបណ្តាលក្រុមប្រឹក្សាឃុំស្តីពីការរៀបចំផែនការដោយមានការចូលរួម {place}",
            ("decentralisation", "local-budgeting", "capacity-development"),
        ),
        (
            "Training for youth volunteers on access to information, {place}",
            "វគ្គបណ្តុះបណ្តាលអ្នកស្ម័គ្រចិត្តយុវជនស្តីពីការទទួលបានព័ត៌មាន {place}",
            ("youth", "access-to-information"),
        ),
    ],
    "consultation": [
        (
            "Consultation on the commune investment programme, {commune}",
            "ការពិគ្រោះយោបល់ស្តីពីកម្មវិធីវិនិយោគឃុំ {commune}",
            ("local-budgeting", "civic-engagement"),
        ),
        (
            "Consultation with women's groups on local services, {place}",
            "ការពិគ្រោះយោបល់ជាមួយក្រុមស្ត្រីស្តីពីសេវាមូលដ្ឋាន {place}",
            ("gender", "public-services"),
        ),
    ],
    "workshop": [
        (
            "Validation workshop of the case study on civic engagement, {place}",
            "សិក្ខាសាលាផ្ទៀងផ្ទាត់ករណីសិក្សាស្តីពីការចូលរួមរបស់ពលរដ្ឋ {place}",
            ("civic-engagement", "social-accountability"),
        ),
        (
            "Workshop on gender-responsive budgeting, {place}",
            "សិក្ខាសាលាស្តីពីថវិកាដែលឆ្លើយតបនឹងយេនឌ័រ {place}",
            ("gender", "local-budgeting"),
        ),
    ],
    "meeting": [
        (
            "Quarterly meeting of CSOs and the {admin_en}",
            "កិច្ចប្រជុំប្រចាំត្រីមាសរវាងអង្គការសង្គមស៊ីវិល និង{admin_km}",
            ("civic-engagement", "decentralisation"),
        ),
        (
            "Provincial members' meeting, {province_en}",
            "កិច្ចប្រជុំសមាជិកថ្នាក់ខេត្ត {province_km}",
            ("capacity-development",),
        ),
        (
            "Coordination meeting of CBO networks, {place}",
            "កិច្ចប្រជុំសម្របសម្រួលបណ្តាញអង្គការសហគមន៍មូលដ្ឋាន {place}",
            ("civic-engagement",),
        ),
        (
            "Follow-up meeting on the joint action plan, {place}",
            "កិច្ចប្រជុំតាមដានផែនការសកម្មភាពរួម {place}",
            ("social-accountability",),
        ),
    ],
    "forum": [
        (
            "Public forum of the {council_en}, {place}",
            "វេទិកាសាធារណៈរបស់{council_km} {place}",
            ("local-budgeting", "access-to-information"),
        ),
        (
            "Women's forum on commune priorities, {commune}",
            "វេទិកាស្ត្រីស្តីពីអាទិភាពឃុំ {commune}",
            ("gender", "civic-engagement"),
        ),
    ],
    "field_visit": [
        (
            "Exchange visit of CBO leaders, {commune}",
            "ទស្សនកិច្ចផ្លាស់ប្តូរបទពិសោធន៍របស់មេដឹកនាំអង្គការសហគមន៍មូលដ្ឋាន {commune}",
            ("capacity-development", "civic-engagement"),
        ),
    ],
    "mou_signing": [
        (
            "MoU signing between CPDD members and the {admin_en}",
            "ពិធីចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់គ្នារវាងសមាជិក CPDD និង{admin_km}",
            ("social-accountability", "decentralisation"),
        ),
    ],
}
OBJECTIVES = {
    "training": [
        (
            "Strengthen the capacity of community-based organisations in {where_en} "
            "to monitor local services and take part in {level_en} planning.",
            "ពង្រឹងសមត្ថភាពអង្គការសហគមន៍មូលដ្ឋាននៅ{where_km} "
            "ក្នុងការតាមដានសេវាមូលដ្ឋាន និងចូលរួមក្នុងការរៀបចំផែនការថ្នាក់{level_km}។",
        ),
        (
            "Explain the {level_en} planning and budgeting cycle to CBO leaders and "
            "citizens, and when they can take part in it.",
            "ពន្យល់មេដឹកនាំអង្គការសហគមន៍មូលដ្ឋាន និងពលរដ្ឋ "
            "អំពីវដ្តនៃការរៀបចំផែនការ និងថវិកាថ្នាក់{level_km} "
            "និងពេលដែលពួកគេអាចចូលរួមបាន។",
        ),
        (
            "Practise *community scorecards* and interface meetings with service "
            "providers.",
            "អនុវត្ត*ប័ណ្ណដាក់ពិន្ទុសហគមន៍* និងកិច្ចប្រជុំផ្ទាល់ជាមួយអ្នកផ្តល់សេវា។",
        ),
    ],
    "consultation": [
        (
            "Collect the priorities of citizens and CBOs for the {level_en} "
            "development plan and investment programme.",
            "ប្រមូលអាទិភាពរបស់ពលរដ្ឋ និងអង្គការសហគមន៍មូលដ្ឋាន "
            "សម្រាប់ផែនការអភិវឌ្ឍន៍ និងកម្មវិធីវិនិយោគថ្នាក់{level_km}។",
        ),
        (
            "Let the {admin_en} and the CSOs agree a **joint list of "
            "recommendations**.",
            "ឱ្យ{admin_km} និងអង្គការសង្គមស៊ីវិល ឯកភាពលើ**បញ្ជីអនុសាសន៍រួម**។",
        ),
    ],
    "workshop": [
        (
            "Share the findings of CPDD's case studies with the {council_en}, the "
            "{communes_en} councils and CSOs.",
            "ចែករំលែកលទ្ធផលនៃករណីសិក្សារបស់ CPDD ជាមួយ{council_km} "
            "ក្រុមប្រឹក្សា{communes_km} និងអង្គការសង្គមស៊ីវិល។",
        ),
        (
            "Discuss how citizens' participation can be strengthened at {level_en} "
            "level.",
            "ពិភាក្សាអំពីរបៀបពង្រឹងការចូលរួមរបស់ពលរដ្ឋនៅថ្នាក់{level_km}។",
        ),
    ],
    "forum": [
        (
            "Give citizens the opportunity to question the {admin_en} about local "
            "services, roads and water.",
            "ផ្តល់ឱកាសឱ្យពលរដ្ឋសួរសំណួរ{admin_km} អំពីសេវាមូលដ្ឋាន ផ្លូវ និងទឹក។",
        ),
        (
            "Present the budget of the {council_en} and answer citizens' questions.",
            "បង្ហាញថវិការបស់{council_km} និងឆ្លើយសំណួររបស់ពលរដ្ឋ។",
        ),
    ],
    "field_visit": [
        (
            "Learn from the experience of community-based organisations in {where_en}.",
            "រៀនសូត្រពីបទពិសោធន៍របស់អង្គការសហគមន៍មូលដ្ឋាននៅ{where_km}។",
        ),
        (
            "Check the progress of commune projects with the villagers who use them.",
            "ពិនិត្យវឌ្ឍនភាពនៃគម្រោងឃុំ ជាមួយប្រជាពលរដ្ឋដែលប្រើប្រាស់គម្រោងទាំងនោះ។",
        ),
    ],
    "meeting": [
        (
            "Review the progress of the joint action plan and agree the next steps.",
            "ពិនិត្យវឌ្ឍនភាពនៃផែនការសកម្មភាពរួម និងឯកភាពលើជំហានបន្ទាប់។",
        ),
        (
            "Coordinate the work of the members in {province_en} and share news "
            "from the secretariat.",
            "សម្របសម្រួលការងាររបស់សមាជិកនៅ{province_km} និងចែករំលែកព័ត៌មានពីលេខាធិការដ្ឋាន។",
        ),
    ],
    "mou_signing": [
        (
            "Sign a memorandum of understanding on cooperation for civic engagement "
            "in {where_en}.",
            "ចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់គ្នា "
            "ស្តីពីកិច្ចសហប្រតិបត្តិការសម្រាប់ការចូលរួមរបស់ពលរដ្ឋនៅ{where_km}។",
        ),
    ],
}
SECOND_OBJECTIVES = [
    ("", ""),
    (
        "Participants include commune councillors, CBO leaders, women and youth.",
        "អ្នកចូលរួមរួមមានសមាជិកក្រុមប្រឹក្សាឃុំ មេដឹកនាំអង្គការសហគមន៍មូលដ្ឋាន ស្ត្រី និងយុវជន។",
    ),
    ("It is held in Khmer.", "សកម្មភាពនេះប្រព្រឹត្តទៅជាភាសាខ្មែរ។"),
    (
        "Members of the **provincial CSO network** prepare it with the secretariat.",
        "សមាជិក**បណ្តាញអង្គការសង្គមស៊ីវិលថ្នាក់ខេត្ត** រៀបចំសកម្មភាពនេះជាមួយលេខាធិការដ្ឋាន។",
    ),
    (
        "At least 40% of the participants should be women.",
        "អ្នកចូលរួមយ៉ាងហោចណាស់ ៤០% គួរតែជាស្ត្រី។",
    ),
]
OUTCOMES = [
    (
        "Participants agreed {k} priorities to raise with the {council_en}.",
        "អ្នកចូលរួមបានឯកភាពលើអាទិភាពចំនួន {k_km} ដើម្បីលើកឡើងជាមួយ{council_km}។",
    ),
    (
        "The {admin_en} committed to answer the questions raised within a month.",
        "{admin_km}បានប្តេជ្ញាឆ្លើយតបនឹងសំណួរដែលបានលើកឡើង ក្នុងរយៈពេលមួយខែ។",
    ),
    (
        "CBO leaders prepared action plans for their communes.",
        "មេដឹកនាំអង្គការសហគមន៍មូលដ្ឋានបានរៀបចំផែនការសកម្មភាពសម្រាប់ឃុំរបស់ខ្លួន។",
    ),
    (
        "A joint list of {k} recommendations was endorsed.",
        "បញ្ជីអនុសាសន៍រួមចំនួន {k_km} ត្រូវបានឯកភាព។",
    ),
    (
        "The results will be shared at the provincial members' meeting.",
        "លទ្ធផលនឹងត្រូវបានចែករំលែកនៅក្នុងកិច្ចប្រជុំសមាជិកថ្នាក់ខេត្ត។",
    ),
]
# (female, male) ranges per stakeholder group, by kind of activity.
FIGURE_RANGES = {
    "meeting": {
        "cso": ((3, 10), (4, 12)),
        "sna": ((1, 4), (2, 8)),
        "cbo": ((2, 8), (1, 6)),
    },
    "training": {
        "cbo": ((8, 18), (5, 14)),
        "cso": ((2, 6), (2, 6)),
        "sna": ((1, 5), (2, 8)),
    },
    "consultation": {
        "sna": ((2, 8), (6, 15)),
        "cso": ((3, 8), (3, 8)),
        "citizens": ((8, 22), (6, 18)),
    },
    "workshop": {
        "sna": ((3, 10), (8, 20)),
        "government": ((1, 5), (2, 8)),
        "cso": ((5, 15), (5, 15)),
        "development_partners": ((0, 3), (1, 3)),
    },
    "forum": {
        "citizens": ((20, 60), (15, 50)),
        "sna": ((2, 6), (5, 12)),
        "cso": ((3, 8), (3, 8)),
        "media": ((0, 2), (1, 3)),
    },
    "field_visit": {
        "cbo": ((4, 12), (3, 10)),
        "citizens": ((5, 15), (4, 12)),
        "cso": ((1, 4), (1, 4)),
    },
    "mou_signing": {
        "sna": ((1, 4), (3, 8)),
        "cso": ((2, 6), (2, 6)),
        "media": ((0, 2), (1, 3)),
    },
}
KIND_NOUNS = {
    "training": ("training", "វគ្គបណ្តុះបណ្តាល"),
    "consultation": ("consultation", "កិច្ចពិគ្រោះយោបល់"),
    "workshop": ("workshop", "សិក្ខាសាលា"),
    "meeting": ("meeting", "កិច្ចប្រជុំ"),
    "forum": ("public forum", "វេទិកាសាធារណៈ"),
    "field_visit": ("field visit", "ទស្សនកិច្ចសិក្សា"),
    "mou_signing": ("MoU signing", "ពិធីចុះហត្ថលេខាលើអនុស្សរណៈ"),
}
REGISTRATION_KINDS = {"training", "workshop", "forum", "consultation"}

# News.
REPORT_PARAGRAPHS = [
    (
        "Commune councillors explained how the {communes_en} investment plans are "
        "prepared, and CBO leaders raised the needs of their villages: roads, "
        "clean water and support for farmers.",
        "សមាជិកក្រុមប្រឹក្សាឃុំបានពន្យល់អំពីរបៀបរៀបចំផែនការវិនិយោគ{communes_km} "
        "ហើយមេដឹកនាំអង្គការសហគមន៍មូលដ្ឋានបានលើកឡើងពីតម្រូវការរបស់ភូមិ៖ "
        "ផ្លូវ ទឹកស្អាត និងការគាំទ្រដល់កសិករ។",
    ),
    (
        "Representatives of the {admin_en} answered questions on the budget and on "
        "the services of the one window office.",
        "តំណាង{admin_km}បានឆ្លើយសំណួរអំពីថវិកា និងសេវារបស់ការិយាល័យច្រកចេញចូលតែមួយ។",
    ),
    (
        "Women and young people spoke in every group discussion, and their "
        "priorities were written into the joint list of recommendations.",
        "ស្ត្រី និងយុវជនបានបញ្ចេញមតិនៅក្នុងកិច្ចពិភាក្សាក្រុមនីមួយៗ "
        "ហើយអាទិភាពរបស់ពួកគេត្រូវបានសរសេរបញ្ចូលក្នុងបញ្ជីអនុសាសន៍រួម។",
    ),
    (
        "Participants practised reading a commune budget and preparing questions "
        "for the next meeting of the {council_en}.",
        "អ្នកចូលរួមបានហាត់អានថវិកាឃុំ និងរៀបចំសំណួរសម្រាប់កិច្ចប្រជុំបន្ទាប់របស់{council_km}។",
    ),
    (
        "The discussions showed that citizens still know little about when and how "
        "they can take part in the decisions of the {admin_en}.",
        "កិច្ចពិភាក្សាបានបង្ហាញថា ពលរដ្ឋនៅតែយល់ដឹងតិចតួចអំពីពេលវេលា "
        "និងរបៀបដែលពួកគេអាចចូលរួមក្នុងការសម្រេចចិត្តរបស់{admin_km}។",
    ),
    (
        "Community-based organisations shared how they follow the projects of "
        "their commune, from the village meeting to the handover of the works.",
        "អង្គការសហគមន៍មូលដ្ឋានបានចែករំលែកអំពីរបៀបដែលពួកគេតាមដានគម្រោងរបស់ឃុំ "
        "ចាប់ពីកិច្ចប្រជុំភូមិ រហូតដល់ការប្រគល់ការងារ។",
    ),
]
QUOTES = [
    (
        "We now know when we can take part in the commune meetings, and we will "
        "bring our neighbours next time.",
        "ឥឡូវនេះ យើងដឹងហើយថា ពេលណាយើងអាចចូលរួមកិច្ចប្រជុំឃុំ ហើយលើកក្រោយយើងនឹងនាំអ្នកជិតខាងមកជាមួយ។",
    ),
    (
        "The administration listened to us; now we will follow up what was promised.",
        "រដ្ឋបាលបានស្តាប់យើង ឥឡូវនេះយើងនឹងតាមដានអ្វីដែលបានសន្យា។",
    ),
    (
        "Women have ideas for our commune, and today they said them out loud.",
        "ស្ត្រីមានគំនិតសម្រាប់ឃុំរបស់យើង ហើយថ្ងៃនេះពួកគាត់បាននិយាយវាចេញមក។",
    ),
]
CLOSINGS = [
    (
        "CPDD will follow up the recommendations with the {admin_en} at the next "
        "quarterly meeting.",
        "CPDD នឹងតាមដានអនុសាសន៍ទាំងនេះជាមួយ{admin_km} នៅក្នុងកិច្ចប្រជុំប្រចាំត្រីមាសបន្ទាប់។",
    ),
    (
        "The results will be presented at the provincial members' meeting in "
        "{province_en}.",
        "លទ្ធផលនឹងត្រូវបានបង្ហាញនៅក្នុងកិច្ចប្រជុំសមាជិកថ្នាក់ខេត្តនៅ{province_km}។",
    ),
    (
        "The secretariat thanks the participants and the {admin_en} for their "
        "cooperation.",
        "លេខាធិការដ្ឋានសូមថ្លែងអំណរគុណចំពោះអ្នកចូលរួម និង{admin_km} សម្រាប់កិច្ចសហប្រតិបត្តិការ។",
    ),
]
# (title, summary, body) in English and Khmer; {province_en}, {year}, {n}...
ANNOUNCEMENTS = [
    (
        (
            "Call for proposals: small grants for community-based organisations in "
            "{province_en}",
            "CBOs in {province_en} can apply for grants of up to US$ 2,000 for "
            "projects that help citizens take part in commune planning.",
            "CPDD invites community-based organisations working in {province_en} "
            "to send proposals for **small grants** of up to US$ 2,000.\n\n"
            "Projects should help citizens, women and young people take part in "
            "the planning and budgeting of their commune, or follow up the joint "
            "recommendations agreed with their district administration.\n\n"
            "Send your proposal to the provincial focal point before the end of "
            "{month_en}.",
        ),
        (
            "ការអំពាវនាវឱ្យដាក់សំណើ៖ ជំនួយឥតសំណងខ្នាតតូចសម្រាប់អង្គការសហគមន៍មូលដ្ឋាននៅ{province_km}",
            "អង្គការសហគមន៍មូលដ្ឋាននៅ{province_km} "
            "អាចដាក់ពាក្យស្នើសុំជំនួយរហូតដល់ ២ ០០០ ដុល្លារអាមេរិក "
            "សម្រាប់គម្រោងដែលជួយពលរដ្ឋឱ្យចូលរួមក្នុងការរៀបចំផែនការឃុំ។",
            "CPDD សូមអញ្ជើញអង្គការសហគមន៍មូលដ្ឋានដែលធ្វើការនៅ{province_km} "
            "ឱ្យដាក់សំណើសុំ**ជំនួយឥតសំណងខ្នាតតូច** រហូតដល់ ២ ០០០ ដុល្លារអាមេរិក។\n\n"
            "គម្រោងគួរតែជួយពលរដ្ឋ ស្ត្រី និងយុវជន "
            "ឱ្យចូលរួមក្នុងការរៀបចំផែនការ និងថវិការបស់ឃុំ "
            "ឬតាមដានអនុសាសន៍រួមដែលបានឯកភាពជាមួយរដ្ឋបាលស្រុក។",
        ),
        ("civic-engagement", "capacity-development"),
    ),
    (
        (
            "{n} new members join the coalition in {province_en}",
            "The Executive Committee admitted {n} organisations from {province_en} "
            "at its {month_en} meeting.",
            "At its meeting of {month_en}, the CPDD Executive Committee admitted "
            "{n} new member organisations from {province_en}, after visits by the "
            "provincial focal point.\n\n"
            "The new members work with community-based organisations, women's "
            "groups and young people. Their profiles are in the members' "
            "directory.",
        ),
        (
            "សមាជិកថ្មីចំនួន {n_km} បានចូលរួមជាមួយសម្ព័ន្ធនៅ{province_km}",
            "គណៈកម្មាធិការប្រតិបត្តិបានទទួលយកអង្គការចំនួន {n_km} "
            "ពី{province_km} នៅក្នុងកិច្ចប្រជុំ{month_km}។",
            "នៅក្នុងកិច្ចប្រជុំ{month_km} គណៈកម្មាធិការប្រតិបត្តិ CPDD "
            "បានទទួលយកអង្គការសមាជិកថ្មីចំនួន {n_km} ពី{province_km}។\n\n"
            "សមាជិកថ្មីទាំងនេះធ្វើការជាមួយអង្គការសហគមន៍មូលដ្ឋាន ក្រុមស្ត្រី "
            "និងយុវជន។",
        ),
        ("capacity-development",),
    ),
    (
        (
            "Members in {province_en} plan their work for {year}",
            "The members' meeting in {province_en} agreed the joint activities of "
            "the year and the districts where they will take place.",
            "More than {n} member organisations met in {province_en} to review the "
            "past year and plan the joint activities of {year}.\n\n"
            "They agreed to focus on the follow-up of the joint recommendations "
            "and on the participation of women and young people in commune "
            "planning.",
        ),
        (
            "សមាជិកនៅ{province_km} រៀបចំផែនការការងារសម្រាប់ឆ្នាំ{year_km}",
            "កិច្ចប្រជុំសមាជិកនៅ{province_km} "
            "បានឯកភាពលើសកម្មភាពរួមប្រចាំឆ្នាំ និងស្រុកដែលសកម្មភាពនឹងប្រព្រឹត្តទៅ។",
            "អង្គការសមាជិកជាង {n_km} បានជួបប្រជុំនៅ{province_km} "
            "ដើម្បីពិនិត្យឡើងវិញនូវឆ្នាំកន្លងមក "
            "និងរៀបចំផែនការសកម្មភាពរួមសម្រាប់ឆ្នាំ{year_km}។",
        ),
        ("civic-engagement", "decentralisation"),
    ),
    (
        (
            "Annual contributions for {year}: a reminder to members in {province_en}",
            "Members' annual contributions fund the provincial meetings and the "
            "secretariat's follow-up work.",
            "The secretariat reminds members in {province_en} that annual "
            "contributions for {year} are due.\n\n"
            "Contributions can be paid in US dollars or in riel, by bank transfer "
            "or in cash at the provincial members' meeting.",
        ),
        (
            "វិភាគទានប្រចាំឆ្នាំ{year_km}៖ ការរំលឹកដល់សមាជិកនៅ{province_km}",
            "វិភាគទានប្រចាំឆ្នាំរបស់សមាជិក "
            "ផ្តល់មូលនិធិដល់កិច្ចប្រជុំថ្នាក់ខេត្ត "
            "និងការងារតាមដានរបស់លេខាធិការដ្ឋាន។",
            "លេខាធិការដ្ឋានសូមរំលឹកសមាជិកនៅ{province_km} អំពីវិភាគទានប្រចាំឆ្នាំ{year_km}។",
        ),
        ("capacity-development",),
    ),
    (
        (
            "Vacancy: provincial focal point in {province_en}",
            "CPDD is looking for a provincial focal point to support its members "
            "in {province_en}.",
            "The provincial focal point supports the members in {province_en}, "
            "organises the provincial meetings and follows up the joint "
            "recommendations with the district administrations.\n\n"
            "Applicants should speak Khmer and English and know the "
            "decentralisation reform.",
        ),
        (
            "ដំណឹងជ្រើសរើសបុគ្គលិក៖ អ្នកសម្របសម្រួលថ្នាក់ខេត្តនៅ{province_km}",
            "CPDD កំពុងស្វែងរកអ្នកសម្របសម្រួលថ្នាក់ខេត្ត ដើម្បីគាំទ្រសមាជិករបស់ខ្លួននៅ{province_km}។",
            "អ្នកសម្របសម្រួលថ្នាក់ខេត្តគាំទ្រសមាជិកនៅ{province_km} "
            "រៀបចំកិច្ចប្រជុំថ្នាក់ខេត្ត "
            "និងតាមដានអនុសាសន៍រួមជាមួយរដ្ឋបាលស្រុក។",
        ),
        ("capacity-development", "decentralisation"),
    ),
]
TOPICS = [
    ("civic engagement", "ការចូលរួមរបស់ពលរដ្ឋ", "civic-engagement"),
    ("social accountability", "គណនេយ្យភាពសង្គម", "social-accountability"),
    (
        "local planning and budgeting",
        "ការរៀបចំផែនការ និងថវិកាមូលដ្ឋាន",
        "local-budgeting",
    ),
    ("access to information", "ការទទួលបានព័ត៌មាន", "access-to-information"),
    ("women's participation", "ការចូលរួមរបស់ស្ត្រី", "gender"),
    ("youth participation", "ការចូលរួមរបស់យុវជន", "youth"),
    (
        "climate adaptation in communes",
        "ការបន្សាំនឹងការប្រែប្រួលអាកាសធាតុនៅឃុំ",
        "climate-environment",
    ),
    ("public service delivery", "ការផ្តល់សេវាសាធារណៈ", "public-services"),
    ("the decentralisation reform", "កំណែទម្រង់វិមជ្ឈការ", "decentralisation"),
]
POLICY_TITLES = [
    (
        "National forum on decentralisation discusses {topic_en}",
        "វេទិកាជាតិស្តីពីវិមជ្ឈការ ពិភាក្សាអំពី{topic_km}",
    ),
    (
        "CPDD statement on {topic_en} ({year})",
        "សេចក្តីថ្លែងការណ៍របស់ CPDD ស្តីពី{topic_km} (ឆ្នាំ{year_km})",
    ),
    (
        "Commune councils and civil society: {topic_en} in {year}",
        "ក្រុមប្រឹក្សាឃុំ និងសង្គមស៊ីវិល៖ {topic_km} ក្នុងឆ្នាំ{year_km}",
    ),
    (
        "Lessons from {province_en} on {topic_en}",
        "មេរៀនពី{province_km} ស្តីពី{topic_km}",
    ),
]
POLICY_PARAGRAPHS = [
    (
        "Representatives of the NCDD, development partners and more than {n} "
        "member organisations discussed {topic_en}.",
        "តំណាងគ.ជ.អ.ប ដៃគូអភិវឌ្ឍន៍ និងអង្គការសមាជិកជាង {n_km} បានពិភាក្សាអំពី{topic_km}។",
    ),
    (
        "Members shared what works in their provinces and where the existing "
        "mechanisms are not yet fully implemented.",
        "សមាជិកបានចែករំលែកអំពីអ្វីដែលដំណើរការបានល្អនៅក្នុងខេត្តរបស់ខ្លួន "
        "និងកន្លែងដែលយន្តការដែលមានស្រាប់មិនទាន់ត្រូវបានអនុវត្តពេញលេញ។",
    ),
    (
        "The coalition calls on sub-national administrations to publish their "
        "budgets and to invite CSOs to their council meetings.",
        "សម្ព័ន្ធអំពាវនាវដល់រដ្ឋបាលថ្នាក់ក្រោមជាតិ ឱ្យផ្សព្វផ្សាយថវិការបស់ខ្លួន "
        "និងអញ្ជើញអង្គការសង្គមស៊ីវិលឱ្យចូលរួមកិច្ចប្រជុំក្រុមប្រឹក្សា។",
    ),
    (
        "The full text is available in Khmer and English from the secretariat.",
        "អត្ថបទពេញលេញមានជាភាសាខ្មែរ និងភាសាអង់គ្លេស នៅលេខាធិការដ្ឋាន។",
    ),
]

# Case studies: (key, title_en, title_km, topic_en, topic_km, themes).
FOCI = [
    (
        "civic-engagement",
        "Civic engagement in {place_en} ({year})",
        "ការចូលរួមរបស់ពលរដ្ឋនៅ{place_km} (ឆ្នាំ{year_km})",
        "the decisions of the {admin_en}",
        "ការសម្រេចចិត្តរបស់{admin_km}",
        ("civic-engagement", "decentralisation", "social-accountability"),
    ),
    (
        "social-accountability",
        "Social accountability of public services in {place_en} ({year})",
        "គណនេយ្យភាពសង្គមនៃសេវាសាធារណៈនៅ{place_km} (ឆ្នាំ{year_km})",
        "the monitoring of health centres, schools and the one window office",
        "ការតាមដានមណ្ឌលសុខភាព សាលារៀន និងការិយាល័យច្រកចេញចូលតែមួយ",
        ("social-accountability", "public-services"),
    ),
    (
        "women",
        "Women's participation in the {communes_en} councils of {place_en} ({year})",
        "ការចូលរួមរបស់ស្ត្រីក្នុងក្រុមប្រឹក្សា{communes_km}នៃ{place_km} (ឆ្នាំ{year_km})",
        "the meetings and plans of the {communes_en} councils",
        "កិច្ចប្រជុំ និងផែនការរបស់ក្រុមប្រឹក្សា{communes_km}",
        ("gender", "civic-engagement"),
    ),
    (
        "youth",
        "Youth participation in local decision-making in {place_en} ({year})",
        "ការចូលរួមរបស់យុវជនក្នុងការសម្រេចចិត្តនៅមូលដ្ឋាន {place_km} (ឆ្នាំ{year_km})",
        "the decisions of the {council_en}",
        "ការសម្រេចចិត្តរបស់{council_km}",
        ("youth", "civic-engagement"),
    ),
    (
        "budgeting",
        "Local planning and budgeting in {place_en} ({year})",
        "ការរៀបចំផែនការ និងថវិកាមូលដ្ឋាននៅ{place_km} (ឆ្នាំ{year_km})",
        "the {level_en} development plan and investment programme",
        "ផែនការអភិវឌ្ឍន៍ និងកម្មវិធីវិនិយោគថ្នាក់{level_km}",
        ("local-budgeting", "decentralisation"),
    ),
    (
        "information",
        "Access to information at the {admin_en} ({year})",
        "ការទទួលបានព័ត៌មាននៅ{admin_km} (ឆ្នាំ{year_km})",
        "the information that the {admin_en} publishes",
        "ព័ត៌មានដែល{admin_km}ផ្សព្វផ្សាយ",
        ("access-to-information", "social-accountability"),
    ),
    (
        "climate",
        "Climate-resilient local development in {place_en} ({year})",
        "ការអភិវឌ្ឍមូលដ្ឋានដែលធន់នឹងអាកាសធាតុនៅ{place_km} (ឆ្នាំ{year_km})",
        "the climate adaptation projects of the {communes_en} investment plans",
        "គម្រោងបន្សាំនឹងការប្រែប្រួលអាកាសធាតុក្នុងផែនការវិនិយោគ{communes_km}",
        ("climate-environment", "local-budgeting"),
    ),
]
STRENGTHS = [
    (
        "The {admin_en} invites CBOs to its annual integration workshop, and most "
        "{communes_en} councils hold their monthly meetings in public.",
        "{admin_km}អញ្ជើញអង្គការសហគមន៍មូលដ្ឋានឱ្យចូលរួមសិក្ខាសាលាសមាហរណកម្មប្រចាំឆ្នាំ "
        "ហើយក្រុមប្រឹក្សា{communes_km}ភាគច្រើនរៀបចំកិច្ចប្រជុំប្រចាំខែជាសាធារណៈ។",
    ),
    (
        "Women's groups are well organised and speak up at {communes_en} meetings.",
        "ក្រុមស្ត្រីមានការរៀបចំល្អ និងហ៊ានបញ្ចេញមតិនៅក្នុងកិច្ចប្រជុំ{communes_km}។",
    ),
    (
        "The one window service office answers most complaints within a month.",
        "ការិយាល័យច្រកចេញចូលតែមួយឆ្លើយតបនឹងពាក្យបណ្តឹងភាគច្រើនក្នុងរយៈពេលមួយខែ។",
    ),
    (
        "Young volunteers follow the {council_en} and report back to their villages "
        "on social media.",
        "អ្នកស្ម័គ្រចិត្តយុវជនតាមដាន{council_km} ហើយរាយការណ៍ត្រឡប់ទៅភូមិរបស់ខ្លួនវិញតាមបណ្តាញសង្គម។",
    ),
    (
        "The {admin_en} publishes its budget on the notice board of the {level_en} "
        "hall.",
        "{admin_km}ផ្សព្វផ្សាយថវិការបស់ខ្លួននៅលើក្តារព័ត៌មាននៃសាលា{level_km}។",
    ),
]
OBSTACLES = [
    (
        "The {admin_en} offers citizens few opportunities to take part, and the "
        "existing civic engagement mechanisms are not fully implemented.",
        "{admin_km}ផ្តល់ឱកាសតិចតួចសម្រាប់ពលរដ្ឋចូលរួម "
        "ហើយយន្តការចូលរួមរបស់ពលរដ្ឋដែលមានស្រាប់ មិនទាន់ត្រូវបានអនុវត្តពេញលេញ។",
    ),
    (
        "Decision-making and budgets at {level_en} level are still limited.",
        "វិសាលភាពនៃការសម្រេចចិត្ត និងថវិកានៅថ្នាក់{level_km} នៅមានកម្រិត។",
    ),
    (
        "Citizens and CBOs know little about how decisions are made at {level_en} "
        "level and when they can take part.",
        "ពលរដ្ឋ និងអង្គការសហគមន៍មូលដ្ឋាន "
        "យល់ដឹងតិចតួចអំពីរបៀបសម្រេចចិត្តនៅថ្នាក់{level_km} "
        "និងពេលដែលពួកគេអាចចូលរួមបាន។",
    ),
    (
        "CBOs and CSOs lack the capacity to use the opportunities that do exist.",
        "អង្គការសហគមន៍មូលដ្ឋាន និងអង្គការសង្គមស៊ីវិល ខ្វះសមត្ថភាពក្នុងការប្រើប្រាស់ឱកាសដែលមានស្រាប់។",
    ),
    (
        "Meetings are held during working hours, when farmers and market vendors "
        "cannot come.",
        "កិច្ចប្រជុំត្រូវបានធ្វើឡើងក្នុងម៉ោងធ្វើការ ដែលកសិករ និងអ្នកលក់ដូរនៅផ្សារមិនអាចមកចូលរួមបាន។",
    ),
    (
        "Information on the budget is posted late and only in the {level_en} hall.",
        "ព័ត៌មានអំពីថវិកាត្រូវបានបិទផ្សាយយឺត និងតែនៅសាលា{level_km}ប៉ុណ្ណោះ។",
    ),
]
SURVEY_WHO = (
    "Households in the villages of the {area_en}",
    "គ្រួសារនៅក្នុងភូមិនានានៃ{level_km}",
)
AUTHOR = "author"  # in EXTRA_RECOMMENDATIONS: the case study's first author
EXTRA_RECOMMENDATIONS = {
    "hearings": (
        "district",
        "high",
        "Hold a public hearing every six months where the managers of health "
        "centres and schools in the {area_en} answer citizens' questions.",
        "រៀបចំសវនាការសាធារណៈរៀងរាល់ប្រាំមួយខែម្តង "
        "ដែលប្រធានមណ្ឌលសុខភាព និងនាយកសាលារៀននៅក្នុង{level_km} "
        "ឆ្លើយសំណួររបស់ពលរដ្ឋ។",
        (
            (
                "Agree the calendar of hearings with the health and education offices.",
                "ឯកភាពលើប្រតិទិនសវនាការជាមួយការិយាល័យសុខាភិបាល និងការិយាល័យអប់រំ។",
                "administration",
            ),
            (
                "Invite citizens and CBOs to the first hearing.",
                "អញ្ជើញពលរដ្ឋ និងអង្គការសហគមន៍មូលដ្ឋានឱ្យចូលរួមសវនាការលើកដំបូង។",
                AUTHOR,
            ),
        ),
    ),
    "minutes": (
        "district",
        "medium",
        "Publish the decisions and minutes of the {council_en} within two weeks, "
        "on the notice board and on the administration's Facebook page.",
        "ផ្សព្វផ្សាយសេចក្តីសម្រេច និងកំណត់ហេតុកិច្ចប្រជុំរបស់{council_km} "
        "ក្នុងរយៈពេលពីរសប្តាហ៍ នៅលើក្តារព័ត៌មាន "
        "និងទំព័រហ្វេសប៊ុករបស់រដ្ឋបាល។",
        (
            (
                "Name an officer responsible for publishing the minutes.",
                "តែងតាំងមន្ត្រីម្នាក់ទទួលបន្ទុកផ្សព្វផ្សាយកំណត់ហេតុកិច្ចប្រជុំ។",
                "administration",
            ),
        ),
    ),
    "youth_monitors": (
        "csos",
        "medium",
        "Train young people to follow the meetings of the {communes_en} councils "
        "and to report back to their villages.",
        "បណ្តុះបណ្តាលយុវជនឱ្យតាមដានកិច្ចប្រជុំរបស់ក្រុមប្រឹក្សា{communes_km} "
        "និងរាយការណ៍ត្រឡប់ទៅភូមិរបស់ខ្លួនវិញ។",
        (
            (
                "Train twenty youth volunteers.",
                "បណ្តុះបណ្តាលអ្នកស្ម័គ្រចិត្តយុវជនចំនួនម្ភៃនាក់។",
                AUTHOR,
            ),
        ),
    ),
    "accessibility": (
        "district",
        "medium",
        "Make the {level_en} hall and the one window service office accessible to "
        "people with disabilities.",
        "ធ្វើឱ្យសាលា{level_km} និងការិយាល័យច្រកចេញចូលតែមួយ អាចចូលប្រើប្រាស់បានសម្រាប់ជនមានពិការភាព។",
        (
            (
                "Build a ramp at the entrance of the {level_en} hall.",
                "សាងសង់ផ្លូវជម្រាលនៅច្រកចូលសាលា{level_km}។",
                "administration",
            ),
        ),
    ),
    "provincial_assessment": (
        "province",
        "medium",
        "Ask the administration of {province_en} to include civic engagement in "
        "its annual assessment of district and municipal administrations.",
        "ស្នើសុំរដ្ឋបាល{province_km} ដាក់បញ្ចូលការចូលរួមរបស់ពលរដ្ឋ "
        "ទៅក្នុងការវាយតម្លៃប្រចាំឆ្នាំលើរដ្ឋបាលស្រុក និងក្រុង។",
        (
            (
                "Present the recommendation at the provincial workshop.",
                "បង្ហាញអនុសាសន៍នេះនៅក្នុងសិក្ខាសាលាថ្នាក់ខេត្ត។",
                AUTHOR,
            ),
        ),
    ),
    "transfers": (
        "national",
        "low",
        "Ask the Ministry of Economy and Finance to publish the transfers to "
        "district and commune funds in a format that citizens can read.",
        "ស្នើសុំក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ "
        "ផ្សព្វផ្សាយការផ្ទេរថវិកាទៅមូលនិធិស្រុក និងឃុំ "
        "ក្នុងទម្រង់ដែលពលរដ្ឋអាចអានបាន។",
        (
            (
                "Present the recommendation at the national workshop.",
                "បង្ហាញអនុសាសន៍នេះនៅក្នុងសិក្ខាសាលាថ្នាក់ជាតិ។",
                ("CPDD secretariat", "លេខាធិការដ្ឋាន CPDD"),
            ),
        ),
    ),
    "scorecards": (
        "csos",
        "high",
        "Run community scorecards on {communes_en} services every year and present "
        "the results to the {council_en}.",
        "ធ្វើប័ណ្ណដាក់ពិន្ទុសហគមន៍លើសេវា{communes_km}ជារៀងរាល់ឆ្នាំ ហើយបង្ហាញលទ្ធផលជូន{council_km}។",
        (
            (
                "Run the scorecards in three {communes_en}s.",
                "ធ្វើប័ណ្ណដាក់ពិន្ទុសហគមន៍នៅ{communes_km}ចំនួនបី។",
                AUTHOR,
            ),
            (
                "Present the results at the council's meeting.",
                "បង្ហាញលទ្ធផលនៅក្នុងកិច្ចប្រជុំក្រុមប្រឹក្សា។",
                "administration",
            ),
        ),
    ),
    "complaint_register": (
        "district",
        "medium",
        "Answer every citizen's complaint in writing within 30 days and keep a "
        "public register of complaints.",
        "ឆ្លើយតបជាលាយលក្ខណ៍អក្សរចំពោះពាក្យបណ្តឹងរបស់ពលរដ្ឋគ្រប់ករណី "
        "ក្នុងរយៈពេល ៣០ ថ្ងៃ ហើយរក្សាទុកបញ្ជីពាក្យបណ្តឹងជាសាធារណៈ។",
        (
            (
                "Open the public register of complaints.",
                "បើកបញ្ជីពាក្យបណ្តឹងជាសាធារណៈ។",
                "administration",
            ),
        ),
    ),
}
PROPOSED_NOTE = (
    "Proposed at the validation workshop; waiting for the {council_en} to endorse it.",
    "បានស្នើឡើងនៅក្នុងសិក្ខាសាលាផ្ទៀងផ្ទាត់ កំពុងរង់ចាំ{council_km}ឯកភាព។",
)
# How a recommendation fares: (weight, steps), a step being (status, note key,
# (fewest, most) days after the previous one). Steps after PRESENT are left
# out, so recent case studies are mostly endorsed.
TRAJECTORIES = [
    (13, (("endorsed", "endorsed", None),)),
    (9, (("endorsed", "endorsed", None), ("endorsed", "waiting", (200, 500)))),
    (14, (("endorsed", "endorsed", None), ("in_progress", "started", (60, 300)))),
    (
        11,
        (
            ("endorsed", "endorsed", None),
            ("in_progress", "started", (60, 300)),
            ("in_progress", "halfway", (150, 500)),
        ),
    ),
    (
        20,
        (
            ("endorsed", "endorsed", None),
            ("in_progress", "started", (60, 300)),
            ("implemented", "implemented", (120, 600)),
        ),
    ),
    (
        12,
        (
            ("endorsed", "endorsed", None),
            ("in_progress", "started", (60, 300)),
            ("in_progress", "halfway", (150, 500)),
            ("implemented", "implemented", (120, 500)),
        ),
    ),
    (
        6,
        (
            ("endorsed", "endorsed", None),
            ("in_progress", "started", (60, 300)),
            ("dropped", "dropped", (200, 600)),
        ),
    ),
    (3, (("endorsed", "endorsed", None), ("dropped", "dropped", (100, 400)))),
    (5, (("proposed", "proposed", None),)),
]
PRESENTED = (("endorsed", "endorsed", None), ("in_progress", "presented", (30, 120)))
ACTION_STATUSES = {
    "proposed": ("planned", "planned"),
    "endorsed": ("planned", "planned"),
    "in_progress": ("done", "in_progress"),
    "implemented": ("done", "done"),
    "dropped": ("cancelled", "cancelled"),
}


# --------------------------------------------------------------------------
# Small helpers.
# --------------------------------------------------------------------------


def km(number):
    """A number in Khmer digits."""
    return str(number).translate(KHMER_DIGITS)


def _rng(part):
    # One generator per part, so that changing one part leaves the others be.
    return random.Random(f"{SEED}:{part}")


def _pick(rng, items):
    """An item of `items`, drawn with exactly one `rng.random()` whatever the
    length: for lists whose length may depend on the demo data."""
    return items[int(rng.random() * len(items))] if items else None


def _at(day, hour=8, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PHNOM_PENH)


def _weekday(day):
    """Saturdays and Sundays moved to the Friday before."""
    return day - timedelta(days=max(day.weekday() - 4, 0))


def _random_day(rng, start, end):
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _year_day(rng):
    """A day of 2017-2026, more of them in later years."""
    year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
    return _random_day(rng, date(year, 1, 1), date(year, 12, 31))


def _month_en(day):
    from events.demo import ENGLISH_MONTHS

    return f"{ENGLISH_MONTHS[day.month - 1]} {day.year}"


def _month_km(day):
    from events.demo import KHMER_MONTHS

    return f"ខែ{KHMER_MONTHS[day.month - 1]} ឆ្នាំ{km(day.year)}"


def _day_en(day):
    return f"{day.day} {_month_en(day)}"


def _day_km(day):
    return f"ថ្ងៃទី{km(day.day)} {_month_km(day)}"


def _acronym(name):
    words = name.replace("-", " ").replace("'s", "").replace(",", "").split()
    skip = {"of", "for", "and", "the"}
    return "".join(w[0].upper() for w in words if w.lower() not in skip)[:12]


def _domain(slug):
    """A made-up domain name from a slug: 30 letters at most, cut at a word."""
    return slug if len(slug) <= 30 else slug[:30].rsplit("-", 1)[0]


def _unique(slug, taken):
    """`slug`, or `slug-2`, `slug-3`... whichever is not taken; then taken."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


class Log:
    def __init__(self):
        self.started = time.monotonic()

    def __call__(self, message):
        print(
            f"  [{time.monotonic() - self.started:5.0f} s] {message}",
            file=sys.stdout,
            flush=True,
        )


# --------------------------------------------------------------------------
# Writing: COPY, ids and sequences, indexes.
# --------------------------------------------------------------------------


def _copy(model, columns, rows):
    """COPY `rows` (tuples in the order of `columns`, database column names)
    into `model`'s table; return how many. Columns left out get the field's
    default, or NULL where allowed; a NOT NULL column without either is an
    error here rather than in PostgreSQL. Generated columns are PostgreSQL's.
    """
    from django.db import connection
    from psycopg import sql

    opts = model._meta
    fields = [f for f in opts.local_concrete_fields if not f.generated]
    known = {f.column for f in fields}
    if unknown := [c for c in columns if c not in known]:
        raise ValueError(f"{opts.label} has no column {unknown}")
    constants = {}
    for f in fields:
        if f.column in columns or f.primary_key:
            continue
        default = f.get_default()
        if default is None:
            if f.null:
                continue
            raise ValueError(f"{opts.label}.{f.name} needs a value (NOT NULL)")
        constants[f.column] = f.get_db_prep_save(default, connection)
    names = [*columns, *constants]
    extra = tuple(constants.values())
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(opts.db_table), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    count = 0
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        write = copy.write_row
        for row in rows:
            write(row + extra if extra else row)
            count += 1
    return count


def _link_columns(relation):
    """The through table's two columns of a ManyToManyField, e.g.
    ("activity_id", "organization_id")."""
    return relation.m2m_column_name(), relation.m2m_reverse_name()


def _copy_links(relation, pairs):
    return _copy(relation.remote_field.through, _link_columns(relation), pairs)


def _max_id(model):
    from django.db.models import Max

    return model.objects.aggregate(top=Max("id"))["top"] or 0


def _next_id(model):
    return _max_id(model) + 1


def _sync_sequence(model):
    """After rows were written with their ids: the next id follows them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
            [model._meta.db_table, _max_id(model)],
        )


def _drop_gin_indexes(tables):
    """Drop the GIN indexes of `tables`; return their definitions."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE schemaname = current_schema() AND tablename = ANY(%s)"
            " AND indexdef LIKE %s ORDER BY indexname",
            [list(tables), "% USING gin %"],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return indexes


def _create_indexes(indexes):
    from django.db import connection

    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit: check them now, as an
        # index cannot be built on a table with checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)


# --------------------------------------------------------------------------
# The gazetteer, as words for the texts.
# --------------------------------------------------------------------------


@dataclass(eq=False)
class Prov:
    id: int
    code: str
    slug: str
    name_en: str
    name_km: str
    kind: str
    label_km: str = ""  # ខេត្តបាត់ដំបង, រាជធានីភ្នំពេញ
    words: dict = field(default_factory=dict)
    districts: list = field(default_factory=list)


@dataclass(eq=False)
class Dist:
    id: int
    code: str
    name_en: str
    name_km: str
    kind: str
    province: Prov
    slug: str = ""
    words: dict = field(default_factory=dict)
    communes: list = field(default_factory=list)


@dataclass(eq=False)
class Comm:
    id: int
    name_en: str  # Chrey
    name_km: str
    kind: str
    district: Dist
    label_en: str = ""  # Chrey commune, Sangkat Phsar Chas
    label_km: str = ""  # ឃុំជ្រៃ


def _province_words(p):
    capital = p.kind == "capital"
    place_en = p.name_en if capital else f"{p.name_en} province"
    level_en, level_km = ("capital", "រាជធានី") if capital else ("provincial", "ខេត្ត")
    admin_en = f"{p.name_en} {'Capital' if capital else 'Provincial'} Administration"
    return {
        "place_en": place_en,
        "place_km": p.label_km,
        "where_en": place_en,
        "where_km": p.label_km,
        "admin_en": admin_en,
        "admin_km": f"រដ្ឋបាល{p.label_km}",
        "council_en": f"{level_en} council",
        "council_km": f"ក្រុមប្រឹក្សា{level_km}",
        "level_en": level_en,
        "level_km": level_km,
        "area_en": "capital" if capital else "province",
        "communes_en": "sangkat" if capital else "commune",
        "communes_km": "សង្កាត់" if capital else "ឃុំ",
        "local_councils_en": f"Commune and sangkat councils of {place_en}",
        "local_councils_km": f"ក្រុមប្រឹក្សាឃុំ សង្កាត់នៃ{p.label_km}",
        "province_en": p.name_en,
        "province_km": p.label_km,
        "hall_en": f"{p.name_en} {'Capital' if capital else 'Provincial'} Hall",
        "hall_km": f"សាលា{p.label_km}",
    }


def _district_words(d):
    p, name, name_km = d.province, d.name_en, d.name_km
    if d.kind == "municipality":
        place_en, level_en, area_en = (
            f"{name} municipality",
            "municipal",
            "municipality",
        )
        admin_en, level_km, communes = f"{name} Municipal Administration", "ក្រុង", 1
        hall_en = f"{name} Municipal Hall"
    elif d.kind == "khan":
        place_en, level_en, area_en = f"Khan {name}", "khan", "khan"
        admin_en, level_km, communes = f"Khan {name} Administration", "ខណ្ឌ", 1
        hall_en = f"Khan {name} Hall"
    else:
        place_en, level_en, area_en = f"{name} district", "district", "district"
        admin_en, level_km, communes = f"{name} District Administration", "ស្រុក", 0
        hall_en = f"{name} District Hall"
    communes_en, communes_km = ("sangkat", "សង្កាត់") if communes else ("commune", "ឃុំ")
    place_km = f"{level_km}{name_km}"
    return {
        "place_en": place_en,
        "place_km": place_km,
        "where_en": f"{place_en}, {p.name_en}",
        "where_km": f"{place_km} {p.label_km}",
        "admin_en": admin_en,
        "admin_km": f"រដ្ឋបាល{place_km}",
        "council_en": f"{level_en} council",
        "council_km": f"ក្រុមប្រឹក្សា{level_km}",
        "level_en": level_en,
        "level_km": level_km,
        "area_en": area_en,
        "communes_en": communes_en,
        "communes_km": communes_km,
        "local_councils_en": f"{communes_en.capitalize()} councils of {place_en}",
        "local_councils_km": f"ក្រុមប្រឹក្សា{communes_km}នៃ{place_km}",
        "province_en": p.name_en,
        "province_km": p.label_km,
        "hall_en": hall_en,
        "hall_km": f"សាលា{place_km}",
    }


def _gazetteer():
    from django.utils.text import slugify

    from core.models import Commune, District, Province

    provinces = [
        Prov(p.id, p.code, p.slug, p.name_en, p.name_km, p.kind)
        for p in Province.objects.order_by("code")
    ]
    by_id = {p.id: p for p in provinces}
    for p in provinces:
        p.label_km = ("រាជធានី" if p.kind == "capital" else "ខេត្ត") + p.name_km
        p.words = _province_words(p)
    districts = []
    for d in District.objects.order_by("code"):
        district = Dist(
            d.id, d.code, d.name_en, d.name_km, d.kind, by_id[d.province_id]
        )
        words = _district_words(district)
        district.words = words
        district.slug = slugify(
            d.name_en if d.kind == "district" else words["place_en"]
        )
        district.province.districts.append(district)
        districts.append(district)
    by_district = {d.id: d for d in districts}
    for c in Commune.objects.order_by("code"):
        district = by_district[c.district_id]
        commune = Comm(c.id, c.name_en, c.name_km, c.kind, district)
        if c.kind == "sangkat":
            commune.label_en, commune.label_km = f"Sangkat {c.name_en}", "សង្កាត់"
        else:
            commune.label_en, commune.label_km = f"{c.name_en} commune", "ឃុំ"
        commune.label_km += c.name_km
        district.communes.append(commune)
    return provinces, districts


# --------------------------------------------------------------------------
# Organisations.
# --------------------------------------------------------------------------


@dataclass(eq=False)
class Org:
    slug: str
    name_en: str
    name_km: str | None
    kind: str
    province: Prov
    themes: tuple
    description_en: str
    description_km: str | None
    district: Dist | None = None
    status: str = ""
    history: list = field(default_factory=list)
    provinces: list = field(default_factory=list)
    acronym: str = ""
    founded: int | None = None
    id: int = 0
    new: bool = True  # False: the demo's, reused


def _fill(template, **words):
    return template.format(**words)


def _org_specs(rng, provinces, districts):
    """Every organisation added: members first (province, district and
    commune level), then the partners (district administrations, provincial
    departments of women's affairs)."""
    specs, names = [], set()

    def add(kind, name_en, name_km, themes, description, province, district=None):
        if name_en in names:  # the same commune name elsewhere
            name_en = f"{name_en} ({district.name_en})"
        names.add(name_en)
        en, km_text = description
        second_en, second_km = rng.choice(_second_sentences())
        specs.append(
            Org(
                slug="",
                name_en=name_en,
                name_km=name_km if rng.random() < 0.95 else None,
                kind=kind,
                province=province,
                district=district,
                themes=themes,
                description_en=" ".join(filter(None, [en, second_en])),
                description_km=" ".join(filter(None, [km_text, second_km]))
                if rng.random() < 0.75
                else None,
            )
        )

    for p in provinces:
        for kind, name_en, name_km, themes, (d_en, d_km) in PROVINCE_ORGS:
            words = {"p": p.name_en, "pk": p.label_km}
            add(
                kind,
                _fill(name_en, **words),
                _fill(name_km, **words),
                themes,
                (_fill(d_en, **words), _fill(d_km, **words)),
                p,
            )
    pool = [
        (d, template)
        for d in districts
        for template in DISTRICT_ORGS
        if not (d.kind == "khan" and "Water" in template[1])
    ]
    for d, (kind, name_en, name_km, themes, (d_en, d_km)) in rng.sample(
        pool, ORG_COUNTS["district"]
    ):
        w = d.words
        words = {
            "d": w["place_en"],
            "D": w["place_en"][0].upper() + w["place_en"][1:],
            "dk": w["place_km"],
            "p": d.province.name_en,
            "pk": d.province.label_km,
            "council": w["council_en"],
            "council_km": w["council_km"],
        }
        add(
            kind,
            _fill(name_en, **words),
            _fill(name_km, **words),
            themes,
            (_fill(d_en, **words), _fill(d_km, **words)),
            d.province,
            d,
        )
    pool = []
    for d in districts:
        for c in d.communes:
            for template in COMMUNE_ORGS:
                key = template[0]
                if key == "fisheries" and d.province.code not in FISHERIES:
                    continue
                if key == "forestry" and d.province.code not in FORESTS:
                    continue
                if key in ("fisheries", "forestry", "cooperative") and (
                    c.kind == "sangkat"
                ):
                    continue
                pool.append((c, template))
    for c, (_key, name_en, name_km, themes, (d_en, d_km)) in rng.sample(
        pool, ORG_COUNTS["commune"]
    ):
        d = c.district
        words = {
            "c": c.name_en if c.kind == "commune" else c.label_en,
            "ck": c.label_km,
            "cl": c.label_en,
            "d": d.words["place_en"],
            "dk": d.words["place_km"],
        }
        add(
            CBO,
            _fill(name_en, **words),
            _fill(name_km, **words),
            themes,
            (_fill(d_en, **words), _fill(d_km, **words)),
            d.province,
            d,
        )
    members = len(specs)
    for d in districts:
        w = d.words
        specs.append(
            Org(
                slug="",
                name_en=w["admin_en"],
                name_km=w["admin_km"],
                kind=GOVERNMENT,
                province=d.province,
                district=d,
                themes=("decentralisation", "civic-engagement"),
                description_en=f"The administration of {w['where_en']}. CPDD "
                "members work with it on the development plan and on the joint "
                "recommendations of its case studies.",
                description_km=f"រដ្ឋបាលនៃ{w['where_km']}។ សមាជិក CPDD "
                "ធ្វើការជាមួយរដ្ឋបាលនេះ លើផែនការអភិវឌ្ឍន៍ "
                "និងអនុសាសន៍រួមនៃករណីសិក្សា។",
            )
        )
    for p in provinces:
        level = "Municipal" if p.kind == "capital" else "Provincial"
        specs.append(
            Org(
                slug="",
                name_en=f"{p.name_en} {level} Department of Women's Affairs",
                name_km=f"មន្ទីរកិច្ចការនារី{p.label_km}",
                kind=GOVERNMENT,
                province=p,
                themes=("gender",),
                description_en="Works with the commune committees for women and "
                f"children of {p.words['place_en']}, and with CPDD members on "
                "women's participation in local decisions.",
                description_km="ធ្វើការជាមួយគណៈកម្មាធិការទទួលបន្ទុកកិច្ចការនារី "
                f"និងកុមារឃុំនៃ{p.label_km} និងជាមួយសមាជិក CPDD "
                "លើការចូលរួមរបស់ស្ត្រីក្នុងការសម្រេចចិត្តនៅមូលដ្ឋាន។",
            )
        )
    return specs, members


def _second_sentences():
    from members.demo import SECOND_SENTENCES

    return SECOND_SENTENCES


def _org_history(rng, org):
    """(status, date, note) steps, oldest first, as record_membership_status
    would have logged them; and the year founded."""
    cbo = org.kind == CBO
    org.founded = rng.randint(2000, 2020) if cbo else rng.randint(1992, 2018)
    status = rng.choices(list(MEMBER_STATUSES), list(MEMBER_STATUSES.values()))[0]
    earliest = date(max(2003, org.founded + 1), 1, 1)

    def joined(latest):
        day = _random_day(rng, earliest, max(earliest, latest))
        note = (
            "Joined the WGPD"
            if day < date(2017, 7, 1)
            else "Admitted by the CPDD Executive Committee"
        )
        return ("active", day, note)

    if status == "applicant":
        history = [
            (
                "applicant",
                _random_day(rng, date(2026, 6, 1), date(2026, 11, 10)),
                STATUS_NOTES["applicant"],
            )
        ]
    elif status == "active":
        step = joined(date(2026, 6, 30))
        history = [step]
        if rng.random() < 0.3:
            applied = step[1] - timedelta(days=rng.randint(30, 120))
            history = [
                ("applicant", applied, "Application received"),
                ("active", step[1], "Application approved by the Executive Committee"),
            ]
    else:
        step = joined(date(2021, 12, 31))
        ended = _random_day(
            rng, max(step[1] + timedelta(days=400), date(2022, 1, 1)), date(2026, 9, 30)
        )
        if status == "lapsed":
            ended = date(ended.year, 3, 31) if ended.month > 3 else ended
            ended = max(ended, step[1] + timedelta(days=400))
        history = [step, (status, ended, STATUS_NOTES[status])]
    return history


def _organisations(log, provinces, districts, staff_id):
    from django.utils.text import slugify

    from members.demo import (
        FAMILY_NAMES,
        FEMALE_NAMES,
        MALE_NAMES,
        NEIGHBOURS,
        PHONE_PREFIXES,
        POSITIONS,
    )
    from members.models import Contact, MembershipStatusChange, Organization

    rng = _rng("organisations")
    specs, members = _org_specs(rng, provinces, districts)
    by_code = {p.code: p for p in provinces}
    existing = dict(Organization.objects.values_list("slug", "id"))
    taken = set(existing)
    next_id = _next_id(Organization)
    for index, org in enumerate(specs):
        slug = slugify(org.name_en)
        if len(slug) > 80:  # cut at a word
            slug = slug[:80].rsplit("-", 1)[0]
        if index >= members and slug in existing:  # the demo's administrations
            org.slug, org.id, org.new = slug, existing[slug], False
        else:
            org.slug = _unique(slug, taken)
            org.id, next_id = next_id, next_id + 1
        if index < members:
            org.history = _org_history(rng, org)
            org.status = org.history[-1][0]
            if org.kind != CBO or rng.random() < 0.4:
                org.acronym = _acronym(org.name_en)
        operations = [org.province]
        if org.district is None and index < members:
            neighbours = [by_code[c] for c in NEIGHBOURS.get(org.province.code, ())]
            operations += rng.sample(
                neighbours, rng.randint(0, min(2, len(neighbours)))
            )
        org.provinces = operations
        if rng.random() < 0.3:
            extra = rng.choice(("capacity-development", "gender", "youth"))
            if extra not in org.themes:
                org.themes = (*org.themes, extra)

    EXAMPLES["organisation"] = next(
        f"/members/{org.slug}/"
        for org in specs
        if org.status == "active" and org.province.code == "02"
    )
    new = [org for org in specs if org.new]
    rows, contacts, changes = [], [], []
    used_names = set()
    for org in new:
        first = org.history[0][1] if org.history else None
        joined_on = next((d for s, d, _n in org.history if s == "active"), None)
        created = _at(
            first or _random_day(rng, date(2017, 7, 1), date(2024, 12, 31)), 9
        )
        updated = min(created + timedelta(days=rng.randint(0, 900)), PRESENT)
        updated = max(updated, _at(org.history[-1][1], 10) if org.history else created)
        place = org.district.words["where_en"] if org.district else org.province.name_en
        website = (
            f"https://{_domain(org.slug)}.example.org"
            if org.kind in (LOCAL_NGO, NETWORK) and rng.random() < 0.4
            else ""
        )
        phone = (
            f"+855 {rng.choice(PHONE_PREFIXES)} {rng.randint(100, 999)} "
            f"{rng.randint(100, 999)}"
        )
        registration = ""
        if org.founded and (org.kind != CBO or rng.random() < 0.5):
            number = max(1, (org.founded - 1992) * 70 + rng.randint(1, 69))
            registration = f"No. {number} ស.ជ.ណ.ល ({org.founded})"
        rows.append(
            (
                org.id,
                org.name_en,
                org.name_en,
                org.name_km,
                org.acronym,
                org.slug,
                org.kind,
                org.status,
                joined_on,
                org.description_en,
                org.description_en,
                org.description_km,
                website,
                f"info@{_domain(org.slug)}.example.org" if rng.random() < 0.5 else "",
                phone,
                place,
                org.province.id,
                org.founded,
                registration,
                created,
                updated,
            )
        )
        for status, day, note in org.history:
            changes.append((org.id, status, day, note, staff_id, _at(day, 10)))
        positions = POSITIONS.get(org.kind, POSITIONS[LOCAL_NGO])
        for n in range(rng.choice((1, 1, 2, 2, 3)) if org.status else 1):
            sex = rng.choice(("female", "male"))
            while True:
                family = rng.choice(FAMILY_NAMES)
                given = rng.choice(FEMALE_NAMES if sex == "female" else MALE_NAMES)
                if (org.id, family, given) not in used_names:
                    used_names.add((org.id, family, given))
                    break
            contacts.append(
                (
                    org.id,
                    f"{family} {given}",
                    sex,
                    positions[0] if n == 0 else rng.choice(positions[1:]),
                    f"+855 {rng.choice(PHONE_PREFIXES)} {rng.randint(100, 999)} "
                    f"{rng.randint(100, 999)}",
                    f"{given.lower()}.{family.lower()}@example.org",
                    rng.random() < 1 / 3,
                )
            )
    count = _copy(
        Organization,
        (
            "id",
            "name",
            "name_en",
            "name_km",
            "acronym",
            "slug",
            "kind",
            "membership_status",
            "joined_on",
            "description",
            "description_en",
            "description_km",
            "website",
            "email",
            "phone",
            "address",
            "head_office_province_id",
            "founded_year",
            "registration_number",
            "created_at",
            "updated_at",
        ),
        rows,
    )
    _sync_sequence(Organization)
    themes = _themes()
    _copy_links(
        Organization.provinces.field,
        [(org.id, p.id) for org in new for p in dict.fromkeys(org.provinces)],
    )
    _copy_links(
        Organization.themes.field,
        [(org.id, themes[t]) for org in new for t in org.themes if t in themes],
    )
    _copy(
        MembershipStatusChange,
        (
            "organization_id",
            "status",
            "effective_on",
            "note",
            "recorded_by_id",
            "recorded_at",
        ),
        changes,
    )
    _copy(
        Contact,
        ("organization_id", "name", "sex", "position", "phone", "email", "is_public"),
        contacts,
    )
    log(
        f"organisations: {count:,} (+ {len(changes):,} status changes, "
        f"{len(contacts):,} contacts)"
    )
    return specs


_THEMES = {}


def _themes():
    if not _THEMES:
        from core.models import Theme

        _THEMES.update(Theme.objects.values_list("slug", "id"))
    return _THEMES


# --------------------------------------------------------------------------
# Activities, participation and registrations.
# --------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class Act:
    id: int
    slug: str
    kind: str
    title_en: str
    title_km: str | None
    starts_at: datetime
    ends_at: datetime
    district: Dist | None
    province: Prov
    visibility: str
    themes: tuple
    capacity: int | None
    accepts: bool
    female: int = 0
    total: int = 0


def _titles():
    from events.demo import TEMPLATES

    titles = {kind: list(TEMPLATES.get(kind, ())) for kind in KIND_WEIGHTS}
    for kind, extra in EXTRA_TITLES.items():
        titles[kind] += extra
    return titles


def _activities(log, provinces, orgs, staff_id):
    from django.utils.text import slugify

    from events.models import Activity, ParticipationFigure
    from members.models import WorkingGroup

    rng = _rng("activities")
    titles = _titles()
    themes = _themes()
    kinds = list(KIND_WEIGHTS)
    kind_weights = list(KIND_WEIGHTS.values())
    # Where: every province, the member strongholds more often.
    strongholds = {"02": 6, "12": 5, "17": 4, "03": 3, "15": 2, "05": 2, "21": 2}
    province_weights = [strongholds.get(p.code, 1) for p in provinces]
    groups = list(WorkingGroup.objects.order_by("slug").values_list("id", flat=True))
    members_in = {p.id: [] for p in provinces}
    for org in orgs:
        if org.status == "active":
            for p in org.provinces:
                members_in[p.id].append(org.id)
    administrations = {
        org.district.id: org.id
        for org in orgs
        if org.kind == GOVERNMENT and org.district is not None
    }
    departments = {
        org.province.id: org.id
        for org in orgs
        if org.kind == GOVERNMENT and org.district is None
    }
    taken = set(Activity.objects.values_list("slug", flat=True))
    mine = set()
    next_id = _next_id(Activity)
    organisers = Activity.organisers.field
    partners = Activity.partners.field
    activity_themes = Activity.themes.field
    columns = (
        "id",
        "kind",
        "title",
        "title_en",
        "title_km",
        "slug",
        "objectives",
        "objectives_en",
        "objectives_km",
        "outcomes",
        "outcomes_en",
        "outcomes_km",
        "starts_at",
        "ends_at",
        "venue",
        "venue_en",
        "venue_km",
        "province_id",
        "district_id",
        "working_group_id",
        "visibility",
        "accepts_registrations",
        "capacity",
        "created_at",
        "updated_at",
    )
    acts = []
    totals = {"activities": 0, "figures": 0, "links": 0}
    for start in range(0, COUNTS["activities"], CHUNK):
        rows, organiser_rows, partner_rows, theme_rows, figure_rows = [], [], [], [], []
        for _ in range(min(CHUNK, COUNTS["activities"] - start)):
            kind = rng.choices(kinds, kind_weights)[0]
            province = rng.choices(provinces, province_weights)[0]
            district = rng.choice(province.districts)
            if kind != "meeting" and rng.random() < 0.07:
                district = None  # a province-wide activity
            words = district.words if district else province.words
            commune = None
            if district is not None and district.communes:
                commune = rng.choice(district.communes)
            title_en, title_km, title_themes = rng.choice(titles[kind])
            if "{commune}" in title_en and commune is None:
                title_en, title_km, title_themes = titles[kind][0]
            day = _weekday(_year_day(rng))
            hour = rng.choice((8, 8, 8, 13, 14))
            starts_at = _at(day, hour, rng.choice((0, 0, 30)))
            if kind == "training":
                days = rng.choices((1, 2, 3), (50, 35, 15))[0]
                ends_at = _at(day + timedelta(days=days - 1), 16 if days > 1 else 12)
                if days == 1 and hour > 12:
                    ends_at = starts_at + timedelta(hours=3)
                elif days == 1:
                    ends_at = _at(day, rng.choice((12, 16)))
            elif kind == "meeting":
                ends_at = starts_at + timedelta(hours=rng.choice((2, 2, 3)))
            else:
                ends_at = starts_at + timedelta(hours=rng.choice((3, 4, 8)))
            place_en, place_km = words["where_en"], words["where_km"]
            if commune is not None:
                commune_en = f"{commune.label_en}, {district.words['place_en']}"
                commune_km = f"{commune.label_km} {district.words['place_km']}"
            else:
                commune_en, commune_km = place_en, place_km
            fill = {**words, "place": place_en, "commune": commune_en}
            fill_km = {**words, "place": place_km, "commune": commune_km}
            en = title_en.format(**fill)[:255]
            has_km = rng.random() < 0.8
            km_title = title_km.format(**fill_km)[:255] if has_km else None
            where = (district or province).slug
            slug = slugify(f"{kind} {where} {day:%Y-%m-%d}").replace("_", "-")
            slug = _unique(slug, mine)
            if slug in taken:  # the demo's
                slug = _unique(f"{slug}-b", mine)
            objective_en, objective_km = rng.choice(OBJECTIVES[kind])
            second_en, second_km = rng.choice(SECOND_OBJECTIVES)
            objectives_en = " ".join(filter(None, [objective_en, second_en])).format(
                **words
            )
            objectives_km = (
                " ".join(filter(None, [objective_km, second_km])).format(**words)
                if has_km and rng.random() < 0.7
                else None
            )
            past = ends_at < PRESENT
            outcomes_en, outcomes_km = "", None
            if past and rng.random() < 0.7:
                k = rng.randint(3, 9)
                outcome_en, outcome_km = rng.choice(OUTCOMES)
                outcomes_en = outcome_en.format(k=k, **words)
                if objectives_km and rng.random() < 0.7:
                    outcomes_km = outcome_km.format(k_km=km(k), **words)
            venue_en, venue_km = "", None
            roll = rng.random()
            if roll < 0.45 or (commune is None and roll < 0.8):
                venue_en, venue_km = words["hall_en"], words["hall_km"]
            elif roll < 0.8:
                venue_en = (
                    f"Sangkat {commune.name_en} Hall"
                    if commune.kind == "sangkat"
                    else f"{commune.name_en} Commune Hall"
                )
                venue_km = f"សាលា{commune.label_km}"
            elif roll < 0.9 and commune is not None:
                venue_en, venue_km = f"Wat {commune.name_en}", f"វត្ត{commune.name_km}"
            if not has_km:
                venue_km = None
            visibility = rng.choices(("public", "members", "internal"), (88, 8, 4))[0]
            accepts = kind in REGISTRATION_KINDS and rng.random() < 0.2
            capacity = rng.randint(20, 60) if accepts and rng.random() < 0.8 else None
            working_group = None
            if kind == "meeting" and rng.random() < 0.3:
                working_group = _pick(rng, groups)
            created = min(starts_at - timedelta(days=rng.randint(7, 60)), PRESENT)
            updated = (
                min(ends_at + timedelta(days=rng.randint(1, 20)), PRESENT)
                if past
                else created
            )
            activity_id, next_id = next_id, next_id + 1
            rows.append(
                (
                    activity_id,
                    kind,
                    en,
                    en,
                    km_title,
                    slug,
                    objectives_en,
                    objectives_en,
                    objectives_km,
                    outcomes_en,
                    outcomes_en,
                    outcomes_km,
                    starts_at,
                    ends_at,
                    venue_en,
                    venue_en,
                    venue_km,
                    province.id,
                    district.id if district else None,
                    working_group,
                    visibility,
                    accepts,
                    capacity,
                    created,
                    updated,
                )
            )
            local = members_in[province.id]
            count = rng.choices((0, 1, 2, 3), (20, 50, 22, 8))[0]
            for org_id in rng.sample(local, min(count, len(local))):
                organiser_rows.append((activity_id, org_id))
            if district is not None and kind in (
                "consultation",
                "forum",
                "mou_signing",
            ):
                if rng.random() < 0.6:
                    partner_rows.append((activity_id, administrations[district.id]))
            elif rng.random() < 0.06:
                partner_rows.append((activity_id, departments[province.id]))
            for theme in title_themes:
                if theme in themes:
                    theme_rows.append((activity_id, themes[theme]))
            act = Act(
                activity_id,
                slug,
                kind,
                en,
                km_title,
                starts_at,
                ends_at,
                district,
                province,
                visibility,
                title_themes,
                capacity,
                accepts,
            )
            if past:
                ranges = list(FIGURE_RANGES[kind].items())
                for group, ((f_low, f_high), (m_low, m_high)) in rng.sample(
                    ranges, rng.randint(1, min(3, len(ranges)))
                ):
                    female = rng.randint(f_low, f_high)
                    male = rng.randint(m_low, m_high)
                    other = rng.randint(1, 2) if rng.random() < 0.08 else 0
                    if female + male + other == 0:
                        male = 1
                    figure_rows.append((activity_id, group, female, male, other))
                    act.female += female
                    act.total += female + male + other
            acts.append(act)
        totals["activities"] += _copy(Activity, columns, rows)
        totals["links"] += _copy_links(organisers, organiser_rows)
        totals["links"] += _copy_links(partners, partner_rows)
        totals["links"] += _copy_links(activity_themes, theme_rows)
        totals["figures"] += _copy(
            ParticipationFigure,
            ("activity_id", "stakeholder_group", "female", "male", "other"),
            figure_rows,
        )
        log(
            f"activities: {totals['activities']:,} "
            f"({totals['figures']:,} participation figures, "
            f"{totals['links']:,} organisers, partners and themes)"
        )
    _sync_sequence(Activity)
    EXAMPLES["activity"] = next(
        f"/events/{act.slug}/"
        for act in acts
        if act.visibility == "public"
        and act.district is not None
        and act.total
        and act.ends_at < PRESENT
    )
    return acts, members_in


def _registrations(log, acts, members_in, orgs):
    from events.models import Registration
    from members.demo import FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, PHONE_PREFIXES

    rng = _rng("registrations")
    active = [org.id for org in orgs if org.status == "active"]
    positions = (
        "Executive Director",
        "Programme Manager",
        "Project Officer",
        "Community Organiser",
        "Chairperson",
        "Secretary",
        "Youth Volunteer",
        "Commune Councillor",
    )
    rows = []
    target = COUNTS["registrations"]
    for act in acts:
        if len(rows) >= target:
            break
        if not act.accepts:
            continue
        count = rng.randint(1, 8)
        if act.capacity:
            count = min(count, act.capacity)
        local = members_in[act.province.id] or active
        past = act.ends_at < PRESENT
        seen = set()
        for _ in range(min(count, target - len(rows))):
            org_id = rng.choice(local)
            sex = rng.choices(("female", "male", "other"), (55, 44, 1))[0]
            given_names = MALE_NAMES if sex == "male" else FEMALE_NAMES
            while True:
                name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(given_names)}"
                if (org_id, name.lower()) not in seen:
                    seen.add((org_id, name.lower()))
                    break
            created = min(act.starts_at - timedelta(days=rng.randint(2, 40)), PRESENT)
            cancelled = rng.random() < 0.07
            rows.append(
                (
                    act.id,
                    org_id,
                    name,
                    sex,
                    rng.choice(positions),
                    f"+855 {rng.choice(PHONE_PREFIXES)} {rng.randint(100, 999)} "
                    f"{rng.randint(100, 999)}"
                    if rng.random() < 0.8
                    else "",
                    f"{name.split()[1].lower()}.{name.split()[0].lower()}@example.org"
                    if rng.random() < 0.5
                    else "",
                    "cancelled" if cancelled else "registered",
                    past and not cancelled and rng.random() < 0.85,
                    created,
                    created + timedelta(days=rng.randint(1, 10)) if cancelled else None,
                )
            )
    count = _copy(
        Registration,
        (
            "activity_id",
            "organization_id",
            "participant_name",
            "sex",
            "position",
            "phone",
            "email",
            "status",
            "attended",
            "created_at",
            "cancelled_at",
        ),
        rows,
    )
    log(f"registrations: {count:,}")


# --------------------------------------------------------------------------
# Case studies, recommendations, progress updates and action items.
# --------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class Study:
    id: int
    slug: str
    title_en: str
    title_km: str | None
    summary_en: str
    summary_km: str | None
    district: Dist
    published_on: date | None
    themes: tuple
    authors: list
    recommendations: int


def _recommendation_templates():
    from casestudies.demo import RECOMMENDATIONS

    templates = {k: v for k, v in RECOMMENDATIONS.items() if k != "province"}
    return list((templates | EXTRA_RECOMMENDATIONS).items())


def _case_studies(log, districts, orgs, acts, staff_id):
    from casestudies.demo import NOTES, WHO
    from casestudies.models import (
        ActionItem,
        CaseStudy,
        ProgressUpdate,
        Recommendation,
        RespondentGroup,
    )

    rng = _rng("case-studies")
    themes = _themes()
    templates = _recommendation_templates()
    notes = {**NOTES, "proposed": PROPOSED_NOTE}
    members_in = {}
    for org in orgs:
        if org.status == "active" and org.kind in (LOCAL_NGO, NETWORK):
            for p in org.provinces:
                members_in.setdefault(p.id, []).append(org)
    administrations = {
        org.district.id: org.id
        for org in orgs
        if org.kind == GOVERNMENT and org.district is not None
    }
    meetings = {}
    for act in acts:
        if (
            act.district is not None
            and act.visibility == "public"
            and act.kind in ("consultation", "workshop", "forum")
        ):
            key = (act.district.id, act.starts_at.year)
            meetings.setdefault(key, []).append(act.id)

    combos = list(product(range(len(FOCI)), range(len(districts)), CASE_STUDY_YEARS))
    chosen = sorted(
        rng.sample(combos, COUNTS["case studies"]),
        key=lambda c: (c[2], districts[c[1]].code, c[0]),
    )
    counts = [rng.randint(6, 14) for _ in chosen]
    difference = COUNTS["recommendations"] - sum(counts)
    while difference:
        i = rng.randrange(len(counts))
        if difference > 0 and counts[i] < 14:
            counts[i], difference = counts[i] + 1, difference - 1
        elif difference < 0 and counts[i] > 6:
            counts[i], difference = counts[i] - 1, difference + 1

    taken = set(CaseStudy.objects.values_list("slug", flat=True))
    mine = set()
    study_id = _next_id(CaseStudy)
    recommendation_id = _next_id(Recommendation)
    present = PRESENT.date()
    studies = []
    totals = dict.fromkeys(("studies", "recommendations", "updates", "actions"), 0)
    for start in range(0, len(chosen), 1000):
        study_rows, theme_rows, author_rows, activity_rows, respondent_rows = (
            [],
            [],
            [],
            [],
            [],
        )
        recommendation_rows, update_rows, action_rows = [], [], []
        for index in range(start, min(start + 1000, len(chosen))):
            focus_index, district_index, year = chosen[index]
            district = districts[district_index]
            w = district.words
            for turn in range(len(FOCI)):  # a demo study there: the next focus
                focus = FOCI[(focus_index + turn) % len(FOCI)]
                slug = f"{focus[0]}-{district.slug}-{year}"
                if slug not in taken:
                    break
            slug = _unique(slug, mine)
            key, title_en, title_km, topic_en, topic_km, focus_themes = focus
            k = counts[index]
            translated = rng.random() < 0.6
            period_start = date(year, rng.choice((1, 1, 3, 4)), 1)
            period_end = date(year, 12, 31)
            meeting_day = _weekday(period_end - timedelta(days=rng.randint(10, 60)))
            published_on = period_end + timedelta(days=rng.randint(40, 160))
            status = "published"
            if published_on > present or rng.random() < 0.03:
                status, published_on = "draft", None
            local = members_in.get(district.province.id, [])
            authors = []
            if rng.random() < 0.9:
                for _ in range(rng.choice((1, 1, 2))):
                    author = _pick(rng, local)
                    if author is not None and author not in authors:
                        authors.append(author)
            words = {
                **w,
                "year": year,
                "year_km": km(year),
                "k": k,
                "k_km": km(k),
                "month_en": _month_en(meeting_day),
                "month_km": _month_km(meeting_day),
                "topic_en": topic_en.format(**w),
                "topic_km": topic_km.format(**w),
            }
            texts = _study_texts(rng, words, authors, translated)
            title = title_en.format(**words)
            study_id_now, study_id = study_id, study_id + 1
            created = _at(period_end + timedelta(days=rng.randint(5, 30)), 9)
            created = min(created, PRESENT)
            updated = min(_at(published_on, 9), PRESENT) if published_on else created
            study_rows.append(
                (
                    study_id_now,
                    title,
                    title,
                    title_km.format(**words) if translated else None,
                    slug,
                    texts["summary_en"],
                    texts["summary_en"],
                    texts["summary_km"],
                    texts["methodology_en"],
                    texts["methodology_en"],
                    texts["methodology_km"],
                    texts["findings_en"],
                    texts["findings_en"],
                    texts["findings_km"],
                    district.province.id,
                    district.id,
                    period_start,
                    period_end,
                    status,
                    published_on,
                    created,
                    updated,
                )
            )
            for theme in focus_themes:
                if theme in themes:
                    theme_rows.append((study_id_now, themes[theme]))
            for author in authors:
                author_rows.append((study_id_now, author.id))
            linked = meetings.get((district.id, year), [])
            for activity_id in rng.sample(linked, min(len(linked), 2)):
                activity_rows.append((study_id_now, activity_id))
            for method, female, male, other, sessions in _respondents(rng):
                who_en, who_km = WHO.get(method, SURVEY_WHO)
                respondent_rows.append(
                    (
                        study_id_now,
                        method,
                        who_en.format(**w),
                        who_en.format(**w),
                        who_km.format(**w) if translated else None,
                        sessions,
                        female,
                        male,
                        other,
                    )
                )
            studies.append(
                Study(
                    study_id_now,
                    slug,
                    title,
                    title_km.format(**words) if translated else None,
                    texts["summary_en"],
                    texts["summary_km"],
                    district,
                    published_on,
                    focus_themes,
                    authors,
                    k,
                )
            )
            administration = administrations.get(district.id)
            for order, (_key, template) in enumerate(rng.sample(templates, k), start=1):
                addressed_to, priority, text_en, text_km, actions = template
                recommendation_now = recommendation_id
                recommendation_id += 1
                rec_translated = translated and rng.random() < 0.9
                if addressed_to in ("province", "national") and rng.random() < 0.7:
                    steps = PRESENTED
                else:
                    steps = rng.choices(
                        [t[1] for t in TRAJECTORIES], [t[0] for t in TRAJECTORIES]
                    )[0]
                day = meeting_day
                history = []
                for status_now, note_key, gap in steps:
                    if gap:
                        day += timedelta(days=rng.randint(*gap))
                    if history and day > present:
                        break
                    history.append((status_now, note_key, day))
                proposed = history[0][0] == "proposed"
                endorsed_by_en = "" if proposed else f"{w['admin_en']} and CSOs"
                endorsed_by_km = (
                    f"{w['admin_km']} និងអង្គការសង្គមស៊ីវិល"
                    if rec_translated and not proposed
                    else None
                )
                text = text_en.format(**w)
                recommendation_rows.append(
                    (
                        recommendation_now,
                        study_id_now,
                        text,
                        text,
                        text_km.format(**w) if rec_translated else None,
                        addressed_to,
                        rng.random() < 0.85,
                        priority,
                        None if proposed else meeting_day,
                        endorsed_by_en,
                        endorsed_by_en,
                        endorsed_by_km,
                        order,
                        min(_at(meeting_day, 15), PRESENT),
                        min(_at(history[-1][2], 15), PRESENT),
                    )
                )
                for number, (status_now, note_key, day) in enumerate(history):
                    note_en, note_km = notes[note_key]
                    note = note_en.format(**w)
                    update_rows.append(
                        (
                            recommendation_now,
                            status_now,
                            day,
                            note,
                            note,
                            note_km.format(**w) if rec_translated else None,
                            _at(day, 10, number),
                            staff_id,
                        )
                    )
                if rng.random() < 0.35:
                    final = history[-1][0]
                    for number, (action_en, action_km, responsible) in enumerate(
                        actions[:2]
                    ):
                        due = meeting_day + timedelta(
                            days=rng.randint(90, 360) * (number + 1)
                        )
                        organisation, party_en, party_km = _responsible(
                            responsible, authors, administration, w
                        )
                        action = action_en.format(**w)
                        action_rows.append(
                            (
                                recommendation_now,
                                action,
                                action,
                                action_km.format(**w) if rec_translated else None,
                                organisation,
                                party_en,
                                party_en,
                                party_km if rec_translated else None,
                                due,
                                ACTION_STATUSES[final][min(number, 1)],
                                min(_at(meeting_day, 16), PRESENT),
                                min(_at(history[-1][2], 16), PRESENT),
                            )
                        )
        totals["studies"] += _copy(
            CaseStudy,
            (
                "id",
                "title",
                "title_en",
                "title_km",
                "slug",
                "summary",
                "summary_en",
                "summary_km",
                "methodology_note",
                "methodology_note_en",
                "methodology_note_km",
                "findings",
                "findings_en",
                "findings_km",
                "province_id",
                "district_id",
                "period_start",
                "period_end",
                "status",
                "published_on",
                "created_at",
                "updated_at",
            ),
            study_rows,
        )
        _copy_links(CaseStudy.themes.field, theme_rows)
        _copy_links(CaseStudy.authors.field, author_rows)
        _copy_links(CaseStudy.activities.field, activity_rows)
        _copy(
            RespondentGroup,
            (
                "case_study_id",
                "method",
                "description",
                "description_en",
                "description_km",
                "sessions",
                "female",
                "male",
                "other",
            ),
            respondent_rows,
        )
        totals["recommendations"] += _copy(
            Recommendation,
            (
                "id",
                "case_study_id",
                "text",
                "text_en",
                "text_km",
                "addressed_to",
                "is_joint",
                "priority",
                "endorsed_on",
                "endorsed_by",
                "endorsed_by_en",
                "endorsed_by_km",
                "order",
                "created_at",
                "updated_at",
            ),
            recommendation_rows,
        )
        totals["updates"] += _copy(
            ProgressUpdate,
            (
                "recommendation_id",
                "status",
                "date",
                "note",
                "note_en",
                "note_km",
                "recorded_at",
                "recorded_by_id",
            ),
            update_rows,
        )
        totals["actions"] += _copy(
            ActionItem,
            (
                "recommendation_id",
                "action",
                "action_en",
                "action_km",
                "responsible_organization_id",
                "responsible_party",
                "responsible_party_en",
                "responsible_party_km",
                "due_on",
                "status",
                "created_at",
                "updated_at",
            ),
            action_rows,
        )
        log(
            f"case studies: {totals['studies']:,} "
            f"({totals['recommendations']:,} recommendations, "
            f"{totals['updates']:,} progress updates, "
            f"{totals['actions']:,} action items)"
        )
    _sync_sequence(CaseStudy)
    _sync_sequence(Recommendation)
    EXAMPLES["case study"] = next(
        f"/case-studies/{study.slug}/"
        for study in studies
        if study.published_on and study.authors
    )
    return studies


def _responsible(responsible, authors, administration, words):
    """(organisation id, party in English, party in Khmer) of an action."""
    if responsible == "administration" and administration is not None:
        return administration, "", ""
    if responsible in ("ctod", "aphivat-strey", AUTHOR) and authors:
        author = authors[-1] if responsible == "aphivat-strey" else authors[0]
        return author.id, "", ""
    if isinstance(responsible, tuple):
        return None, responsible[0].format(**words), responsible[1].format(**words)
    if responsible == "administration":
        return None, words["admin_en"], words["admin_km"]
    return None, "CPDD secretariat", "លេខាធិការដ្ឋាន CPDD"


def _respondents(rng):
    """(method, female, male, other, sessions) rows of one case study."""
    rows = [("focus_group", rng.randint(10, 40), rng.randint(5, 30), 0, None)]
    rows[0] = (*rows[0][:4], rng.randint(2, 6))
    if rng.random() < 0.8:
        female, male = rng.randint(3, 12), rng.randint(2, 10)
        rows.append(("field_interview", female, male, 0, female + male))
    if rng.random() < 0.7:
        rows.append(
            ("consultation_meeting", rng.randint(5, 20), rng.randint(10, 30), 0, 1)
        )
    if rng.random() < 0.3:
        rows.append(
            ("validation_workshop", rng.randint(10, 30), rng.randint(10, 30), 0, 1)
        )
    if rng.random() < 0.15:
        other = 1 if rng.random() < 0.3 else 0
        rows.append(("survey", rng.randint(40, 150), rng.randint(30, 120), other, None))
    return rows


def _study_texts(rng, words, authors, translated):
    strength_en, strength_km = rng.choice(STRENGTHS)
    obstacles = rng.sample(OBSTACLES, 3)
    names_en = " and ".join(a.name_en for a in authors) or "its members"
    names_km = " និង".join(a.name_km or a.name_en for a in authors) or "សមាជិករបស់ខ្លួន"
    methods_en = (
        "- **Focus group discussions** with CBO members and citizens on how well "
        "the existing mechanisms work.\n"
        "- **Field interviews** with CBO and CSO representatives and citizens.\n"
        "- A **joint consultation meeting** between the {admin_en} and CSOs, which "
        "endorsed the joint list of recommendations."
    )
    methods_km = (
        "- **កិច្ចពិភាក្សាក្រុមគោលដៅ** ជាមួយសមាជិកអង្គការសហគមន៍មូលដ្ឋាន "
        "និងពលរដ្ឋ អំពីប្រសិទ្ធភាពនៃយន្តការដែលមានស្រាប់។\n"
        "- **ការសម្ភាសនៅមូលដ្ឋាន** ជាមួយតំណាងអង្គការសហគមន៍មូលដ្ឋាន "
        "អង្គការសង្គមស៊ីវិល និងពលរដ្ឋ។\n"
        "- **កិច្ចប្រជុំពិគ្រោះយោបល់រួម** រវាង{admin_km} និងអង្គការសង្គមស៊ីវិល "
        "ដែលបានឯកភាពលើបញ្ជីអនុសាសន៍រួម។"
    )
    texts = {
        "summary_en": (
            "How citizens, community-based organisations (CBOs) and CSOs in "
            "{place_en} take part in {topic_en}, what helps and what stands in the "
            "way, and the {k} joint recommendations that the {admin_en} and the "
            "CSOs agreed in {month_en}."
        ).format(**words),
        "methodology_en": (
            f"The CPDD secretariat compiled this case study from the experience of "
            f"{names_en}, who work with CBOs in {{place_en}}.\n\n{methods_en}\n\n"
            "The findings and recommendations were then presented at provincial "
            "and national level."
        ).format(**words),
        "findings_en": (
            "## What works\n\n"
            f"{strength_en}\n\n"
            "## What stands in the way\n\n" + "\n".join(f"- {o[0]}" for o in obstacles)
        ).format(**words),
        "summary_km": None,
        "methodology_km": None,
        "findings_km": None,
    }
    if translated:
        texts["summary_km"] = (
            "របៀបដែលពលរដ្ឋ អង្គការសហគមន៍មូលដ្ឋាន និងអង្គការសង្គមស៊ីវិលនៅ"
            "{place_km} ចូលរួមក្នុង{topic_km} កត្តាដែលជួយជំរុញ និងឧបសគ្គ "
            "ព្រមទាំងអនុសាសន៍រួមចំនួន {k_km} ដែល{admin_km} "
            "និងអង្គការសង្គមស៊ីវិលបានឯកភាពនៅ{month_km}។"
        ).format(**words)
        texts["methodology_km"] = (
            "លេខាធិការដ្ឋាន CPDD បានចងក្រងករណីសិក្សានេះ ដោយផ្អែកលើបទពិសោធន៍របស់"
            f"{names_km} ដែលធ្វើការជាមួយអង្គការសហគមន៍មូលដ្ឋាននៅ{{place_km}}។\n\n"
            f"{methods_km}\n\n"
            "លទ្ធផលនៃការសិក្សា និងអនុសាសន៍ ត្រូវបានបង្ហាញបន្តនៅថ្នាក់ខេត្ត "
            "និងថ្នាក់ជាតិ។"
        ).format(**words)
        texts["findings_km"] = (
            "## អ្វីដែលដំណើរការបានល្អ\n\n"
            f"{strength_km}\n\n"
            "## ឧបសគ្គ\n\n" + "\n".join(f"- {o[1]}" for o in obstacles)
        ).format(**words)
    return texts


# --------------------------------------------------------------------------
# News.
# --------------------------------------------------------------------------


def _news(log, provinces, acts, studies, staff_id):
    from django.utils.text import slugify

    from casestudies.models import CaseStudy
    from events.models import NewsPost

    rng = _rng("news")
    themes = _themes()
    taken = set(NewsPost.objects.values_list("slug", flat=True))
    mine = set()
    next_id = _next_id(NewsPost)
    present = PRESENT
    # Reported within ten days, so before PRESENT.
    reported_by = present - timedelta(days=11)
    reportable = [
        act for act in acts if act.visibility == "public" and act.ends_at < reported_by
    ]
    launches = [s for s in studies if s.published_on is not None]
    report_count = 12_000
    launch_count = min(1_500, len(launches))
    other_count = COUNTS["news posts"] - report_count - launch_count
    posts = []  # (kind, item): kind "report", "launch" or "other"
    posts += [("report", act) for act in rng.sample(reportable, report_count)]
    posts += [("launch", study) for study in rng.sample(launches, launch_count)]
    posts += [("other", None)] * other_count
    rng.shuffle(posts)
    columns = (
        "id",
        "title",
        "title_en",
        "title_km",
        "slug",
        "summary",
        "summary_en",
        "summary_km",
        "body",
        "body_en",
        "body_km",
        "status",
        "published_at",
        "author_id",
        "created_at",
        "updated_at",
    )
    from members.demo import FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES

    count = links = 0
    for start in range(0, len(posts), 5000):
        rows, activity_rows, theme_rows, study_rows = [], [], [], []
        for kind, item in posts[start : start + 5000]:
            translated = rng.random() < 0.45
            if kind == "report":
                en, km_text, when, post_themes = _report_texts(
                    rng, item, FAMILY_NAMES, FEMALE_NAMES + MALE_NAMES
                )
            elif kind == "launch":
                en, km_text, when, post_themes = _launch_texts(rng, item)
            else:
                en, km_text, when, post_themes = _other_texts(rng, provinces)
            when = min(when, present)
            slug = slugify(en[0])
            if len(slug) > 90:  # cut at a word
                slug = slug[:90].rsplit("-", 1)[0]
            slug = _unique(slug, mine)
            if slug in taken:
                slug = _unique(f"{slug}-b", mine)
            status = "published" if rng.random() < 0.985 else "draft"
            post_id, next_id = next_id, next_id + 1
            title_km = km_text[0] if translated or rng.random() < 0.05 else None
            rows.append(
                (
                    post_id,
                    en[0][:255],
                    en[0][:255],
                    title_km[:255] if title_km else None,
                    slug,
                    en[1],
                    en[1],
                    km_text[1] if title_km else None,
                    en[2],
                    en[2],
                    km_text[2] if translated else None,
                    status,
                    when if status == "published" else None,
                    staff_id,
                    when - timedelta(hours=rng.randint(2, 72)),
                    when,
                )
            )
            if kind == "report":
                activity_rows.append((post_id, item.id))
                if status == "published" and "news post" not in EXAMPLES:
                    EXAMPLES["news post"] = f"/news/{slug}/"
            elif kind == "launch":
                study_rows.append((item.id, post_id))
            for theme in post_themes:
                if theme in themes:
                    theme_rows.append((post_id, themes[theme]))
        count += _copy(NewsPost, columns, rows)
        links += _copy_links(NewsPost.activities.field, activity_rows)
        links += _copy_links(NewsPost.themes.field, theme_rows)
        links += _copy_links(CaseStudy.news_posts.field, study_rows)
        log(f"news posts: {count:,} ({links:,} links to activities, themes, studies)")
    _sync_sequence(NewsPost)


def _report_texts(rng, act, families, given_names):
    words = act.district.words if act.district else act.province.words
    noun_en, noun_km = KIND_NOUNS[act.kind]
    day = act.starts_at.date()
    total, female = act.total, act.female
    variant = rng.randrange(3)
    if variant == 0 and total:
        title = (
            f"{total} participants at the {noun_en} in {words['where_en']}",
            f"អ្នកចូលរួមចំនួន {km(total)} នាក់ក្នុង{noun_km}នៅ{words['where_km']}",
        )
    elif variant == 1:
        title = (
            f"{act.title_en}: what participants said",
            f"{act.title_km or act.title_en}៖ មតិរបស់អ្នកចូលរួម",
        )
    else:
        title = (f"Report: {act.title_en}", f"របាយការណ៍៖ {act.title_km or act.title_en}")
    if total:
        summary = (
            f"On {_day_en(day)}, {total} people, {female} of them women, took part "
            f"in the {noun_en} in {words['where_en']}.",
            f"នៅ{_day_km(day)} មនុស្សចំនួន {km(total)} នាក់ ក្នុងនោះស្ត្រី "
            f"{km(female)} នាក់ បានចូលរួមក្នុង{noun_km}នៅ{words['where_km']}។",
        )
    else:
        summary = (
            f"On {_day_en(day)}, CPDD members held a {noun_en} in {words['where_en']}.",
            f"នៅ{_day_km(day)} សមាជិក CPDD បានរៀបចំ{noun_km}នៅ{words['where_km']}។",
        )
    paragraphs = rng.sample(REPORT_PARAGRAPHS, 2)
    objective_en, objective_km = rng.choice(OBJECTIVES[act.kind])
    quote_en, quote_km = rng.choice(QUOTES)
    closing_en, closing_km = rng.choice(CLOSINGS)
    name = f"{rng.choice(families)} {rng.choice(given_names)}"
    opening = (
        f"The {noun_en} brought together commune councillors, CBO leaders, women "
        f"and young people of {words['place_en']}. Its aim: "
        + objective_en[0].lower()
        + objective_en[1:],
        f"{noun_km}នេះបានប្រមូលផ្តុំសមាជិកក្រុមប្រឹក្សាឃុំ "
        f"មេដឹកនាំអង្គការសហគមន៍មូលដ្ឋាន ស្ត្រី និងយុវជននៃ{words['place_km']}។ "
        f"គោលបំណង៖ {objective_km}",
    )
    body_en = "\n\n".join(
        [
            opening[0].format(**words),
            paragraphs[0][0].format(**words),
            f"“{quote_en.rstrip('.')},” said {name}, a CBO leader from "
            f"{words['place_en']}.",
            paragraphs[1][0].format(**words),
            closing_en.format(**words),
        ]
    )
    body_km = "\n\n".join(
        [
            opening[1].format(**words),
            paragraphs[0][1].format(**words),
            f"«{quote_km}» នេះជាសម្តីរបស់ {name} មេដឹកនាំអង្គការសហគមន៍មូលដ្ឋាន"
            f"មកពី{words['place_km']}។",
            paragraphs[1][1].format(**words),
            closing_km.format(**words),
        ]
    )
    published = act.ends_at + timedelta(
        days=rng.randint(1, 10), hours=rng.randint(0, 6)
    )
    return (
        (title[0], summary[0], body_en),
        (title[1], summary[1], body_km),
        published,
        act.themes,
    )


def _launch_texts(rng, study):
    words = study.district.words
    names = " and ".join(a.name_en for a in study.authors) or "its members"
    title = (
        f"New case study: {study.title_en}",
        f"ករណីសិក្សាថ្មី៖ {study.title_km or study.title_en}",
    )
    body_en = (
        f"CPDD publishes its case study of {words['where_en']}, written with "
        f"{names}. It lists {study.recommendations} joint recommendations endorsed "
        f"by the {words['admin_en']} and the CSOs.\n\n"
        "Read the case study, and follow what became of each recommendation in "
        "the follow-up tracker."
    )
    body_km = (
        f"CPDD ផ្សព្វផ្សាយករណីសិក្សារបស់ខ្លួនស្តីពី{words['where_km']}។ "
        f"ករណីសិក្សានេះមានអនុសាសន៍រួមចំនួន {km(study.recommendations)} "
        f"ដែល{words['admin_km']} និងអង្គការសង្គមស៊ីវិលបានឯកភាព។\n\n"
        "សូមអានករណីសិក្សា និងតាមដានការអនុវត្តអនុសាសន៍នីមួយៗ។"
    )
    published = _at(study.published_on, rng.randint(9, 16))
    return (
        (title[0], study.summary_en, body_en),
        (title[1], study.summary_km or study.summary_en, body_km),
        published,
        study.themes,
    )


def _other_texts(rng, provinces):
    day = _year_day(rng)
    if day >= PRESENT.date():
        day -= timedelta(days=rng.randint(50, 400))
    when = _at(day, rng.randint(8, 17), rng.randint(0, 59))
    province = rng.choice(provinces)
    n = rng.randint(3, 40)
    words = {
        **province.words,
        "year": day.year,
        "year_km": km(day.year),
        "n": n,
        "n_km": km(n),
        "month_en": _month_en(day),
        "month_km": _month_km(day),
    }
    if rng.random() < 0.55:
        en, km_text, post_themes = rng.choice(ANNOUNCEMENTS)
        return (
            tuple(text.format(**words) for text in en),
            tuple(text.format(**words) for text in km_text),
            when,
            post_themes,
        )
    topic_en, topic_km, theme = rng.choice(TOPICS)
    words |= {"topic_en": topic_en, "topic_km": topic_km}
    title_en, title_km = rng.choice(POLICY_TITLES)
    paragraphs = rng.sample(POLICY_PARAGRAPHS, 3)
    return (
        (
            title_en.format(**words),
            paragraphs[0][0].format(**words),
            "\n\n".join(p[0] for p in paragraphs).format(**words),
        ),
        (
            title_km.format(**words),
            paragraphs[0][1].format(**words),
            "\n\n".join(p[1] for p in paragraphs).format(**words),
        ),
        when,
        (theme,),
    )


# --------------------------------------------------------------------------
# The whole build.
# --------------------------------------------------------------------------

BIG_TABLES = (
    "members_organization",
    "events_activity",
    "events_newspost",
    "casestudies_casestudy",
    "casestudies_recommendation",
)


def build_dataset():
    """Bulk-insert the benchmark's data (COUNTS) on top of the demo data.

    Runs in-process with Django set up on the benchmark database, after
    `migrate` and `load_demo_data`, once per fingerprint.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    log = Log()
    EXAMPLES.clear()
    _THEMES.clear()
    print("Building the benchmark data (bench/data.py)...", flush=True)
    staff = (
        get_user_model()
        .objects.filter(is_staff=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    with transaction.atomic():
        provinces, districts = _gazetteer()
        indexes = _drop_gin_indexes(BIG_TABLES)
        orgs = _organisations(log, provinces, districts, staff)
        acts, members_in = _activities(log, provinces, orgs, staff)
        _registrations(log, acts, members_in, orgs)
        studies = _case_studies(log, districts, orgs, acts, staff)
        _news(log, provinces, acts, studies, staff)
        del acts, studies, orgs
        log(f"building {len(indexes)} search indexes again...")
        _create_indexes(indexes)
    log("vacuuming and analysing...")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    _bump_page_cache()
    log("done. Examples: " + ", ".join(EXAMPLES.values()))


def _bump_page_cache():
    """Cached public pages of an earlier dataset must not be served."""
    try:
        from core.content import bump_content_version

        bump_content_version()
    except Exception as error:  # a cache that is down must not fail the build
        print(f"  (page cache not bumped: {error})", flush=True)


def bench_member():
    """The user whose session the signed-in pages are loaded with.

    $BENCH_USER_EMAIL if set, else the demo member representative, else a
    benchmark-only member created here (never staff: staff pages need MFA).
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    User = get_user_model()
    email = os.environ.get("BENCH_USER_EMAIL")
    if not email:
        try:
            from cpdd_portal.demo import MEMBER_EMAIL as email
        except ImportError:
            email = None
    if email and (user := User.objects.filter(email=email).first()):
        return user
    user, _ = User.objects.get_or_create(
        username="bench-member", defaults={"email": "bench-member@example.org"}
    )
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    return user
