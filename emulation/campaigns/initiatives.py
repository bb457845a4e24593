"""Sáng kiến (work-improvement initiatives): their writes, the reads of the list page, the
year's figures and the .xlsx of a list.

Rules that live here once:
- an initiative has at least one author: a member picked from the organisation's subtree
  (new authors must be active members there; an author kept from before may have moved or
  retired since) or a person named in `other_authors`;
- the level of recognition is given only when the initiative is recognised (Initiative.clean);
- every change, the authors included, is in the history (django-simple-history tracks the
  authors M2M: each change of the set is a record of its own, by the same actor).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from emulation.models import Initiative
from members.models import Member, Organisation
from unionhub import access
from unionhub.access import Perm
from unionhub.audit import begin_save, stored_user
from unionhub.formatting import share
from unionhub.sheets import new_sheet, sheet_bytes, style_sheet
from unionhub.text import fold
from unionhub.tree import subtree_q

# The member's page lists this many of their latest initiatives.
RECENT_INITIATIVES = 10
# The share of members with an initiative that the reports aim at ("15% đoàn viên có sáng kiến").
TARGET_SHARE = Decimal(15)

Status, Level = Initiative.Status, Initiative.Level

# Offered on the form besides the fields the subtree used already.
COMMON_FIELDS = (
    "Chuyên môn, giảng dạy",
    "Quản lý, điều hành",
    "Chuyển đổi số, công nghệ thông tin",
    "Công tác công đoàn",
    "Kỹ thuật, nghiệp vụ",
)


# --- writes ----------------------------------------------------------------------------------


def _author_errors(initiative: Initiative, authors: list[Member]) -> list[str]:
    """What is wrong with the authors: none at all, or a new one who is not an active member of
    the organisation's subtree (one query)."""
    if not authors and not initiative.other_authors.strip():
        return [_("Tác giả: chọn ít nhất một đoàn viên hoặc ghi tên đồng tác giả khác.")]
    kept = set(initiative.authors.values_list("pk", flat=True)) if initiative.pk else set()
    new = {m.pk: m for m in authors if m.pk not in kept}
    if not new:
        return []
    allowed = set(
        Member.objects.active()
        .in_subtree(initiative.organisation)
        .filter(pk__in=new)
        .values_list("pk", flat=True)
    )
    return [
        _("Tác giả: %(name)s không phải đoàn viên đang sinh hoạt của %(org)s.")
        % {"name": member.full_name, "org": initiative.organisation.name}
        for pk, member in new.items()
        if pk not in allowed
    ]


@transaction.atomic
def initiative_save(*, initiative: Initiative, authors: Iterable[Member], actor) -> Initiative:
    """Create or correct an initiative and set its authors, all or nothing. Errors name the
    field they are about (`authors`, `level`, ...)."""
    authors = list(dict.fromkeys(authors))  # each once, in the order given
    errors: dict = {}
    if problems := _author_errors(initiative, authors):
        errors["authors"] = problems
    try:
        initiative.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    if initiative.pk is None:
        initiative.created_by = stored_user(actor)
    # Validated just above, with the authors' errors: save_audited's own full_clean would
    # only repeat it.
    initiative.search_text = fold(f"{initiative.name} {initiative.other_authors}")
    begin_save(initiative, actor=actor)
    initiative.save()
    # simple-history records each removal and addition, signed as the row's record.
    initiative.authors.set(authors)
    return initiative


@transaction.atomic
def initiative_delete(*, initiative: Initiative, actor) -> None:
    """Delete an initiative (its history keeps the last state and who deleted it)."""
    initiative._history_user = actor
    initiative.delete()


# --- reads -----------------------------------------------------------------------------------


def initiatives_in_scope(user) -> QuerySet:
    """The initiatives kept by organisations whose emulation records the user reads."""
    return Initiative.objects.filter(
        access.organisation_q(user, Perm.VIEW_EMULATION, field="organisation__path")
    )


def _authors_prefetch() -> Prefetch:
    return Prefetch("authors", queryset=Member.objects.order_by("sort_name", "pk"))


