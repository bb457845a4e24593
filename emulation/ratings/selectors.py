"""Tổng hợp xếp loại: per year, the counts and shares per rating of a subtree's members, women
members, groups and branches, the women achieving "Giỏi việc nước, đảm việc nhà", and the
summary's Excel sheet. Members are counted where they stood when rated (`unit`); the older
wording of organisations counts on the current scale. And a member's latest ratings, for
their page."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font

from emulation.models import (
    WOMEN_CAMPAIGN,
    WOMEN_TITLE,
    Award,
    AwardTitle,
    Campaign,
    MemberRating,
    OrganisationRating,
    Rating,
    Registration,
)
from members.models import Member, Organisation
from unionhub.formatting import share
from unionhub.sheets import new_sheet, sheet_bytes

from .services import RATED_KINDS


@dataclass
class Tally:
    """Counts per rating (in Rating order) and their share of the rated."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[tuple[str, int, Decimal | None]]:
        """(rating, count, %) for every rating of the scale."""
        total = self.total
        return [
            (value, self.counts.get(value, 0), share(self.counts.get(value, 0), total))
            for value in Rating.values
        ]


@dataclass
class WomenShare:
    """Women members who achieved "Giỏi việc nước, đảm việc nhà" in a year, of the women
    members rated that year (the summary's base: every member is rated once a year)."""

    achieved: int
    women: int

    @property
    def percent(self) -> Decimal | None:
        return share(self.achieved, self.women)


@dataclass
class YearSummary:
    year: int
    members: Tally
    women: Tally
    # Organisation.Kind value (group, sub_branch, branch) -> its tally
    organisations: dict[str, Tally]
    # None for a year in which nobody registered for it nor was awarded it.
    women_share: WomenShare | None = None


def women_achievers(org: Organisation, first: int, last: int) -> dict[int, int]:
    """Per year from `first` to `last` in which the subtree of `org` took part in "Giỏi việc
    nước, đảm việc nhà" (a woman registered for the campaign, or was awarded the title): the
    women, counted where they stood, who achieved it (an achieved registration or the title;
    once each). Aggregates by year: of the registrations (with the women who were also awarded
    it) and of the awards."""
    subtree = Organisation.objects.subtree_of(org).values("pk")
    female = Member.Gender.FEMALE
    achieved = Q(result=Registration.Result.ACHIEVED)
    # By primary key and year list: the award index (unit, year, title) is then searched, not
    # scanned over every title of the years.
    title = AwardTitle.objects.filter(code=WOMEN_TITLE).values_list("pk", flat=True).first()
    campaign = Campaign.objects.filter(code=WOMEN_CAMPAIGN).values_list("pk", flat=True).first()
    years = list(range(first, last + 1))
    awards = Award.objects.filter(
        unit__in=subtree, year__in=years, title=title, member__gender=female
    )
    registrations = Registration.objects.filter(
        unit__in=subtree, year__in=years, campaign=campaign, member__gender=female
    ).annotate(awarded=Exists(awards.filter(member=OuterRef("member"), year=OuterRef("year"))))
    counts: dict[int, int] = {}
    for row in (
        registrations.values("year")
        .annotate(
            achieved=Count("member", filter=achieved, distinct=True),
            both=Count("member", filter=achieved & Q(awarded=True), distinct=True),
        )
        .order_by()
    ):
        counts[row["year"]] = row["achieved"] - row["both"]
    for row in awards.values("year").annotate(n=Count("member", distinct=True)).order_by():
        counts[row["year"]] = counts.get(row["year"], 0) + row["n"]
    return counts


