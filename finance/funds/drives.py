"""Charity drives (cuộc vận động, quỹ xã hội): every write, and the demo's drives (the pages'
reads are in finance.funds.drive_selectors).

Drive money is collected from members and passed on; it never enters the union's books, so
nothing here makes or reads a voucher. Rules that live here once:
- a member or a group that gives belongs to the drive's branch;
- what a drive has passed on never exceeds what it collected (it holds no negative money):
  every change of a drive's entries takes a row lock on the drive first;
- a drive with entries is not deleted; nothing is dated after today;
- every change is in the history (django-simple-history), with the actor as recorded_by.
"""

import random
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_create_with_history

from finance.models import Drive, DriveContribution, DriveForward
from members.models import Member, Organisation
from unionhub.audit import save_audited, stored_user
from unionhub.formatting import money
from unionhub.text import clean_spaces

DUPLICATE_NAME = _lazy("Tên: năm %(year)s đơn vị đã có quỹ, cuộc vận động này.")

# Who gives as a whole: a group or a sub-branch of the drive's branch.
GROUP_KINDS = (Organisation.Kind.GROUP, Organisation.Kind.SUB_BRANCH)

# Names a branch uses year after year (the form suggests them; any other name is fine).
COMMON_NAMES = (
    "Ngày vì người nghèo",
    "Quỹ Mái ấm Công đoàn",
    "Ngày vì trẻ thơ",
    "Quỹ Đền ơn đáp nghĩa",
    "Vì Trường Sa - Hoàng Sa",
    "Ủng hộ một ngày lương",
)


def _in_branch(organisation: Organisation, branch: Organisation) -> bool:
    return organisation.path.startswith(branch.path)


def _check_day(day: date) -> None:
    if day > date.today():
        raise ValidationError({"date": _("Ngày: không ghi trước một khoản chưa diễn ra.")})


def _locked(drive: Drive) -> Drive:
    """The drive under a row lock: entries of one drive are changed one writer at a time."""
    return Drive.objects.select_for_update().select_related("organisation").get(pk=drive.pk)


def _held(drive: Drive) -> int:
    collected = drive.contributions.aggregate(n=Coalesce(Sum("amount"), Value(0)))["n"]
    forwarded = drive.forwards.aggregate(n=Coalesce(Sum("amount"), Value(0)))["n"]
    return collected - forwarded


# --- writes ----------------------------------------------------------------------------------


@transaction.atomic
def drive_save(*, drive: Drive, actor) -> Drive:
    """Launch or change a drive of a branch; a name is used once per branch and year."""
    if drive.organisation.kind != Organisation.Kind.BRANCH:
        raise ValidationError(_("Chỉ công đoàn cơ sở tổ chức cuộc vận động."))
    drive.name = clean_spaces(drive.name)
    taken = Drive.objects.filter(
        organisation=drive.organisation, year=drive.year, name__iexact=drive.name
    ).exclude(pk=drive.pk)
    if taken.exists():
        raise ValidationError({"name": DUPLICATE_NAME % {"year": drive.year}})
    save_audited(drive, actor=actor)
    return drive


@transaction.atomic
def drive_delete(*, drive: Drive, actor) -> None:
    """Delete a drive entered by mistake; one with contributions or forwards stays."""
    drive = _locked(drive)
    given, passed = drive.contributions.count(), drive.forwards.count()
    if given or passed:
        raise ValidationError(
            _(
                "Không xóa được: cuộc vận động đã có %(given)s khoản ủng hộ và %(passed)s khoản "
                "chuyển đi. Xóa các khoản đó trước."
            )
            % {"given": given, "passed": passed}
        )
    drive._history_user = actor
    drive.delete()


def _source_errors(drive: Drive, member: Member | None, group: Organisation | None) -> dict:
    branch = drive.organisation
    if (member is None) == (group is None):
        return {"member": _("Người ủng hộ: chọn một đoàn viên hoặc một tổ, không chọn cả hai.")}
    if member is not None and not _in_branch(member.organisation, branch):
        return {
            "member": _("Đoàn viên ủng hộ: %(name)s không thuộc %(branch)s.")
            % {"name": member.full_name, "branch": branch.name}
        }
    if group is not None and (
        group.kind not in GROUP_KINDS or not _in_branch(group, branch) or group.pk == branch.pk
    ):
        return {
            "group": _("Tổ công đoàn: %(name)s không phải tổ, công đoàn bộ phận của %(branch)s.")
            % {"name": group.name, "branch": branch.name}
        }
    return {}


@transaction.atomic
def contribution_add(
    *,
    drive: Drive,
    day: date,
    amount: int,
    actor,
    member: Member | None = None,
    group: Organisation | None = None,
    note: str = "",
) -> DriveContribution:
    """What one member, or one group as a whole, gave to a drive."""
    drive = _locked(drive)
    if errors := _source_errors(drive, member, group):
        raise ValidationError(errors)
    _check_day(day)
    contribution = DriveContribution(
        drive=drive,
        date=day,
        member=member,
        group=group,
        amount=amount,
        note=clean_spaces(note),
        recorded_by=stored_user(actor),
    )
    save_audited(contribution, actor=actor)
    return contribution


