"""Member statistics of an organisation's subtree at a date, reconstructed from lifecycle events.

Who was a member on a day, and where, is read from the events (the latest one on or before the
day), not from today's status. Profile facts (gender, levels, party membership) are the ones
recorded now: the registry keeps no history of them. Every figure is an SQL aggregate, a fixed
handful of queries whatever the size of the organisation.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from members.models import LevelChoice, Member, MemberEvent, Organisation

# Age bands reports use, in whole years on the chosen day: (label, youngest, oldest).
AGE_BANDS = [
    ("Dưới 30 tuổi", None, 29),
    ("Từ 30 đến 39 tuổi", 30, 39),
    ("Từ 40 đến 49 tuổi", 40, 49),
    ("Từ 50 đến 59 tuổi", 50, 59),
    ("Từ 60 tuổi trở lên", 60, None),
]
LEVEL_FIELDS = {
    LevelChoice.Kind.POLITICAL: "political_level",
    LevelChoice.Kind.PROFESSIONAL: "professional_level",
    LevelChoice.Kind.LANGUAGE: "language_level",
    LevelChoice.Kind.IT: "it_level",
}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_band_q(day: date, youngest: int | None, oldest: int | None, *, via: str = "") -> Q:
    """Members aged youngest..oldest whole years on `day` (either bound may be open).

    `via` prefixes the field for queries that reach the member through a relation.
    """
    q = Q()
    if youngest is not None:
        q &= Q(**{f"{via}date_of_birth__lte": _years_before(day, youngest)})
    if oldest is not None:
        q &= Q(**{f"{via}date_of_birth__gt": _years_before(day, oldest + 1)})
    return q


@dataclass
class Statistics:
    organisation: Organisation
    day: date
    total: int = 0
    women: int = 0
    party: int = 0
    employment: list[tuple[str, str, int]] = field(default_factory=list)  # value, label, n
    levels: dict[str, list[tuple[int | None, str, int]]] = field(default_factory=dict)
    age_bands: list[tuple[int, str, int]] = field(default_factory=list)  # index, label, n
    unknown_age: int = 0
    by_unit: list[tuple[Organisation, int, int]] = field(default_factory=list)  # unit, n, women


# Up to this many organisations in a subtree, statistics are grouped per organisation and
# folded into units here; above, grouped per unit by the database.
GROUP_BY_ORGANISATION_UP_TO = 2000
ONE = Value(1)


def _counts(day: date, choices: list[LevelChoice], via: str = "") -> dict[str, Count]:
    """Every figure as a conditional count; `via` reaches the member through a relation."""

    # COUNT(1), not COUNT(id): nothing to read per row (Django refuses COUNT(*) with a filter).
    def count(**condition) -> Count:
        return Count(ONE, filter=Q(**{f"{via}{k}": v for k, v in condition.items()}))

    counts = {
        "total": Count(ONE),
        "women": count(gender=Member.Gender.FEMALE),
        "party": count(party_member=True),
        "unknown_age": count(date_of_birth__isnull=True),
    }
    for value, _label in Member.Employment.choices:
        counts[f"employment_{value}"] = count(employment=value)
    for index, (_label, youngest, oldest) in enumerate(AGE_BANDS):
        counts[f"age_{index}"] = Count(ONE, filter=age_band_q(day, youngest, oldest, via=via))
    for choice in choices:
        counts[f"level_{choice.pk}"] = count(**{LEVEL_FIELDS[choice.kind]: choice.pk})
    for kind, field_name in LEVEL_FIELDS.items():
        counts[f"unrecorded_{kind}"] = count(**{f"{field_name}__isnull": True})
    return counts


def statistics_on(org: Organisation, day: date) -> Statistics:
    """The figures every report opens with, for `org`'s subtree on `day`.

    Membership on `day` as Member.objects.members_on rebuilds it, split in its two parts so
    each can be grouped by the unit directly under `org` where the member stood that day:
    members unchanged since `day` stood where they are now (read from the covering index
    member_stats_idx, no row fetched); members changed since stood where their event of that
    day put them. Two grouped queries give every figure, per unit; the units are summed here.
    """
    choices = list(LevelChoice.objects.filter(kind__in=LEVEL_FIELDS))
    prefix_len = len(org.path) + Organisation.steplen
    subtree = Organisation.objects.subtree_of(org).values_list("pk", "path")
    paths = dict(subtree[: GROUP_BY_ORGANISATION_UP_TO + 1])
    if len(paths) <= GROUP_BY_ORGANISATION_UP_TO:
        # Grouped per organisation: no join to read paths, which SQLite pays for every member.
        group_by = F("organisation")
        unit_of = {pk: path[:prefix_len] for pk, path in paths.items()}.__getitem__
    else:
        group_by = Substr("organisation__path", 1, prefix_len)
        unit_of = str
    changed = MemberEvent.objects.filter(date__gt=day).values("member")
    unchanged = (
        Member.objects.active()
        .in_subtree(org)
        .exclude(pk__in=changed)
        .annotate(unit=group_by)
        .order_by()
        .values("unit")
        .annotate(**_counts(day, choices))
    )
    moved = (
        MemberEvent.objects.standing_on(day)
        .in_subtree(org)
        .filter(member__in=changed)
        .annotate(unit=group_by)
        .order_by()
        .values("unit")
        .annotate(**_counts(day, choices, via="member__"))
    )
    row: Counter = Counter()
    per_unit: dict[str, Counter] = {}
    for unit_row in [*unchanged, *moved]:
        unit = unit_of(unit_row.pop("unit"))
        row.update(unit_row)
        per_unit.setdefault(unit, Counter()).update(unit_row)
    levels = {kind: [] for kind in LEVEL_FIELDS}
    for choice in sorted(choices, key=lambda c: (c.order, c.name)):
        levels[choice.kind].append((choice.pk, choice.name, row[f"level_{choice.pk}"]))
    for kind in LEVEL_FIELDS:
        levels[kind].append((None, "Chưa ghi nhận", row[f"unrecorded_{kind}"]))
    return Statistics(
        organisation=org,
        day=day,
        total=row["total"],
        women=row["women"],
        party=row["party"],
        unknown_age=row["unknown_age"],
        employment=[
            (value, str(label), row[f"employment_{value}"])
            for value, label in Member.Employment.choices
        ],
        age_bands=[
            (index, label, row[f"age_{index}"]) for index, (label, _y, _o) in enumerate(AGE_BANDS)
        ],
        levels=levels,
        by_unit=[
            (unit, counts["total"], counts["women"])
            for unit in [org, *Organisation.objects.get_children(org)]
            if (counts := per_unit.get(unit.path, Counter()))["total"] or unit.pk != org.pk
        ],
    )


def member_counts_on(org: Organisation, days: list[date]) -> dict[date, int]:
    """Members of `org`'s subtree on each of `days`, as Member.objects.members_on counts them,
    in two queries whatever the number of days.

    Counted back from today: the members there now, less those each later event brought in,
    plus those it took out. An event brings a member in when it leaves them active in the
    subtree; it takes them out when their previous event had left them so. Summed over a
    member's events after a day, that telescopes to "there now" minus "there on the day", so
    the result is members_on's (both rest on a member's state mirroring their latest event),
    while reading only the events since the earliest day.
    """
    if not days:
        return {}
    subtree = Organisation.objects.subtree_of(org).values("pk")
    now = Member.objects.active().in_subtree(org).count()
    previous = (
        MemberEvent.objects.filter(member=OuterRef("member"))
        .filter(Q(date__lt=OuterRef("date")) | Q(date=OuterRef("date"), id__lt=OuterRef("id")))
        .order_by("-date", "-id")
    )
    active = Member.Status.ACTIVE
    ordered = sorted(set(days))
    # Each event once, in the bucket of how many of the days come before it: it counts for
    # exactly those days. (One grouped pass: the previous-event lookups run once per event.)
    bucket = Case(
        *(When(date__gt=day, then=Value(n)) for n, day in reversed(list(enumerate(ordered, 1)))),
        default=Value(0),
    )
    flows = (
        MemberEvent.objects.filter(
            # An event records where the member goes (organisation) and, for a transfer, where
            # they come from; an ending is recorded where they were. One that touches neither
            # inside the subtree moves nobody in or out of it.
            Q(organisation__in=subtree) | Q(from_organisation__in=subtree),
            date__gt=ordered[0],
        )
        .annotate(
            bucket=bucket,
            before_status=Subquery(previous.values("status_after")[:1]),
            before_org=Subquery(previous.values("organisation")[:1]),
        )
        .order_by()
        .values("bucket")
        .annotate(
            came_in=Count("id", filter=Q(status_after=active, organisation__in=subtree)),
            went_out=Count("id", filter=Q(before_status=active, before_org__in=subtree)),
        )
    )
    net = {row["bucket"]: row["came_in"] - row["went_out"] for row in flows}
    counts = {
        day: now - sum(n for b, n in net.items() if b > index) for index, day in enumerate(ordered)
    }
    return {day: counts[day] for day in days}


@dataclass
class Movements:
    admitted: int = 0
    reinstated: int = 0
    transferred_in: int = 0
    transferred_out: int = 0  # to another unit of the installation, outside this subtree
    departures: list[tuple[str, str, int]] = field(default_factory=list)  # kind, label, n


def _movement_conditions(org: Organisation) -> dict[str, Q]:
    """Which events each movement figure counts: the figures and their lists share them."""
    subtree = Organisation.objects.subtree_of(org).values("pk")
    inside = Q(organisation__in=subtree)
    came_from_inside = Q(from_organisation__in=subtree)
    kinds = MemberEvent.Kind
    return {
        "admitted": inside & Q(kind=kinds.ADMITTED),
        "reinstated": inside & Q(kind=kinds.REINSTATED),
        "transferred_in": inside & ~came_from_inside & Q(kind=kinds.TRANSFERRED),
        "transferred_out": came_from_inside & ~inside & Q(kind=kinds.TRANSFERRED),
        **{f"left_{kind}": inside & Q(kind=kind) for kind in MemberEvent.ENDINGS},
    }


def movement_labels() -> dict[str, str]:
    """Each movement figure's name, as the statistics page and the event list title it."""
    return {
        "admitted": _("Kết nạp mới"),
        "reinstated": _("Sinh hoạt trở lại"),
        "transferred_in": _("Chuyển đến (từ đơn vị khác trong hệ thống)"),
        "transferred_out": _("Chuyển sang đơn vị khác trong hệ thống"),
        **{f"left_{kind}": str(kind.label) for kind in MemberEvent.ENDINGS},
    }


def movement_events(org: Organisation, start: date, end: date, figure: str):
    """The events one movement figure counts (KeyError for an unknown figure)."""
    condition = _movement_conditions(org)[figure]
    return MemberEvent.objects.filter(condition, date__gte=start, date__lte=end)


def movements_between(org: Organisation, start: date, end: date) -> Movements:
    """Admissions, returns, transfers and departures in `org`'s subtree from start to end."""
    row = MemberEvent.objects.filter(date__gte=start, date__lte=end).aggregate(
        **{
            figure: Count("id", filter=condition)
            for figure, condition in _movement_conditions(org).items()
        }
    )
    return Movements(
        admitted=row["admitted"],
        reinstated=row["reinstated"],
        transferred_in=row["transferred_in"],
        transferred_out=row["transferred_out"],
        departures=[
            (kind.value, str(kind.label), row[f"left_{kind}"]) for kind in MemberEvent.ENDINGS
        ],
    )
