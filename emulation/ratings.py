"""Ratings (xếp loại): the writes of a group's member grid and of the units one level below an
organisation, and the yearly summary of a subtree. Rules that live here once:
- a member is rated by the year's grid of a group whose subtree they are active in; the rating
  records where they stood (`unit`), and the summaries count it there;
- a group, sub-branch or branch is rated by the organisation directly above it; the older
  wording (vững mạnh...) is kept as recorded and must agree with the rating it maps to;
- a blank rating removes the year's rating; every save is all or nothing, every change is in
  the history (django-simple-history), unchanged rows are not written again.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from members.models import Member, Organisation
from unionhub.audit import stored_user
from unionhub.sheets import new_sheet, sheet_bytes

from .lists import YEAR_MAX, YEAR_MIN
from .models import (
    OLD_TO_RATING,
    WOMEN_CAMPAIGN,
    WOMEN_TITLE,
    Award,
    AwardTitle,
    Campaign,
    MemberRating,
    MonthlyGrade,
    OldWording,
    OrganisationRating,
    Rating,
    Registration,
)

# Who the organisation above rates: one level down, never an upper union.
RATED_KINDS = (
    Organisation.Kind.GROUP,
    Organisation.Kind.SUB_BRANCH,
    Organisation.Kind.BRANCH,
)
NOTE_MAX = 255


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(_("Năm xếp loại không hợp lệ."))


def _note_error(name: str, note: str) -> str | None:
    if len(note) > NOTE_MAX:
        return _("%(name)s: ghi chú dài quá %(n)s ký tự.") % {"name": name, "n": NOTE_MAX}
    return None


def _write(model, *, create: list, update: list, delete: list, fields: list[str], actor) -> None:
    """Write the changed rows of a grid with their history entries, by `actor`."""
    user = stored_user(actor)
    if create:
        bulk_create_with_history(create, model, default_user=user)
    if update:
        bulk_update_with_history(update, model, fields, default_user=user)
    for row in delete:  # removals are rare: one by one keeps their history entry simple
        row._history_user = user
        row.delete()


@transaction.atomic
def member_ratings_save(
    *,
    group: Organisation,
    year: int,
    ratings: dict[Member, str | None],
    actor,
    notes: dict[Member, str] | None = None,
) -> None:
    """Set, change or remove (None / "") the `year` ratings of members of `group`'s subtree;
    members left out of `ratings` keep theirs. All or nothing: errors name the members."""
    _check_year(year)
    notes = notes or {}
    wanted = {m.pk for m in ratings}
    active = set(
        Member.objects.active().in_subtree(group).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    errors = []
    for member, rating in ratings.items():
        if member.pk not in active:
            errors.append(
                _("%(name)s không phải đoàn viên đang sinh hoạt của %(group)s.")
                % {"name": member.full_name, "group": group.name}
            )
        elif rating and rating not in Rating.values:
            errors.append(_("%(name)s: xếp loại không hợp lệ.") % {"name": member.full_name})
        if error := _note_error(member.full_name, notes.get(member, "")):
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    stored = {
        r.member_id: r
        for r in MemberRating.objects.select_for_update()
        .filter(year=year, member__in=wanted)
        .order_by("pk")
    }
    create, update, delete = [], [], []
    for member, rating in ratings.items():
        row = stored.get(member.pk)
        note = notes.get(member, row.note if row else "").strip()
        if not rating:
            if row is not None:
                delete.append(row)
        elif row is None:
            create.append(
                MemberRating(
                    member=member,
                    year=year,
                    rating=rating,
                    unit_id=member.organisation_id,
                    note=note,
                )
            )
        elif (row.rating, row.unit_id, row.note) != (rating, member.organisation_id, note):
            row.rating, row.unit_id, row.note = rating, member.organisation_id, note
            update.append(row)
    _write(
        MemberRating,
        create=create,
        update=update,
        delete=delete,
        fields=["rating", "unit", "note"],
        actor=actor,
    )


@transaction.atomic
def monthly_grades_save(
    *, group: Organisation, year: int, grades: dict[tuple[Member, int], str | None], actor
) -> None:
    """Phân hạng: set, change or remove (None / "") the A/B/C grade of (member, month) of
    `year` for members of `group`'s subtree; cells left out keep theirs. All or nothing."""
    _check_year(year)
    wanted = {m.pk for m, _month in grades}
    active = set(
        Member.objects.active().in_subtree(group).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    errors = []
    for (member, month), grade in grades.items():
        if member.pk not in active:
            errors.append(
                _("%(name)s không phải đoàn viên đang sinh hoạt của %(group)s.")
                % {"name": member.full_name, "group": group.name}
            )
        elif not (isinstance(month, int) and 1 <= month <= 12):
            errors.append(_("%(name)s: tháng không hợp lệ.") % {"name": member.full_name})
        elif grade and grade not in MonthlyGrade.Grade.values:
            errors.append(
                _("%(name)s, tháng %(month)s: hạng phải là A, B hoặc C.")
                % {"name": member.full_name, "month": month}
            )
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    stored = {
        (g.member_id, g.month): g
        for g in MonthlyGrade.objects.select_for_update()
        .filter(year=year, member__in=wanted)
        .order_by("pk")
    }
    create, update, delete = [], [], []
    for (member, month), grade in grades.items():
        row = stored.get((member.pk, month))
        if not grade:
            if row is not None:
                delete.append(row)
        elif row is None:
            create.append(MonthlyGrade(member=member, year=year, month=month, grade=grade))
        elif row.grade != grade:
            row.grade = grade
            update.append(row)
    _write(MonthlyGrade, create=create, update=update, delete=delete, fields=["grade"], actor=actor)


def rated_children(parent: Organisation):
    """The organisations `parent` rates: its groups, sub-branches or branches one level down."""
    return Organisation.objects.get_children(parent).filter(kind__in=RATED_KINDS)


@transaction.atomic
def organisation_ratings_save(
    *,
    parent: Organisation,
    year: int,
    ratings: dict[Organisation, tuple[str, str]],
    actor,
    notes: dict[Organisation, str] | None = None,
) -> None:
    """Set, change or remove the `year` ratings (rating, old wording) of the units directly
    below `parent`. A blank rating with an old wording takes the rating it maps to; both
    blank removes the rating. All or nothing: errors name the units."""
    _check_year(year)
    notes = notes or {}
    children = set(rated_children(parent).values_list("pk", flat=True))
    errors, cleaned = [], {}
    for org, (rating, old) in ratings.items():
        rating, old = rating or "", old or ""
        if org.pk not in children:
            errors.append(
                _("%(name)s không phải đơn vị trực thuộc %(parent)s.")
                % {"name": org.name, "parent": parent.name}
            )
            continue
        if old and old not in OldWording.values:
            errors.append(_("%(name)s: cách gọi cũ không hợp lệ.") % {"name": org.name})
            continue
        if not rating and old:
            rating = OLD_TO_RATING[old]
        if rating and rating not in Rating.values:
            errors.append(_("%(name)s: xếp loại không hợp lệ.") % {"name": org.name})
        elif old and OLD_TO_RATING[old] != rating:
            errors.append(
                _("%(name)s: cách gọi cũ “%(old)s” không khớp với xếp loại “%(rating)s”.")
                % {
                    "name": org.name,
                    "old": OldWording(old).label,
                    "rating": Rating(rating).label,
                }
            )
        if error := _note_error(org.name, notes.get(org, "")):
            errors.append(error)
        cleaned[org] = (rating, old)
    if errors:
        raise ValidationError(errors)
    stored = {
        r.organisation_id: r
        for r in OrganisationRating.objects.select_for_update()
        .filter(year=year, organisation__in=[o.pk for o in cleaned])
        .order_by("pk")
    }
    create, update, delete = [], [], []
    for org, (rating, old) in cleaned.items():
        row = stored.get(org.pk)
        note = notes.get(org, row.note if row else "").strip()
        if not rating:
            if row is not None:
                delete.append(row)
        elif row is None:
            create.append(
                OrganisationRating(
                    organisation=org, year=year, rating=rating, old_wording=old, note=note
                )
            )
        elif (row.rating, row.old_wording, row.note) != (rating, old, note):
            row.rating, row.old_wording, row.note = rating, old, note
            update.append(row)
    _write(
        OrganisationRating,
        create=create,
        update=update,
        delete=delete,
        fields=["rating", "old_wording", "note"],
        actor=actor,
    )


# --- the summary -----------------------------------------------------------------------------


def percent(n: int, total: int) -> Decimal | None:
    """n of total in %, one decimal; None when nothing was rated."""
    if not total:
        return None
    return (Decimal(100) * n / total).quantize(Decimal("0.1"))


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
            (value, self.counts.get(value, 0), percent(self.counts.get(value, 0), total))
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
        return percent(self.achieved, self.women)


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
