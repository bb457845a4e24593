"""Reads of the registrations for the pages: a campaign's counts per year, the counts per unit
or per target of a subtree's year, the summary of a subtree's year with its Excel sheet, and a
member's latest registrations."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font

from emulation.models import AwardTitle, Campaign, Registration
from members.models import Member, Organisation
from unionhub.formatting import share
from unionhub.sheets import new_sheet, sheet_bytes

from .registrations import Target, target_filter


@dataclass
class YearCount:
    year: int
    registered: int
    evaluated: int
    achieved: int

    @property
    def percent(self) -> Decimal | None:
        return share(self.achieved, self.registered)


def campaign_years(campaign: Campaign, org: Organisation) -> list[YearCount]:
    """Per year (newest first), the registrations for `campaign` in `org`'s subtree: how many
    registered, were evaluated, achieved. One query."""
    rows = (
        Registration.objects.filter(
            campaign=campaign, unit__in=Organisation.objects.subtree_of(org).values("pk")
        )
        .values("year")
        .annotate(
            registered=Count("pk"),
            evaluated=Count("pk", filter=~Q(result="")),
            achieved=Count("pk", filter=Q(result=Registration.Result.ACHIEVED)),
        )
        .order_by("-year")
    )
    return [YearCount(**row) for row in rows]


def registration_counts(org: Organisation, year: int, target: Target | None = None) -> Counter:
    """How many registrations of `org`'s subtree in `year`, by unit (for one target) or by
    target key ("c5", "t3") when no target is given. One query."""
    rows = Registration.objects.filter(
        year=year, unit__in=Organisation.objects.subtree_of(org).values("pk")
    )
    if target is not None:
        return Counter(
            {
                r["unit"]: r["n"]
                for r in rows.filter(**target_filter(target))
                .values("unit")
                .annotate(n=Count("pk"))
                .order_by()
            }
        )
    counts = Counter()
    for r in rows.values("campaign", "title").annotate(n=Count("pk")).order_by():
        key = f"c{r['campaign']}" if r["campaign"] else f"t{r['title']}"
        counts[key] += r["n"]
    return counts


@dataclass
class SummaryRow:
    """One campaign or title in the summary of a subtree's year."""

    target: Target
    members: int = 0
    collectives: int = 0
    evaluated: int = 0
    achieved: int = 0
    women_achieved: int = 0

    @property
    def registered(self) -> int:
        return self.members + self.collectives

    @property
    def percent(self) -> Decimal | None:
        return share(self.achieved, self.registered)

    @property
    def is_campaign(self) -> bool:
        return isinstance(self.target, Campaign)


def registration_summary(org: Organisation, year: int) -> list[SummaryRow]:
    """Per campaign, then per title, with registrations in `org`'s subtree in `year`: members
    and collectives registered, evaluated, achieved, women among the achievers. Three queries
    at most."""
    counted: dict[tuple[str, int], SummaryRow] = {}
    rows = (
        Registration.objects.filter(
            year=year, unit__in=Organisation.objects.subtree_of(org).values("pk")
        )
        .values("campaign", "title", "result", "member__gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies = []
    for r in rows:
        key = ("c", r["campaign"]) if r["campaign"] else ("t", r["title"])
        tallies.append((key, r))
    campaigns = Campaign.objects.in_bulk([k[1] for k, _r in tallies if k[0] == "c"])
    titles = AwardTitle.objects.in_bulk([k[1] for k, _r in tallies if k[0] == "t"])
    for (kind, pk), r in tallies:
        target = campaigns[pk] if kind == "c" else titles[pk]
        row = counted.setdefault((kind, pk), SummaryRow(target))
        gender, n = r["member__gender"], r["n"]
        if gender is None:
            row.collectives += n
        else:
            row.members += n
        if r["result"]:
            row.evaluated += n
        if r["result"] == Registration.Result.ACHIEVED:
            row.achieved += n
            if gender == Member.Gender.FEMALE:
                row.women_achieved += n

    def order(row: SummaryRow):
        t = row.target
        if row.is_campaign:
            return (0, t.name.lower(), "", 0, t.pk)
        return (1, t.authority, t.subject, t.order, t.name.lower())

    return sorted(counted.values(), key=order)


def registration_summary_xlsx(org: Organisation, year: int, rows: list[SummaryRow]) -> bytes:
    """The summary on one sheet: a row per campaign or title, the counts and the % achieved."""
    book, sheet = new_sheet(_("Đăng ký thi đua"))
    sheet.append([org.name])
    sheet.append([_("Tổng hợp đăng ký thi đua năm %(year)s") % {"year": year}])
    sheet.append([])
    header = [
        _("TT"),
        _("Phong trào, danh hiệu"),
        _("Loại"),
        _("Đoàn viên đăng ký"),
        _("Tập thể đăng ký"),
        _("Đã đánh giá"),
        _("Đạt"),
        _("Tỷ lệ đạt (%)"),
        _("Nữ đạt"),
    ]
    sheet.append(header)
    header_row = sheet.max_row
    for n, row in enumerate(rows, start=1):
        kind = _("Phong trào") if row.is_campaign else row.target.get_subject_display()
        sheet.append(
            [
                n,
                str(row.target),
                str(kind),
                row.members,
                row.collectives,
                row.evaluated,
                row.achieved,
                row.percent,
                row.women_achieved,
            ]
        )
    for cell in (sheet["A1"], sheet["A2"], *sheet[header_row]):
        cell.font = Font(bold=True)
    for cell in sheet[header_row]:
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for column, width in {"A": 5, "B": 40, "C": 14}.items():
        sheet.column_dimensions[column].width = width
    for column in "DEFGHI":
        sheet.column_dimensions[column].width = 13
    return sheet_bytes(book)


def member_registrations(member: Member, limit: int = 10) -> list[Registration]:
    """A member's latest registrations (newest year first), for their page. One query."""
    return list(
        Registration.objects.filter(member=member)
        .select_related("campaign", "title", "unit")
        .order_by("-year", "-pk")[:limit]
    )
