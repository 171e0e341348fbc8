from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casestudies import demo as casestudies_demo
from cpdd_portal import demo
from events import demo as events_demo
from members import demo as members_demo


class Command(BaseCommand):
    help = (
        "Fill the portal with demo data from the coalition's own texts. "
        "Idempotent: running it again updates the same records."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even when DEBUG is off (benchmarks). Never on a live site.",
        )

    def handle(self, *args, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demo data has known passwords; refusing with DEBUG off. "
                "Pass --allow-production for a throwaway database."
            )
        with transaction.atomic():
            staff, member = demo.create_demo_accounts()
            summary = members_demo.load(staff=staff, member=member)
            summary |= events_demo.load(staff=staff, member=member)
            summary |= casestudies_demo.load(staff=staff, member=member)
            # What an older demo made up and this one no longer builds,
            # once nothing links it any more.
            events_demo.forget_stale()
            members_demo.forget_stale(staff=staff)
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded: ")
            + ", ".join(f"{count} {name}" for name, count in summary.items())
        )
        self.stdout.write(demo.logins_text())
