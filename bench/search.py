"""Search latency at 100,000 records: `.venv/bin/python -m bench.search`.

Builds (once, then reuses) a database of its own, `cpdd_search_bench` on the
same server as $DATABASE_URL (or $SEARCH_BENCH_DATABASE_URL), with 100,000
searchable records in English and Khmer spread over news, events, case
studies, recommendations and organisations; runs ANALYZE; then times English
and Khmer queries through the function the search page uses (a capped count,
the ranked page and its results, as the view asks for them), prints the median
and 95th percentile, and EXPLAINs the queries to check that each table is
reached through its search index, never by a sequential scan. Exits 1 when a
plan does not, or when the median misses TARGET_MEDIAN_MS.

The text follows Zipf's law over a vocabulary of 6,000 words (see Writer), so
that query words are as selective as real ones; the two most common real words
are timed apart, as the worst case: they match about half of the records,
where PostgreSQL rightly prefers sequential scans.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from psycopg import sql

from bench.database import BASE_DIR, LOCAL_CLUSTER, _connect, _ensure_cluster

DATABASE = "cpdd_search_bench"
# Bump when the data built here changes: the database is then built again.
DATASET_VERSION = 3
SEED = 2026
COUNTS = {
    "organisation": 5_000,
    "event": 40_000,
    "news": 30_000,
    "case-study": 5_000,
    "recommendation": 20_000,
}
TARGET_MEDIAN_MS = 50
# Each searched table must be reached through one of its search indexes.
SEARCHED_TABLES = {
    "events_newspost": ("newspost_search", "newspost_km_trgm"),
    "events_activity": ("activity_search", "activity_km_trgm"),
    "casestudies_casestudy": ("casestudy_search", "casestudy_km_trgm"),
    "casestudies_recommendation": (
        "recommendation_search",
        "recommendation_km_trgm",
    ),
    "members_organization": (
        "organization_search",
        "organization_km_trgm",
        "organization_name_trgm",
    ),
}

# Real words of the coalition's texts. The writer below hides them among
# thousands of made-up ones, at ranks from common to rare, so that a query
# word is in about as many records as a real one would be.
ENGLISH = """
    district commune council citizens participation budget planning investment
    programme accountability transparency decentralisation deconcentration
    workshop meeting training consultation forum dialogue partnership network
    coalition members women youth indigenous communities farmers fisheries
    forest water sanitation health education roads irrigation climate
    environment agriculture livelihoods land rights information access
    complaints mechanism service delivery administration province capital
    municipality governance reform policy law strategy guideline report
    findings recommendations monitoring evaluation follow-up action plan
    endorsement joint agreement memorandum signing donors grants support
    capacity leadership gender equality disability inclusion election
    councillors officials ministry department committee secretariat annual
    congress quarterly monthly review survey interviews focus groups
    respondents villages households markets schools clinics pagodas safety
    migration labour employment enterprise tourism heritage culture media
    radio scorecards hearings notice board feedback
"""
STOP_WORDS = "the of and to in for with on a by at from is are was as that this"
KHMER = """
    អង្គការ មូលដ្ឋាន ស្រុក សហគមន៍ សង្គម អភិវឌ្ឍន៍ ពលរដ្ឋ ស៊ីវិល ថ្នាក់ ឃុំ
    ក្រុមប្រឹក្សា រដ្ឋបាល គម្រោង ស្ត្រី ប្រចាំ ក្រុង កម្ពុជា ជាតិ ស្តីពី កម្មវិធី
    រៀបចំ ការចូលរួម កិច្ចប្រជុំ កសិកម្ម នេសាទ សិក្ខាសាលា សមាជិក អនុស្សរណៈ
    ការយោគយល់ វិមជ្ឈការ មន្ទីរ បណ្តុះបណ្តាល អភិបាលកិច្ច ថវិកា ឯកភាព តាមដាន
    ធ្វើការ សមាគម គាំទ្រ ប្រជាធិបតេយ្យ ខ្នាត អនុសាសន៍ លេខាធិការដ្ឋាន
    គណៈកម្មាធិការ ការអភិវឌ្ឍ មូលនិធិ តាមរយៈ សិក្សា ផ្តល់ ចំនួន រដ្ឋាភិបាល
    ការរៀបចំ វេទិកា ចុះហត្ថលេខា ក្រុមការងារ បណ្តាញ ផែនការ ព័ត៌មាន សាធារណៈ
    លទ្ធផល សកម្មភាព ភូមិ កសិករ ជំនួយ គណនេយ្យភាព ផ្សព្វផ្សាយ ករណី ចែករំលែក
    ដៃគូ អ្នកចូលរួម តំណាង សំណង ក្រុមហ៊ុន សេវា រវាង បញ្ជី សម្ព័ន្ធ កំណែទម្រង់
    វិសហមជ្ឈការ ពង្រឹង អនុវត្ត ជនបទ ទីភ្នាក់ងារ បរិស្ថាន យុវជន ការសម្រេចចិត្ត
    ការិយាល័យ ការអនុវត្ត ពិគ្រោះយោបល់ ភាពជាដៃគូ សិទ្ធិ ដំណើរការ វិនិយោគ
    តម្លាភាព វគ្គ ជួបប្រជុំ ការងារ បទពិសោធន៍ ព្រមទាំង អប់រំ សុខភាព ទឹកស្អាត
    ផ្លូវ ព្រៃឈើ អាកាសធាតុ ដីធ្លី បណ្តឹង យន្តការ សេវាសាធារណៈ ការបោះឆ្នោត
    ជនពិការ សមភាពយេនឌ័រ វប្បធម៌ ទេសចរណ៍ ផ្សារ សាលារៀន មណ្ឌលសុខភាព វត្ត