@transaction.atomic
def contributions_save_group(
    *,
    drive: Drive,
    group: Organisation,
    day: date,
    amounts: list[tuple[Member, int]],
    actor,
    note: str = "",
) -> list[DriveContribution]:
    """A group's members' contributions entered at once: all of them or none.

    `amounts` holds (member, đồng); every member must belong to the group, every amount be
    positive. The errors name each member concerned.
    """
    drive = _locked(drive)
    if errors := _source_errors(drive, None, group):
        raise ValidationError(errors)
    if not amounts:
        raise ValidationError(_("Chưa nhập khoản ủng hộ nào."))
    _check_day(day)
    problems = []
    for member, amount in amounts:
        if not _in_branch(member.organisation, group):
            problems.append(
                _("%(name)s không thuộc %(group)s.")
                % {"name": member.full_name, "group": group.name}
            )
        elif not isinstance(amount, int) or amount <= 0:
            problems.append(
                _("%(name)s: số tiền phải là số đồng dương.") % {"name": member.full_name}
            )
    if problems:
        raise ValidationError(problems)
    rows = [
        DriveContribution(
            drive=drive,
            date=day,
            member=member,
            amount=amount,
            note=clean_spaces(note),
            recorded_by=stored_user(actor),
        )
        for member, amount in amounts
    ]
    for row in rows:
        row.full_clean(exclude=["drive", "member"])
    return bulk_create_with_history(rows, DriveContribution, default_user=stored_user(actor))


@transaction.atomic
def contribution_delete(*, contribution: DriveContribution, actor) -> None:
    """Remove a contribution entered by mistake, unless the money has been passed on."""
    drive = _locked(contribution.drive)
    if _held(drive) - contribution.amount < 0:
        raise ValidationError(
            _(
                "Không xóa được: số tiền đã chuyển đi sẽ lớn hơn số vận động được. "
                "Xóa hoặc sửa khoản chuyển đi trước."
            )
        )
    contribution._history_user = actor
    contribution.delete()


@transaction.atomic
def forward_add(
    *, drive: Drive, day: date, recipient: str, amount: int, actor, note: str = ""
) -> DriveForward:
    """Money of a drive passed on (to the upper union, the fund, the people helped), up to
    what the drive holds."""
    drive = _locked(drive)
    _check_day(day)
    held = _held(drive)
    if amount > held:
        raise ValidationError(
            {
                "amount": _("Số tiền: lớn hơn số cuộc vận động đang giữ (%(held)s).")
                % {"held": money(held)}
            }
        )
    forward = DriveForward(
        drive=drive,
        date=day,
        recipient=clean_spaces(recipient),
        amount=amount,
        note=clean_spaces(note),
        recorded_by=stored_user(actor),
    )
    save_audited(forward, actor=actor)
    return forward


@transaction.atomic
def forward_delete(*, forward: DriveForward, actor) -> None:
    """Remove a forward entered by mistake (the money is counted as held again)."""
    _locked(forward.drive)
    forward._history_user = actor
    forward.delete()


# --- demo ------------------------------------------------------------------------------------


def demo_drives(org: Organisation, actor, today: date | None = None) -> int:
    """Drives of the last three years with contributions from members and from groups, and
    forwards (this year's not all passed on yet), entered through the services. Does nothing
    when the branch has drives already; the number of drives created."""
    today = today or date.today()
    if Drive.objects.filter(organisation=org).exists():
        return 0
    rng = random.Random(f"drives-{org.code}")
    groups = list(Organisation.objects.get_children(org).filter(kind__in=GROUP_KINDS)[:8])
    upper = Organisation.objects.get_parent(org)
    count = 0
    with transaction.atomic():
        for year in range(today.year - 2, today.year + 1):
            for month, name in ((5, COMMON_NAMES[0]), (8, COMMON_NAMES[1]), (10, COMMON_NAMES[3])):
                started = min(date(year, month, 5), today)
                drive = drive_save(
                    drive=Drive(organisation=org, year=year, name=name, started_on=started),
                    actor=actor,
                )
                count += 1
                _demo_entries(drive, groups, started, today, rng, actor)
                held = _held(drive)
                if held and (year < today.year or rng.random() < 0.5):
                    forward_add(
                        drive=drive,
                        day=min(started + timedelta(days=30), today),
                        recipient=(upper.name if upper else "Quỹ Mái ấm Công đoàn"),
                        amount=held if year < today.year else held // 2,
                        actor=actor,
                        note=f"Nộp về {name}",
                    )
    return count


def _demo_entries(drive, groups, started, today, rng, actor) -> None:
    day = min(started + timedelta(days=14), today)
    for i, group in enumerate(groups):
        if i % 3 == 2:
            contribution_add(
                drive=drive,
                day=day,
                amount=rng.randrange(10, 40) * 100_000,
                group=group,
                actor=actor,
                note="Tổ nộp chung",
            )
            continue
        members = list(Member.objects.active().in_subtree(group).order_by("sort_name", "pk")[:12])
        amounts = [(m, rng.choice((50_000, 100_000, 200_000, 500_000))) for m in members]
        if amounts:
            contributions_save_group(
                drive=drive, group=group, day=day, amounts=amounts, actor=actor
            )
