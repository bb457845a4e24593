"""Reads of the charity drives: a drive's totals, the year's drives, what each group gave, the
table of drives by year (as a document and a sheet in finance.funds.drive_reports).

Drive money never enters the union's books: nothing here reads a voucher.
"""

from dataclasses import dataclass

from django.db.models import BigIntegerField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from finance.models import Drive, DriveContribution, DriveForward
from members.models import Organisation
from unionhub.text import fold


def _sum_of(model) -> Coalesce:
    per_drive = (
        model.objects.filter(drive=OuterRef("pk"))
        .order_by()
        .values("drive")
        .annotate(n=Sum("amount"))
        .values("n")
    )
    return Coalesce(Subquery(per_drive), Value(0), output_field=BigIntegerField())


def with_totals(drives: QuerySet) -> QuerySet:
    """Drives with `collected`, `forwarded` and `held` (đồng), in the same one query."""
    return drives.annotate(
        collected=_sum_of(DriveContribution), forwarded=_sum_of(DriveForward)
    ).annotate(held=F("collected") - F("forwarded"))


def drives_of_year(organisation: Organisation, year: int) -> list[Drive]:
    """A branch's drives of a year with their totals: one query."""
    return list(with_totals(Drive.objects.filter(organisation=organisation, year=year)))


def contributions_by_group(drive: Drive) -> list[tuple[str, int]]:
    """What each group gave, its members' contributions included (one query; names sorted as
    the tree is)."""
    rows = (
        drive.contributions.annotate(unit=Coalesce("group", "member__organisation"))
        .values("unit")
        .annotate(n=Sum("amount"))
        .order_by()
    )
    amounts = {row["unit"]: row["n"] for row in rows}
    units = Organisation.objects.filter(pk__in=amounts).order_by("path")
    return [(unit.name, amounts[unit.pk]) for unit in units]


@dataclass
class DriveRow:
    name: str
    collected: list[int]  # one per year of the table
    forwarded: list[int]

    @property
    def total_collected(self) -> int:
        return sum(self.collected)

    @property
    def total_forwarded(self) -> int:
        return sum(self.forwarded)

    @property
    def cells(self) -> list[tuple[int, int]]:
        return list(zip(self.collected, self.forwarded, strict=True))


@dataclass
class DriveTable:
    """Amounts per drive (rows, by name) per year (columns) of one branch."""

    organisation: Organisation
    years: list[int]
    rows: list[DriveRow]

    def _per_year(self, attr: str) -> list[int]:
        return [sum(getattr(row, attr)[i] for row in self.rows) for i in range(len(self.years))]

    @property
    def collected(self) -> list[int]:
        return self._per_year("collected")

    @property
    def forwarded(self) -> list[int]:
        return self._per_year("forwarded")

    @property
    def total_collected(self) -> int:
        return sum(self.collected)

    @property
    def total_forwarded(self) -> int:
        return sum(self.forwarded)

    @property
    def totals(self) -> list[tuple[int, int]]:
        return list(zip(self.collected, self.forwarded, strict=True))


def drive_table(organisation: Organisation, first: int, last: int) -> DriveTable:
    """Each drive name's collected and forwarded đồng per year from `first` to `last`: three
    queries. Drives of the same name in different years share a row."""
    years = list(range(first, last + 1))
    drives = Drive.objects.filter(organisation=organisation, year__gte=first, year__lte=last)
    names = set(drives.values_list("name", flat=True))
    rows = {name: DriveRow(name, [0] * len(years), [0] * len(years)) for name in names}
    for model, attr in ((DriveContribution, "collected"), (DriveForward, "forwarded")):
        sums = (
            model.objects.filter(drive__in=drives)
            .values_list("drive__name", "drive__year")
            .annotate(n=Sum("amount"))
            .order_by()
        )
        for name, year, amount in sums:
            getattr(rows[name], attr)[year - first] += amount
    ordered = sorted(rows.values(), key=lambda row: (fold(row.name), row.name))
    return DriveTable(organisation, years, ordered)
