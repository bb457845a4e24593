"""Đăng ký thi đua: the writes of a unit's registrations for a campaign or a title and of their
year-end evaluation, and the registrations the grids show (the counts, the summary of a subtree
and a member's registrations: registration_selectors.py). Rules that live here once:
- only a unit inside the launcher's subtree registers for a campaign; members register when the
  campaign is for members (or the title is individual), groups when it is for groups, branches
  and sub-branches when it is for branches (or the title is collective); "Giỏi việc nước, đảm
  việc nhà" is for women members;
- a registrant registers once per year and target; a registration is kept where the registrant
  stood (`unit`: the member's organisation, or the collective itself);
- a registration already evaluated is not withdrawn; every save is all or nothing and in the
  history (django-simple-history).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from emulation.lists import YEAR_MAX, YEAR_MIN
from emulation.models import WOMEN_CAMPAIGN, AwardTitle, Campaign, Registration
from members.models import Member, Organisation
from unionhub.audit import stored_user

from .services import BRANCH_KINDS

Target = Campaign | AwardTitle
Registrant = Member | Organisation

COMMITMENT_MAX = 2000
NOTE_MAX = Registration._meta.get_field("result_note").max_length


# --- targets ---------------------------------------------------------------------------------


def target_filter(target: Target) -> dict:
    """The registrations of a campaign or of a title."""
    return {"campaign": target} if isinstance(target, Campaign) else {"title": target}


def for_members(target: Target) -> bool:
    if isinstance(target, Campaign):
        return target.for_members
    return target.subject == AwardTitle.Subject.INDIVIDUAL


def for_collective(target: Target, org: Organisation) -> bool:
    """Whether `org` itself may register for `target`."""
    if isinstance(target, AwardTitle):
        return target.subject == AwardTitle.Subject.COLLECTIVE and org.kind != org.Kind.UPPER
    if org.kind == Organisation.Kind.GROUP:
        return target.for_groups
    return org.kind in BRANCH_KINDS and target.for_branches


def _open_errors(target: Target, year: int) -> list[str]:
    """Why new registrations for `target` in `year` are refused (none: open)."""
    if isinstance(target, AwardTitle):
        return [] if target.active else [_("Danh hiệu “%(t)s” không còn dùng.") % {"t": target}]
    if not target.active:
        return [_("Phong trào “%(t)s” đã ngừng phát động.") % {"t": target}]
    if (target.starts_on and year < target.starts_on.year) or (
        target.ends_on and year > target.ends_on.year
    ):
        return [_("Phong trào “%(t)s” không diễn ra năm %(y)s.") % {"t": target, "y": year}]
    return []


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(_("Năm đăng ký không hợp lệ."))


def _name(registrant: Registrant) -> str:
    return registrant.full_name if isinstance(registrant, Member) else registrant.name


# --- registrations ---------------------------------------------------------------------------


def _registrant_error(target: Target, unit: Organisation, registrant, active: set[int]) -> str:
    name = _name(registrant)
    if isinstance(registrant, Member):
        if registrant.pk not in active:
            return _("%(name)s không phải đoàn viên đang sinh hoạt của %(unit)s.") % {
                "name": name,
                "unit": unit.name,
            }
        if not for_members(target):
            return _("%(name)s: “%(t)s” không dành cho cá nhân đoàn viên.") % {
                "name": name,
                "t": target,
            }
        if (
            isinstance(target, Campaign)
            and target.code == WOMEN_CAMPAIGN
            and registrant.gender != Member.Gender.FEMALE
        ):
            return _("%(name)s: “%(t)s” dành cho nữ đoàn viên.") % {"name": name, "t": target}
        return ""
    if not registrant.path.startswith(unit.path):
        return _("%(name)s không thuộc %(unit)s.") % {"name": name, "unit": unit.name}
    if not for_collective(target, registrant):
        return _("%(name)s: “%(t)s” không dành cho %(kind)s.") % {
            "name": name,
            "t": target,
            "kind": registrant.get_kind_display().lower(),
        }
    return ""


def registrations_of(
    target: Target, year: int, registrants, *, lock: bool = False
) -> dict[tuple[str, int], Registration]:
    """The registrations of `registrants` (members, collectives) for `target` in `year`,
    wherever they are kept, by registrant_key; locked for a write with `lock`."""
    members = [r.pk for r in registrants if isinstance(r, Member)]
    collectives = [r.pk for r in registrants if isinstance(r, Organisation)]
    rows = Registration.objects.select_for_update() if lock else Registration.objects.all()
    rows = (
        rows.filter(**target_filter(target), year=year)
        .filter(Q(member__in=members) | Q(collective__in=collectives))
        .select_related("unit")
        .order_by("pk")
    )
    return {("m", r.member_id) if r.member_id else ("o", r.collective_id): r for r in rows}


def kept_elsewhere(registration: Registration | None, unit: Organisation) -> bool:
    """Is a registrant's registration kept outside `unit`'s subtree (a member who moved after
    registering)? Only the unit that keeps it changes it."""
    return registration is not None and not registration.unit.path.startswith(unit.path)


def registrant_key(registrant: Registrant) -> tuple[str, int]:
    return ("m" if isinstance(registrant, Member) else "o", registrant.pk)


@transaction.atomic
def registrations_save(
    *,
    unit: Organisation,
    year: int,
    target: Target,
    entries: dict[Registrant, str | None],
    actor,
) -> None:
    """Đăng ký thi đua of members and collectives of `unit`'s subtree for `target` in `year`:
    a commitment text registers (or changes the commitment), None withdraws; registrants left
    out keep theirs. All or nothing: errors name the members and collectives."""
    _check_year(year)
    if isinstance(target, Campaign) and target.organisation_id:
        launcher = target.organisation
        if not unit.path.startswith(launcher.path):
            raise ValidationError(
                _("“%(t)s” do %(org)s phát động: chỉ các đơn vị thuộc %(org)s đăng ký.")
                % {"t": target, "org": launcher.name}
            )
    wanted = [m.pk for m in entries if isinstance(m, Member)]
    active = set(
        Member.objects.active().in_subtree(unit).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    stored = registrations_of(target, year, entries, lock=True)
    errors = []
    if any(c is not None and registrant_key(r) not in stored for r, c in entries.items()):
        errors += _open_errors(target, year)
    for registrant, commitment in entries.items():
        row = stored.get(registrant_key(registrant))
        if kept_elsewhere(row, unit):
            errors.append(
                _("%(name)s đăng ký tại %(unit)s: chỉ %(unit)s sửa, bỏ đăng ký này.")
                % {"name": _name(registrant), "unit": row.unit.name}
            )
            continue
        if commitment is None:
            if row is not None and row.result:
                errors.append(
                    _("%(name)s đã được đánh giá (%(result)s): không bỏ đăng ký được.")
                    % {"name": _name(registrant), "result": row.get_result_display()}
                )
            continue
        if error := _registrant_error(target, unit, registrant, active):
            errors.append(error)
        if len(commitment) > COMMITMENT_MAX:
            errors.append(
                _("%(name)s: nội dung đăng ký dài quá %(n)s ký tự.")
                % {"name": _name(registrant), "n": COMMITMENT_MAX}
            )
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    create, update, delete = [], [], []
    for registrant, commitment in entries.items():
        row = stored.get(registrant_key(registrant))
        if commitment is None:
            if row is not None:
                delete.append(row)
            continue
        commitment = commitment.strip()
        member = registrant if isinstance(registrant, Member) else None
        unit_id = member.organisation_id if member else registrant.pk
        if row is None:
            create.append(
                Registration(
                    **target_filter(target),
                    year=year,
                    member=member,
                    collective=None if member else registrant,
                    unit_id=unit_id,
                    commitment=commitment,
                    created_by=stored_user(actor),
                )
            )
        elif row.commitment != commitment:
            # Its unit stays where the registrant stood when registering.
            row.commitment = commitment
            update.append(row)
    user = stored_user(actor)
    if create:
        try:
            with transaction.atomic():
                bulk_create_with_history(create, Registration, default_user=user)
        except IntegrityError as error:
            # Someone registered one of them meanwhile (the unique constraints): nothing saved.
            raise ValidationError(
                _("Danh sách vừa được người khác cập nhật: mở lại trang và lưu lại.")
            ) from error
    if update:
        bulk_update_with_history(update, Registration, ["commitment"], default_user=user)
    for row in delete:  # withdrawals one by one keep their history entry simple
        row._history_user = user
        row.delete()


@transaction.atomic
def registrations_evaluate(
    *,
    unit: Organisation,
    year: int,
    target: Target,
    results: dict[Registration, tuple[str, str]],
    actor,
) -> None:
    """Đánh giá cuối năm: (result, note) of registrations of `unit`'s subtree for `target` in
    `year`; a blank result means not evaluated yet. All or nothing: errors name the
    registrants."""
    _check_year(year)
    stored = {
        r.pk: r
        for r in registrations_at(unit, year, target)
        .select_for_update(of=("self",))
        .filter(pk__in=[r.pk for r in results])
        .order_by("pk")
    }
    errors, update = [], []
    for registration, (result, note) in results.items():
        row = stored.get(registration.pk)
        name = _name(registration.registrant)
        if row is None:
            errors.append(
                _("%(name)s không có trong danh sách đăng ký của %(unit)s năm %(year)s.")
                % {"name": name, "unit": unit.name, "year": year}
            )
            continue
        result, note = result or "", (note or "").strip()
        if result not in ("", *Registration.Result.values):
            errors.append(_("%(name)s: kết quả đánh giá không hợp lệ.") % {"name": name})
        if len(note) > NOTE_MAX:
            errors.append(
                _("%(name)s: nhận xét dài quá %(n)s ký tự.") % {"name": name, "n": NOTE_MAX}
            )
        if (row.result, row.result_note) != (result, note):
            row.result, row.result_note = result, note
            update.append(row)
    if errors:
        raise ValidationError(errors)
    if update:
        bulk_update_with_history(
            update, Registration, ["result", "result_note"], default_user=stored_user(actor)
        )


# --- reads -----------------------------------------------------------------------------------


def registrations_at(unit: Organisation, year: int, target: Target) -> QuerySet[Registration]:
    """The registrations of `unit`'s subtree for `target` in `year`: collectives first, then
    members by unit and name."""
    subtree = Organisation.objects.subtree_of(unit).values("pk")
    return (
        Registration.objects.filter(**target_filter(target), year=year, unit__in=subtree)
        .select_related("member", "collective", "unit")
        .order_by(
            F("member").asc(nulls_first=True), "unit__path", "member__sort_name", "member", "pk"
        )
    )