"""
KHMER_STOP_WORDS = "និង នៅ របស់ បាន ដែល ក្នុង ជា លើ នៃ ពី ដោយ ទៅ"
SYLLABLES = """
    Aphivat Strey Ponleu Sahakum Chivit Khmer Samakhum Kampuchea Sangkum Neary
    Thmey Santepheap Akphivat Kasekor Metta Karuna Vityea Prachea Choun Reaksmey
    Sovann Tepy Sokha Mlup Baitong Srolanh Prey Tonle Phum Chamroeun
"""
# Made-up words: a vocabulary of this many, of which the real ones are a part.
VOCABULARY_SIZE = 6_000
ORGANISATION_WORDS = ["Association", "Organisation", "Network", "Foundation"]
KINDS = ["workshop", "meeting", "training", "consultation", "forum", "field_visit"]


def search_database_url():
    if url := os.environ.get("SEARCH_BENCH_DATABASE_URL"):
        return url
    parts = urlsplit(os.environ.get("DATABASE_URL") or LOCAL_CLUSTER)
    return urlunsplit(parts._replace(path=f"/{DATABASE}"))


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"  # no query log in memory while timing
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpdd_portal.settings.dev")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def stored_version(url):
    with _connect(url) as conn:
        if conn.execute("SELECT to_regclass('search_bench_dataset')").fetchone()[0]:
            return conn.execute("SELECT version FROM search_bench_dataset").fetchone()[
                0
            ]
    return None


def prepare(url, *, rebuild):
    """Create, migrate and fill the database unless its data is current."""
    _ensure_cluster(url)
    with _connect(url, dbname="postgres") as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if exists and (rebuild or stored_version(url) != DATASET_VERSION):
            print(f"Dropping {DATABASE} to build it again...")
            conn.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(
                    sql.Identifier(DATABASE)
                )
            )
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if stored_version(url) == DATASET_VERSION:
        return f"{DATABASE}: reused dataset v{DATASET_VERSION}"
    started = time.monotonic()
    build_dataset()
    with _connect(url) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute("CREATE TABLE search_bench_dataset (version int NOT NULL)")
        conn.execute("INSERT INTO search_bench_dataset VALUES (%s)", [DATASET_VERSION])
    return (
        f"{DATABASE}: built dataset v{DATASET_VERSION} "
        f"({sum(COUNTS.values()):,} records) in {time.monotonic() - started:.0f} s"
    )


def _words(text):
    return text.split()


class Writer:
    """Deterministic bilingual text. Words follow Zipf's law over a vocabulary
    of VOCABULARY_SIZE words, made up except for the real ones spread over its
    ranks (the 10th, 40th, 70th... most common), between stop words, as in real
    text: a real word is then in from about half of the records to a few in
    ten thousand. Khmer runs its words together, a space between phrases."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.english_words = self._vocabulary(_words(ENGLISH), self._latin_word)
        self.khmer_words = self._vocabulary(_words(KHMER), self._khmer_word)
        total, self.weights = 0.0, []
        for rank in range(VOCABULARY_SIZE):
            total += 1 / (rank + 1)
            self.weights.append(total)
        self.stop_words = _words(STOP_WORDS)
        self.khmer_stop_words = _words(KHMER_STOP_WORDS)

    def _vocabulary(self, real, made_up):
        spacing = (VOCABULARY_SIZE - 10) // len(real)
        vocabulary, taken = [], set(real)
        while len(vocabulary) < VOCABULARY_SIZE:
            rank = len(vocabulary)
            if rank >= 10 and (rank - 10) % spacing == 0 and real:
                vocabulary.append(real.pop(0))
                continue
            word = made_up()
            if word not in taken:
                taken.add(word)
                vocabulary.append(word)
        return vocabulary

    def _latin_word(self):
        onsets = [
            "b",
            "d",
            "k",
            "m",
            "n",
            "p",
            "r",
            "s",
            "t",
            "ch",
            "kh",
            "ph",
            "th",
            "sr",
            "pr",
            "v",
            "l",
            "h",
        ]
        vowels = _words("a e i o u ea ou ie ai oa")
        codas = ["", "n", "ng", "m", "k", "t", "l", "r", "s"]
        return "".join(
            self.random.choice(onsets)
            + self.random.choice(vowels)
            + self.random.choice(codas)
            for _ in range(self.random.randint(2, 3))
        )

    def _khmer_word(self):
        consonants = [chr(code) for code in range(0x1780, 0x17A3)]
        vowels = ["", *(chr(code) for code in range(0x17B6, 0x17C6))]
        return "".join(
            self.random.choice(consonants)
            + self.random.choice(vowels)
            + self.random.choice(["", *consonants[:8]])
            for _ in range(self.random.randint(2, 3))
        )

    def _draw(self, words, stop_words, count):
        drawn = self.random.choices(words, cum_weights=self.weights, k=count)
        return [
            self.random.choice(stop_words) if self.random.random() < 0.4 else word
            for word in drawn
        ]

    def english(self, count):
        return (
            " ".join(
                self._draw(self.english_words, self.stop_words, count)
            ).capitalize()
            + "."
        )

    def khmer(self, count):
        words = self._draw(self.khmer_words, self.khmer_stop_words, count)
        phrases, phrase = [], []
        for word in words:
            phrase.append(word)
            if len(phrase) >= self.random.randint(3, 6):
                phrases.append("".join(phrase))
                phrase = []
        if phrase:
            phrases.append("".join(phrase))
        return " ".join(phrases) + "។"

    def title_words(self, count):
        return " ".join(
            self.random.choices(self.english_words, cum_weights=self.weights, k=count)
        )

    def khmer_title(self, count):
        return "".join(
            self.random.choices(self.khmer_words, cum_weights=self.weights, k=count)
        )

    def moment(self):
        start = datetime(2003, 1, 1, tzinfo=UTC)
        return start + timedelta(minutes=self.random.randrange(24 * 365 * 24 * 60))


