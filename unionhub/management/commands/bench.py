"""`python manage.py bench members --members 200000`: measure, print, never assert.

Figures are recorded by hand in docs/benchmarks.md with the date and the machine.
"""

from django.core.management.base import BaseCommand

from unionhub import benchmark


class Command(BaseCommand):
    help = (
        "Build a synthetic branch and print p50/p95 server time of the member list, the time "
        "of an .xlsx import, and the time and peak memory of exporting half the members."
    )

    def add_arguments(self, parser):
        parser.add_argument("suite", choices=["members"])
        parser.add_argument("--members", type=int, default=200_000)
        parser.add_argument("--repeat", type=int, default=30, help="requests per page measured")
        parser.add_argument("--import-rows", type=int, default=10_000)

    def handle(self, *args, suite, **options):
        for line in benchmark.run_members(
            members=options["members"],
            repeat=options["repeat"],
            import_rows=options["import_rows"],
        ):
            self.stdout.write(line)
