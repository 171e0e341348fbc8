from django.core.management.base import BaseCommand

from cpdd_portal import demo


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo secretariat account."

    def handle(self, *args, **options):
        self.stdout.write(demo.current_totp_code())