def build_dataset(batch_size=2_000):
    from casestudies.models import CaseStudy, Recommendation
    from core.models import District
    from events.models import Activity, NewsPost
    from members.models import Organization

    write = Writer(SEED)
    rnd = write.random
    districts = list(District.objects.select_related("province"))
    now = datetime.now(UTC)

    def save(model, rows):
        for start in range(0, len(rows), batch_size):
            model.objects.bulk_create(rows[start : start + batch_size])
        print(f"  {model._meta.verbose_name_plural}: {len(rows):,}")

    print("Building the search benchmark's data...")
    organisations = []
    for number in range(COUNTS["organisation"]):
        district = rnd.choice(districts)
        name = " ".join(rnd.sample(_words(SYLLABLES), 2))
        name_en = f"{name} {rnd.choice(ORGANISATION_WORDS)} {number}"
        status = rnd.choices(["active", "", "lapsed", "applicant"], [70, 20, 6, 4])[0]
        organisations.append(
            Organization(
                name_en=name_en,
                name_km=f"{write.khmer_title(3)} {number}",
                acronym="".join(word[0] for word in name_en.split()[:3]) + str(number),
                slug=f"bench-organisation-{number}",
                kind="local_ngo" if status else "development_partner",
                membership_status=status,
                head_office_province=district.province,
                description_en=write.english(rnd.randint(20, 60)),
                description_km=write.khmer(rnd.randint(20, 60)),
            )
        )
    save(Organization, organisations)

    activities = []
    for number in range(COUNTS["event"]):
        district = rnd.choice(districts)
        starts_at = write.moment()
        title_en = (
            f"{write.title_words(rnd.randint(3, 7)).capitalize()}, "
            f"{district.name_en}, {district.province.name_en}"
        )
        activities.append(
            Activity(
                kind=rnd.choice(KINDS),
                title_en=title_en,
                title_km=f"{write.khmer_title(rnd.randint(3, 6))}នៅ{district.name_km}",
                slug=f"bench-activity-{number}",
                objectives_en=write.english(rnd.randint(30, 80)),
                objectives_km=write.khmer(rnd.randint(30, 80)),
                outcomes_en=write.english(rnd.randint(10, 40)),
                outcomes_km=write.khmer(rnd.randint(10, 40)),
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=4),
                province=district.province,
                district=district,
                visibility=rnd.choices(["public", "members", "internal"], [80, 15, 5])[
                    0
                ],
            )
        )
    save(Activity, activities)

    posts = []
    for number in range(COUNTS["news"]):
        district = rnd.choice(districts)
        title_en = (
            f"{write.title_words(rnd.randint(4, 8)).capitalize()} in {district.name_en}"
        )
        published = rnd.random() < 0.9
        posts.append(
            NewsPost(
                title_en=title_en,
                title_km=f"{write.khmer_title(rnd.randint(3, 6))}នៅ{district.name_km}",
                slug=f"bench-news-{number}",
                summary_en=write.english(rnd.randint(15, 30)),
                summary_km=write.khmer(rnd.randint(15, 30)),
                body_en=write.english(rnd.randint(80, 250)),
                body_km=write.khmer(rnd.randint(80, 250)),
                status="published" if published else "draft",
                published_at=min(write.moment(), now) if published else None,
            )
        )
    save(NewsPost, posts)

    studies = []
    for number in range(COUNTS["case-study"]):
        district = rnd.choice(districts)
        year = rnd.randint(2010, 2025)
        title_en = (
            f"{write.title_words(rnd.randint(2, 4)).capitalize()} in "
            f"{district.name_en} ({year})"
        )
        published = rnd.random() < 0.9
        studies.append(
            CaseStudy(
                title_en=title_en,
                title_km=f"{write.khmer_title(rnd.randint(2, 4))}នៅ{district.name_km}",
                slug=f"bench-case-study-{number}",
                summary_en=write.english(rnd.randint(20, 40)),
                summary_km=write.khmer(rnd.randint(20, 40)),
                findings_en=write.english(rnd.randint(150, 400)),
                findings_km=write.khmer(rnd.randint(150, 400)),
                province=district.province,
                district=district,
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                status="published" if published else "draft",
                published_on=date(year + 1, 3, 1) if published else None,
            )
        )
    save(CaseStudy, studies)

    studies = list(CaseStudy.objects.filter(slug__startswith="bench-").only("id"))
    recommendations = []
    for number in range(COUNTS["recommendation"]):
        text_en = write.english(rnd.randint(12, 35))
        recommendations.append(
            Recommendation(
                case_study=studies[number % len(studies)],
                text_en=text_en,
                text_km=write.khmer(rnd.randint(12, 35)),
                addressed_to=rnd.choice(["district", "csos", "province", "national"]),
                order=number // len(studies),
            )
        )
    save(Recommendation, recommendations)


