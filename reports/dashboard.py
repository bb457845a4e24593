"""Tổng quan: the landing page's figures for an organisation's subtree, and its charts.

Everything is an SQL aggregate or a bounded list: about fifteen queries whatever the number of
members and of units below (tests/reports/test_dashboard.py holds the count steady).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from members.models import LevelChoice, MemberEvent, Organisation, Position
from members.organisations.selectors import current_office_holders
from members.registry.forms import UNRECORDED
from members.registry.statistics import (
    LEVEL_FIELDS,
    Movements,
    member_counts_on,
    movements_between,
    statistics_on,
)
from unionhub.documents import charts
from unionhub.formatting import share

TREND_YEARS = 5  # member counts at 31 December of this many past years, then today
RECENT_LIMIT = 8  # admissions and departures listed (the counts cover the whole period)
# The level lists the landing page charts; the statistics page has all of them.
LEVEL_KINDS = (LevelChoice.Kind.POLITICAL, LevelChoice.Kind.PROFESSIONAL)
ADMISSIONS = (MemberEvent.Kind.ADMITTED, MemberEvent.Kind.REINSTATED)


def percent(value: Decimal | None) -> str:
    """55.6 -> "55,6%" (the locale's decimal separator); "–" without a value."""
    return "–" if value is None else f"{number_format(value, 1)}%"


@dataclass
class TrendPoint:
    day: date
    label: str
    total: int


class WomenFigures:
    """Derived figures of anything with `total` and `women` counts."""

    total: int
    women: int

    @property
    def men(self) -> int:
        return self.total - self.women

    @property
    def women_share(self) -> Decimal | None:
        return share(self.women, self.total)

    @property
    def women_percent(self) -> str:
        return percent(self.women_share)


@dataclass
class UnitRow(WomenFigures):
    """A unit directly below the organisation, or the organisation itself (`own`) when
    members are registered there outside any unit."""

    unit: Organisation
    total: int
    women: int
    groups: int = 0
    own: bool = False


@dataclass
class Dashboard(WomenFigures):
    organisation: Organisation
    day: date
    total: int
    women: int
    party: int
    groups: int  # tổ công đoàn in the subtree
    branches: int  # công đoàn cơ sở in the subtree (an upper union's)
    trend: list[TrendPoint]
    units: list[UnitRow]
    levels: list[tuple[str, str, list[tuple[int | None, str, int]]]]  # kind, label, entries
    movements: Movements
    since: date  # first day of the period of `movements` and of the lists below
    admissions: list[MemberEvent] = field(default_factory=list)
    departures: list[MemberEvent] = field(default_factory=list)
    office_holders: list[Position] = field(default_factory=list)

    @property
    def arrivals(self) -> int:
        """Members gained over the period: admitted, returned, transferred in."""
        m = self.movements
        return m.admitted + m.reinstated + m.transferred_in

    @property
    def leavings(self) -> int:
        """Members lost over the period: every ending, and transfers out of the subtree."""
        m = self.movements
        return sum(n for _kind, _label, n in m.departures) + m.transferred_out

    @property
    def summary(self) -> dict[str, int]:
        """What the opening sentence takes (members/_statistics_sentence.html)."""
        return {"total": self.total, "women": self.women, "groups": self.groups}

    @property
    def has_branches_below(self) -> bool:
        """An upper union's page: its units are branches (or upper unions), each with a page."""
        return any(
            row.unit.kind in (Organisation.Kind.UPPER, Organisation.Kind.BRANCH)
            for row in self.units
            if not row.own
        )

    @property
    def has_units(self) -> bool:
        return any(not row.own for row in self.units)


def _year_ends(today: date) -> list[date]:
    return [date(today.year - back, 12, 31) for back in range(TREND_YEARS, 0, -1)]


def _one_year_back(today: date) -> date:
    """The first day of the twelve months that end today."""
    try:
        return today.replace(year=today.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return date(today.year - 1, 3, 1)


def _structure(org: Organisation) -> dict[tuple[str, str], int]:
    """Organisations of the subtree (below `org`) per (unit directly below, kind): one query."""
    prefix_len = len(org.path) + Organisation.steplen
    rows = (
        Organisation.objects.subtree_of(org)
        .filter(depth__gt=org.depth)
        .annotate(unit=Substr("path", 1, prefix_len))
        .order_by()  # the manager's order_by("path") would split the GROUP BY per row
        .values_list("unit", "kind")
        .annotate(n=Count("id"))
    )
    return {(unit, kind): n for unit, kind, n in rows}


def dashboard(org: Organisation, today: date) -> Dashboard:
    """The landing page of `org`: its subtree's members now and over the last years, women,
    groups and levels, the last twelve months' movements, office holders, units below."""
    stats = statistics_on(org, today)
    trend = [
        TrendPoint(day, str(day.year), n)
        for day, n in member_counts_on(org, _year_ends(today)).items()
    ]
    trend.append(TrendPoint(today, _("Hiện nay"), stats.total))

    structure = _structure(org)
    kinds = Organisation.Kind
    units = [
        UnitRow(
            unit=unit,
            total=n,
            women=women,
            # The groups of the unit's subtree (a group counts itself); none for `org` itself.
            groups=structure.get((unit.path, kinds.GROUP), 0),
            own=unit.pk == org.pk,
        )
        for unit, n, women in stats.by_unit
    ]

    since = _one_year_back(today)
    subtree = Organisation.objects.subtree_of(org).values("pk")
    recent = (
        MemberEvent.objects.filter(organisation__in=subtree, date__gte=since, date__lte=today)
        .select_related("member", "organisation")
        .order_by("-date", "-id")
    )
    return Dashboard(
        organisation=org,
        day=today,
        total=stats.total,
        women=stats.women,
        party=stats.party,
        groups=sum(n for (_unit, kind), n in structure.items() if kind == kinds.GROUP),
        branches=sum(n for (_unit, kind), n in structure.items() if kind == kinds.BRANCH),
        trend=trend,
        units=units,
        levels=[(kind, LevelChoice.Kind(kind).label, stats.levels[kind]) for kind in LEVEL_KINDS],
        movements=movements_between(org, since, today),
        since=since,
        admissions=list(recent.filter(kind__in=ADMISSIONS)[:RECENT_LIMIT]),
        departures=list(recent.filter(kind__in=MemberEvent.ENDINGS)[:RECENT_LIMIT]),
        office_holders=current_office_holders(org, today),
    )


def dashboard_charts(board: Dashboard) -> dict[str, object]:
    """The page's SVG charts; bars link to the member list filtered on what they count."""
    org = board.organisation

    def members_link(**params) -> str:
        query = urlencode({"org": org.pk, **params})
        return f"{reverse('members:member_list')}?{query}"

    result: dict[str, object] = {
        "trend": charts.column_chart(
            [(point.label, point.total) for point in board.trend],
            title=_("Số đoàn viên tại ngày 31/12 các năm và hiện nay"),
            chart_id="chart-trend",
            highlight_last=True,
        ),
        "women": charts.share_ring(
            board.women,
            board.total,
            title=_("Tỷ lệ đoàn viên nữ"),
            centre=board.women_percent,
            caption=_("nữ"),
            chart_id="chart-women",
        ),
    }
    if board.has_units and not board.has_branches_below:
        result["units"] = charts.bar_chart(
            [
                (
                    _("Trực tiếp tại đơn vị") if row.own else row.unit.name,
                    row.total,
                    row.women,
                    "" if row.own else members_link(group=row.unit.pk),
                )
                for row in board.units
            ],
            title=_("Đoàn viên theo đơn vị trực thuộc"),
            chart_id="chart-units",
            part_label=_("nữ"),
        )
    levels: list[tuple[str, SafeString]] = [
        (
            label,
            charts.bar_chart(
                [
                    (name, n, None, members_link(**{LEVEL_FIELDS[kind]: pk or UNRECORDED}))
                    for pk, name, n in entries
                ],
                title=label,
                chart_id=f"chart-{kind}",
            ),
        )
        for kind, label, entries in board.levels
    ]
    result["levels"] = levels
    return result