def rating_summary(org: Organisation, first: int, last: int) -> list[YearSummary]:
    """Per year from `first` to `last`: the ratings of members counted where they stood (the
    subtree of `org`), of its women members, and of its groups, sub-branches and branches
    (`org` itself included); the share of its women members achieving "Giỏi việc nước, đảm
    việc nhà" (women_achievers)."""
    subtree = Organisation.objects.subtree_of(org).values("pk")
    members = Counter()
    women = Counter()
    for row in (
        MemberRating.objects.filter(unit__in=subtree, year__range=(first, last))
        .values("year", "rating", "member__gender")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        members[row["year"], row["rating"]] += row["n"]
        if row["member__gender"] == Member.Gender.FEMALE:
            women[row["year"], row["rating"]] += row["n"]
    units = Counter()
    for row in (
        OrganisationRating.objects.filter(organisation__in=subtree, year__range=(first, last))
        .values("year", "rating", "organisation__kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        units[row["year"], row["organisation__kind"], row["rating"]] += row["n"]

    def tally(counter, *key) -> Tally:
        return Tally({r: counter[(*key, r)] for r in Rating.values if counter[(*key, r)]})

    achievers = women_achievers(org, first, last)
    return [
        YearSummary(
            year=year,
            members=tally(members, year),
            women=tally(women, year),
            organisations={kind: tally(units, year, kind) for kind in RATED_KINDS},
            women_share=(
                WomenShare(achievers[year], tally(women, year).total) if year in achievers else None
            ),
        )
        for year in range(first, last + 1)
    ]


@dataclass
class SummaryTable:
    """One year of the summary as printed: its rows (label, tally) and the women's share."""

    year: int
    rows: list[tuple[str, Tally]]
    women_share: WomenShare | None


def summary_tables(years: list[YearSummary]) -> list[SummaryTable]:
    """Per year, the rows a summary prints: members, women members, then each kind of unit
    rated in any of the years; and the women's "Giỏi việc nước, đảm việc nhà" share."""
    shown = [kind for kind in RATED_KINDS if any(y.organisations[kind].total for y in years)]
    return [
        SummaryTable(
            y.year,
            [
                (_("Đoàn viên"), y.members),
                (_("trong đó nữ"), y.women),
                *((str(Organisation.Kind(kind).label), y.organisations[kind]) for kind in shown),
            ],
            y.women_share,
        )
        for y in years
    ]


def women_share_text(share: WomenShare) -> str:
    """The sentence the summary prints under a year's table (without a rate when nobody was
    rated that year)."""
    if not share.women:
        return _("Nữ đoàn viên đạt danh hiệu “Giỏi việc nước, đảm việc nhà”: %(n)s.") % {
            "n": share.achieved
        }
    return _(
        "Nữ đoàn viên đạt danh hiệu “Giỏi việc nước, đảm việc nhà”: %(n)s/%(women)s (%(pct)s%%)."
    ) % {"n": share.achieved, "women": share.women, "pct": share.percent}


def rating_summary_xlsx(org: Organisation, years: list[YearSummary]) -> bytes:
    """The summary on one sheet: a table per year, count and % per rating, a total column."""
    book, sheet = new_sheet("Xếp loại")
    sheet.append([org.name])
    sheet.append(
        [
            _("Tổng hợp xếp loại %(first)s–%(last)s")
            % {
                "first": years[0].year,
                "last": years[-1].year,
            }
        ]
    )
    bold = [1]
    header = [_("Đối tượng")]
    for _value, label in Rating.choices:
        header += [f"{label} (SL)", "%"]
    for table in summary_tables(years):
        sheet.append([])
        sheet.append([_("Năm %(year)s") % {"year": table.year}])
        sheet.append([*header, _("Cộng")])
        bold += [sheet.max_row - 1, sheet.max_row]
        for label, tally in table.rows:
            cells = []
            for _value, n, pct in tally.cells():
                cells += [n, pct]
            sheet.append([str(label), *cells, tally.total])
        if table.women_share:
            sheet.append([women_share_text(table.women_share)])
    for row in bold:
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_col=2, max_col=len(header) + 1):
        for cell in column:
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.column_dimensions["A"].width = 20
    return sheet_bytes(book)


def member_ratings(member: Member, limit: int = 5) -> list[MemberRating]:
    """A member's latest yearly ratings, newest first: one query."""
    return list(member.ratings.order_by("-year")[:limit])