def bench_queries(count):
    """`count` English and `count` Khmer queries: single real words (common to
    rare), pairs of them, district names, and misspelt organisation names."""
    from core.models import District

    rnd = random.Random(SEED + 1)
    english_words, khmer_words = _words(ENGLISH), _words(KHMER)
    places = list(District.objects.values_list("name_en", "name_km"))
    english, khmer = [], []
    for index in range(count):
        match index % 5:
            case 0 | 1:
                english.append(rnd.choice(english_words))
                khmer.append(rnd.choice(khmer_words))
            case 2:
                english.append(" ".join(rnd.sample(english_words, 2)))
                khmer.append(" ".join(rnd.sample(khmer_words, 2)))
            case 3:
                name_en, name_km = rnd.choice(places)
                english.append(name_en)
                khmer.append(name_km)
            case 4:
                name = " ".join(rnd.sample(_words(SYLLABLES), 2))
                typo = rnd.randrange(1, len(name) - 1)
                english.append(name[:typo] + name[typo + 1 :])
                khmer.append(rnd.choice(khmer_words))
    return english, khmer


def run_search(text, user):
    """What the search page asks for: a capped count, then the first page.
    Returns the count (MAX_RESULTS + 1 when past the cap) and the page."""
    from cpdd_portal.search import PAGE_SIZE, Query, Search

    results = Search(query=Query.parse(text), user=user, language="en")
    results.count()
    page = results[0:PAGE_SIZE]
    return results.total, page


