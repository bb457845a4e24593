"""Writes about dues (đoàn phí): a group's collection, a branch's own rules, members' salary
bases. One function per use case, as in finance.ledger.services, whose voucher rules they go
through."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from finance.ledger.services import check_open, voucher_create
from finance.models import Account, Category, DuesPayment, DuesRule, SalaryBasis, Voucher
from finance.selectors import branch_of
from members.models import Organisation
from unionhub.audit import save_audited, stored_user
from unionhub.formatting import money


@transaction.atomic
def dues_collect(
    *,
    organisation: Organisation,
    group: Organisation,
    account: Account,
    day: date,
    payments: list[tuple],
    control_total: int | None,
    actor,
    description: str = "",
) -> Voucher:
    """A group's collected dues: one draft receipt for the batch (category DUES_CATEGORY) and
    the payment of each member and month behind it. `payments` holds (member, year, month,
    amount); the control total, when given, must equal their sum."""
    if not payments:
        raise ValidationError(_("Chưa nhập khoản đoàn phí nào."))
    errors = []
    total = 0
    for member, year, month, amount in payments:
        if not member.organisation.path.startswith(group.path):
            errors.append(
                _("%(name)s không thuộc %(group)s.")
                % {"name": member.full_name, "group": group.name}
            )
        if not isinstance(amount, int) or amount <= 0:
            errors.append(
                _("%(name)s, tháng %(month)s/%(year)s: số tiền phải là số đồng dương.")
                % {"name": member.full_name, "month": month, "year": year}
            )
        else:
            total += amount
    if errors:
        raise ValidationError(errors)
    if control_total is not None and control_total != total:
        raise ValidationError(
            {
                "control_total": _("Tổng kiểm tra %(control)s khác tổng đã nhập %(total)s.")
                % {"control": money(control_total), "total": money(total)}
            }
        )
    months = sorted({(year, month) for _m, year, month, _a in payments})
    label = ", ".join(f"{month}/{year}" for year, month in months)
    voucher = voucher_create(
        organisation=organisation,
        actor=actor,
        kind=Voucher.Kind.RECEIPT,
        date=day,
        account=account,
        category=Category.objects.get(code=settings.DUES_CATEGORY),
        amount=total,
        counterparty=group.name,
        description=description
        or _("Thu đoàn phí %(group)s tháng %(months)s") % {"group": group.name, "months": label},
    )
    rows = [
        DuesPayment(member=member, year=year, month=month, amount=amount, voucher=voucher)
        for member, year, month, amount in payments
    ]
    for row in rows:
        row.full_clean(exclude=["voucher"])
    bulk_create_with_history(rows, DuesPayment, default_user=stored_user(actor))
    return voucher


def _check_rule_month(organisation: Organisation, day: date) -> None:
    """A rule from a closed month would change what closed months owed and sent upward."""
    check_open(organisation, day, field="effective_from")


@transaction.atomic
def dues_rule_save(*, rule: DuesRule, actor) -> DuesRule:
    """Add or change a branch's own dues rule (the installation's are the administrator's)."""
    if rule.organisation_id is None:
        raise ValidationError(_("Quy định chung của hệ thống do quản trị viên sửa."))
    if rule.pk:
        stored = DuesRule.objects.select_for_update().get(pk=rule.pk)
        _check_rule_month(stored.organisation, stored.effective_from)
    _check_rule_month(rule.organisation, rule.effective_from)
    save_audited(rule, actor=actor)
    return rule


@transaction.atomic
def dues_rule_delete(*, rule: DuesRule, actor) -> None:
    if rule.organisation_id is None:
        raise ValidationError(_("Quy định chung của hệ thống do quản trị viên sửa."))
    _check_rule_month(rule.organisation, rule.effective_from)
    rule._history_user = actor
    rule.delete()


@transaction.atomic
def salary_basis_save(*, basis: SalaryBasis, actor) -> SalaryBasis:
    """Record a member's salary basis for dues from a date on (not from a closed month)."""
    branch = branch_of(basis.member.organisation)
    if branch is not None:
        check_open(branch, basis.effective_from, field="effective_from")
    save_audited(basis, actor=actor)
    return basis


@transaction.atomic
def salary_basis_delete(*, basis: SalaryBasis, actor) -> None:
    branch = branch_of(basis.member.organisation)
    if branch is not None:
        check_open(branch, basis.effective_from, field="effective_from")
    basis._history_user = actor
    basis.delete()
