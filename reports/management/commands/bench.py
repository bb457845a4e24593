"""`manage.py bench members --members 200000`, `bench organisations --organisations 100000` or
`bench finance --vouchers 1000000`, `bench awards`: measure and print, never assert.

Figures are recorded by hand in docs/benchmarks.md with the date, the machine and the
calibration line every suite prints first (unionhub.benchmark.calibration). The command lives in
reports, the layer that may read every app; each app builds and measures its own suite.
"""

from django.core.management.base import BaseCommand

from emulation.benchmark import run_awards
from finance.benchmark import run_finance
from members.benchmark import run_members
from members.federation_benchmark import run_organisations
from unionhub.benchmark import calibration


class Command(BaseCommand):
    help = (
        "members: a synthetic branch; p50/p95 server time of the member list, the time of an "
        ".xlsx import, the time and peak memory of exporting half the members. "
        "organisations: a federation of that many organisations; subtree queries and pages. "
        "finance: a branch with that many vouchers over ten years; summary, books, pages. "
        "awards: ten years of awards in the --members branch; the year tables and their pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("suite", choices=["members", "organisations", "finance", "awards"])
        parser.add_argument("--vouchers", type=int, default=1_000_000)
        parser.add_argument("--organisations", type=int, default=100_000)
        parser.add_argument("--members", type=int, default=200_000)
        parser.add_argument("--repeat", type=int, default=30, help="requests per page measured")
        parser.add_argument("--import-rows", type=int, default=10_000)
        parser.add_argument(
            "--pages-only", action="store_true", help="members: skip the import and the export"
        )

    def handle(self, *args, suite, **options):
        self.stdout.write(calibration())
        if suite == "awards":
            lines = run_awards(members=options["members"], repeat=options["repeat"])
        elif suite == "finance":
            lines = run_finance(vouchers=options["vouchers"], repeat=options["repeat"])
        elif suite == "organisations":
            lines = run_organisations(
                organisations=options["organisations"], repeat=options["repeat"]
            )
        else:
            lines = run_members(
                members=options["members"],
                repeat=options["repeat"],
                import_rows=options["import_rows"],
                exchange=not options["pages_only"],
            )
        for line in lines:
            self.stdout.write(line)