def timed(queries, user, repeats):
    """(best of `repeats` in ms, matches, query) for each query."""
    timings = []
    for text in queries:
        best = None
        for _ in range(repeats):
            started = time.perf_counter()
            count, _page = run_search(text, user)
            elapsed = (time.perf_counter() - started) * 1000
            best = elapsed if best is None else min(best, elapsed)
        timings.append((best, count, text))
    return timings


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def plans(text, user):
    """EXPLAIN of every query one search runs: the nodes that read tables."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run_search(text, user)
    scans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            cursor.execute("EXPLAIN (FORMAT JSON) " + query["sql"])
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            scans.append(list(_scan_nodes(plan[0]["Plan"])))
    return scans


def _scan_nodes(node):
    if "Relation Name" in node or "Index Name" in node:
        yield (
            node["Node Type"],
            node.get("Relation Name", ""),
            node.get("Index Name", ""),
        )
    for child in node.get("Plans", []):
        yield from _scan_nodes(child)


def check_plans(text, user):
    """Print the plan summary of the count and page queries; return problems:
    a searched table read by a sequential scan, or not through its index."""
    problems = []
    scans = plans(text, user)
    for label, query_scans in zip(("count", "page"), scans[:2], strict=False):
        used = sorted({index for _node, _table, index in query_scans if index})
        print(f"    {label}: {', '.join(used) or '(no index)'}")
        for node, table, _index in query_scans:
            if node == "Seq Scan" and table in SEARCHED_TABLES:
                problems.append(f"{text!r} ({label}): Seq Scan on {table}")
        for table, indexes in SEARCHED_TABLES.items():
            if not set(indexes) & set(used):
                problems.append(f"{text!r} ({label}): {table} not read by its index")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument(
        "--queries", type=int, default=50, help="English and Khmer queries each (50)"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs per query; the best counts (3)"
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="drop and build the database again"
    )
    args = parser.parse_args(argv)

    url = search_database_url()
    setup_django(url)
    print(prepare(url, rebuild=args.rebuild))

    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from casestudies.models import CaseStudy, Recommendation
    from cpdd_portal.search import MAX_RESULTS
    from events.models import Activity, NewsPost
    from members.models import Organization

    user = AnonymousUser()
    total = sum(
        model.objects.count()
        for model in (NewsPost, Activity, CaseStudy, Recommendation, Organization)
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(f"PostgreSQL {version}, {total:,} searchable records\n")

    english, khmer = bench_queries(args.queries)
    for text in english[:5] + khmer[:5]:  # warm the caches and the connection
        run_search(text, user)
    results, samples = {}, []
    for label, queries in (("English", english), ("Khmer", khmer)):
        timings = timed(queries, user, args.repeats)
        # EXPLAIN below: queries of each shape (word, pair, place, typo) that
        # find something, so that the page query runs too.
        samples += [
            text for _elapsed, count, text in timings[:10] if 0 < count <= MAX_RESULTS
        ][:4]
        results[label] = [elapsed for elapsed, _count, _text in timings]
        matches = [count for _elapsed, count, _text in timings]
        slowest = sorted(timings, reverse=True)[:3]
        print(
            f"{label:8} {len(queries)} queries: median "
            f"{statistics.median(results[label]):6.1f} ms, p95 "
            f"{percentile(results[label], 0.95):6.1f} ms; results per query: "
            f"median {statistics.median(matches):.0f}, "
            f"{sum(count > MAX_RESULTS for count in matches)} past the cap\n"
            "         slowest: "
            + ", ".join(
                f"{text!r} {elapsed:.0f} ms ({count:,} results)"
                for elapsed, count, text in slowest
            )
        )
    everything = results["English"] + results["Khmer"]
    # The worst case, not in the figures above: the most common real words.
    for text in (_words(ENGLISH)[0], _words(KHMER)[0]):
        ((elapsed, count, _text),) = timed([text], user, args.repeats)
        print(f"Common word {text!r}: {elapsed:.0f} ms ({count:,} results)")
    median = statistics.median(everything)
    print(
        f"{'All':8} {len(everything)} queries: median {median:6.1f} ms, "
        f"p95 {percentile(everything, 0.95):6.1f} ms "
        f"(target: median under {TARGET_MEDIAN_MS} ms)\n"
    )

    print("Indexes used (EXPLAIN of the count and page queries):")
    problems = []
    for text in samples:
        print(f"  {text!r}")
        problems += check_plans(text, user)
    if problems:
        print("\nPlans without index use:\n  " + "\n  ".join(problems))
    if median >= TARGET_MEDIAN_MS:
        print(f"\nMedian {median:.1f} ms is over the {TARGET_MEDIAN_MS} ms target.")
    return 1 if problems or median >= TARGET_MEDIAN_MS else 0


if __name__ == "__main__":
    sys.exit(main())
