"""`python manage.py bench members --members 200000`: measure, print, never assert.

Figures are recorded by hand in docs/benchmarks.md with the date and the machine.
"""

from django.core.management.base import BaseCommand, CommandError

from unionhub import benchmark


class Command(BaseCommand):
    help = "Build a synthetic dataset and print server-side timings (p50/p95) of key pages."

    def add_arguments(self, parser):
        parser.add_argument("suite", choices=["members"])
        parser.add_argument("--members", type=int, default=200_000)
        parser.add_argument("--repeat", type=int, default=30, help="requests per page measured")
        parser.add_argument("--import-rows", type=int, default=10_000)
        parser.add_argument("--export-rows", type=int, default=100_000)

    def handle(self, *args, suite, **options):
        if options["members"] < options["export_rows"]:
            raise CommandError("--members must be at least --export-rows")
        for line in benchmark.run_members(
            members=options["members"],
            repeat=options["repeat"],
            import_rows=options["import_rows"],
            export_rows=options["export_rows"],
        ):
            self.stdout.write(line)