def filtered_initiatives(organisation: Organisation, data: dict) -> QuerySet:
    """The initiatives kept in the organisation's subtree, narrowed by the list's filters
    (cleaned data of InitiativeFilterForm): newest year first, then by name."""
    units = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
    qs = Initiative.objects.filter(organisation__in=units)
    if needle := (data.get("q") or "").strip():
        # Accents and case aside: an author by the members' folded names, the initiative by
        # its folded name and outside authors.
        folded = fold(needle)
        by_author = Initiative.authors.through.objects.filter(
            member__search_name__contains=folded
        ).values("initiative")
        qs = qs.filter(Q(search_text__contains=folded) | Q(pk__in=by_author))
    if data.get("year"):
        qs = qs.filter(year=data["year"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("level"):
        qs = qs.filter(level=data["level"])
    if data.get("field"):
        qs = qs.filter(field=data["field"])
    return qs.order_by("-year", "name", "id")


def initiative_fields(organisation: Organisation) -> list[str]:
    """The fields (lĩnh vực) the subtree's initiatives were entered with, for the list's filter
    and the form's suggestions (one query)."""
    units = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
    return list(
        Initiative.objects.filter(organisation__in=units)
        .exclude(field="")
        .order_by("field")
        .values_list("field", flat=True)
        .distinct()
    )


def initiative_page(queryset: QuerySet, number, size: int) -> Page:
    """One page of the list, each initiative with its organisation and its authors (one query
    for the authors of the whole page)."""
    rows = queryset.select_related("organisation").prefetch_related(_authors_prefetch())
    return Paginator(rows, size).get_page(number)


def member_initiatives(member: Member, limit: int = RECENT_INITIATIVES) -> list[Initiative]:
    """A member's latest initiatives (as an author, wherever they are kept), newest first: one
    query."""
    return list(
        member.initiatives.select_related("organisation").order_by("-year", "name", "id")[:limit]
    )


def author_names(initiative: Initiative) -> str:
    """The authors as the reports write them: the members (prefetched), then the others."""
    names = [m.full_name for m in initiative.authors.all()]
    if initiative.other_authors.strip():
        names.append(initiative.other_authors.strip())
    return ", ".join(names)


# --- the year's figures ----------------------------------------------------------------------


@dataclass
class InitiativeFigures:
    """The initiatives of one year in a subtree, as the reports count them."""

    year: int
    total: int = 0
    by_status: list[tuple[str, str, int]] = field(default_factory=list)  # value, label, n
    by_level: list[tuple[str, str, int]] = field(default_factory=list)  # of the recognised
    authors: int = 0  # distinct members among the authors (rejected initiatives not counted)
    members: int = 0  # active members of the subtree today

    @property
    def share(self) -> Decimal | None:
        return share(self.authors, self.members)

    @property
    def target_met(self) -> bool:
        return self.share is not None and self.share >= TARGET_SHARE

    @property
    def recognised(self) -> int:
        return sum(n for _v, _l, n in self.by_level)


def initiative_figures(organisation: Organisation, year: int) -> InitiativeFigures:
    """Counts of the year's initiatives kept in the subtree: in all, by status, the recognised
    ones by level; the members who authored one that was not rejected, and their share of the
    subtree's active members (three queries)."""
    units = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
    year_rows = Initiative.objects.filter(organisation__in=units, year=year)
    counts: dict[tuple[str, str], int] = {
        (row["status"], row["level"]): row["n"]
        for row in year_rows.order_by().values("status", "level").annotate(n=Count("pk"))
    }
    status_counts = {value: 0 for value in Status.values}
    level_counts = {value: 0 for value in Level.values}
    for (status, level), n in counts.items():
        status_counts[status] = status_counts.get(status, 0) + n
        if status == Status.RECOGNISED and level:
            level_counts[level] = level_counts.get(level, 0) + n
    authors = (
        Initiative.authors.through.objects.filter(
            initiative__in=year_rows.exclude(status=Status.REJECTED).values("pk")
        )
        .values("member")
        .distinct()
        .count()
    )
    return InitiativeFigures(
        year=year,
        total=sum(counts.values()),
        by_status=[(v, label, status_counts[v]) for v, label in Status.choices],
        by_level=[(v, label, level_counts[v]) for v, label in Level.choices],
        authors=authors,
        members=Member.objects.active().in_subtree(organisation).count(),
    )


# --- .xlsx -----------------------------------------------------------------------------------

XLSX_HEADER = (
    "STT",
    "Tên sáng kiến",
    "Tác giả",
    "Lĩnh vực",
    "Năm",
    "Tình trạng",
    "Cấp công nhận",
    "Hiệu quả",
)


def initiatives_xlsx(organisation: Organisation, queryset: QuerySet, heading: str) -> bytes:
    """The initiatives of `queryset` on one sheet, under the organisation's name and `heading`
    (what the list was filtered on); the authors read in chunks, not per row."""
    book, sheet = new_sheet("Sáng kiến")
    sheet.append([organisation.name])
    sheet.append([heading])
    sheet.append([])
    sheet.append(list(XLSX_HEADER))
    rows = queryset.prefetch_related(_authors_prefetch())
    for number, initiative in enumerate(rows.iterator(chunk_size=1000), start=1):
        sheet.append(
            [
                number,
                initiative.name,
                author_names(initiative),
                initiative.field,
                initiative.year,
                initiative.get_status_display(),
                initiative.get_level_display() if initiative.level else "",
                initiative.benefit,
            ]
        )
    style_sheet(
        sheet,
        header_row=4,
        money_columns=(),
        widths={"A": 6, "B": 48, "C": 32, "D": 18, "E": 8, "F": 18, "G": 18, "H": 48},
    )
    return sheet_bytes(book)
