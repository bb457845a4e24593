"""Ratings (xếp loại): the writes of a group's member grid and of the units one level below an
organisation (their summary: selectors.py). Rules that live here once:
- a member is rated by the year's grid of a group whose subtree they are active in; the rating
  records where they stood (`unit`), and the summaries count it there;
- a group, sub-branch or branch is rated by the organisation directly above it; the older
  wording (vững mạnh...) is kept as recorded and must agree with the rating it maps to;
- a blank rating removes the year's rating; every save is all or nothing, every change is in
  the history (django-simple-history), unchanged rows are not written again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from emulation.lists import YEAR_MAX, YEAR_MIN
from emulation.models import (
    OLD_TO_RATING,
    MemberRating,
    MonthlyGrade,
    OldWording,
    OrganisationRating,
    Rating,
)
from members.models import Member, Organisation
from unionhub.audit import stored_user

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
