"""Loans a branch vouches for (tín chấp vay vốn): every write, the list's reads, its sheet and
the demo's loans.

The money is the lender's (the social policy bank, a fund), never the union's: nothing here
makes or reads a voucher. Rules that live here once: the borrower is a member of the branch;
a loan is repaid on or after the day it was borrowed and not in the future; a repaid loan is
not repaid again; every change is in the history.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from finance.models import Loan
from members.models import Member, Organisation
from unionhub.audit import save_audited
from unionhub.formatting import vn_date
from unionhub.sheets import new_sheet, sheet_bytes, style_sheet
from unionhub.text import clean_spaces, fold

OUTSTANDING, REPAID, ALL = "outstanding", "repaid", "all"


@transaction.atomic
def loan_save(*, loan: Loan, actor) -> Loan:
    """Record or correct a vouched loan of a member of the branch."""
    branch = loan.organisation
    if branch.kind != Organisation.Kind.BRANCH:
        raise ValidationError(_("Chỉ công đoàn cơ sở đứng ra tín chấp cho đoàn viên vay vốn."))
    if loan.member_id and not loan.member.organisation.path.startswith(branch.path):
        raise ValidationError(
            {
                "member": _("Đoàn viên vay: %(name)s không thuộc %(branch)s.")
                % {"name": loan.member.full_name, "branch": branch.name}
            }
        )
    if loan.repaid_on and loan.repaid_on > date.today():
        raise ValidationError({"repaid_on": _("Ngày trả hết: không ghi trước ngày chưa đến.")})
    loan.lender = clean_spaces(loan.lender)
    loan.purpose = clean_spaces(loan.purpose)
    save_audited(loan, actor=actor)
    return loan


@transaction.atomic
def loan_repay(*, loan: Loan, day: date, actor) -> Loan:
    """Mark a loan repaid in full on `day`."""
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if loan.repaid_on:
        raise ValidationError(
            _("Khoản vay đã được ghi trả hết ngày %(day)s.") % {"day": vn_date(loan.repaid_on)}
        )
    if day < loan.borrowed_on:
        raise ValidationError(
            {
                "date": _("Ngày trả hết: không được trước ngày vay (%(day)s).")
                % {"day": vn_date(loan.borrowed_on)}
            }
        )
    if day > date.today():
        raise ValidationError({"date": _("Ngày trả hết: không ghi trước ngày chưa đến.")})
    loan.repaid_on = day
    save_audited(loan, actor=actor, update_fields=["repaid_on"])
    return loan


@transaction.atomic
def loan_delete(*, loan: Loan, actor) -> None:
    """Delete a loan entered by mistake (the history keeps it)."""
    loan._history_user = actor
    loan.delete()


# --- reads -----------------------------------------------------------------------------------


def loans_of(organisation: Organisation, *, state: str = OUTSTANDING, q: str = "") -> QuerySet:
    """The branch's loans, outstanding, repaid or all, whose borrower's name contains `q`
    (accents and case ignored); the newest first."""
    loans = Loan.objects.filter(organisation=organisation)
    if state == OUTSTANDING:
        loans = loans.filter(repaid_on__isnull=True)
    elif state == REPAID:
        loans = loans.filter(repaid_on__isnull=False)
    if needle := fold(q):
        loans = loans.filter(member__search_name__contains=needle)
    return loans.select_related("member__organisation").order_by("-borrowed_on", "-id")


@dataclass
class LoanTotals:
    count: int
    amount: int
    outstanding_count: int
    outstanding: int
    overdue_count: int


def loan_totals(loans: QuerySet, today: date) -> LoanTotals:
    """Counts and đồng of a selection of loans, outstanding and overdue among them: one query."""
    open_ = Q(repaid_on__isnull=True)
    row = loans.order_by().aggregate(
        n=Count("id"),
        total=Coalesce(Sum("amount"), Value(0)),
        open_n=Count("id", filter=open_),
        open_total=Coalesce(Sum("amount", filter=open_), Value(0)),
        overdue_n=Count("id", filter=open_ & Q(due_on__lt=today)),
    )
    return LoanTotals(row["n"], row["total"], row["open_n"], row["open_total"], row["overdue_n"])


def loans_xlsx(loans, *, title: str) -> bytes:
    """The list as a sheet, amounts as numbers."""
    book, sheet = new_sheet("Vay vốn")
    sheet.append([title])
    sheet.append([])
    sheet.append(
        [
            "STT",
            "Đoàn viên vay",
            "Tổ công đoàn",
            "Nơi cho vay",
            "Số tiền vay (đồng)",
            "Ngày vay",
            "Hạn trả",
            "Ngày trả hết",
            "Mục đích vay",
        ]
    )
    total = 0
    for n, loan in enumerate(loans, start=1):
        total += loan.amount
        sheet.append(
            [
                n,
                loan.member.full_name,
                loan.member.organisation.name,
                loan.lender,
                loan.amount,
                vn_date(loan.borrowed_on),
                vn_date(loan.due_on),
                vn_date(loan.repaid_on),
                loan.purpose,
            ]
        )
    sheet.append(["", "Cộng", "", "", total])
    style_sheet(
        sheet,
        header_row=3,
        money_columns="E",
        widths={"B": 28, "C": 24, "D": 32, "E": 18, "F": 12, "G": 12, "H": 12, "I": 32},
    )
    return sheet_bytes(book)


# --- demo ------------------------------------------------------------------------------------

LENDERS = (
    "Ngân hàng Chính sách xã hội",
    "Quỹ Trợ vốn công nhân, lao động nghèo tự tạo việc làm (CEP)",
    "Quỹ Quốc gia về việc làm",
)
PURPOSES = ("Sửa chữa nhà ở", "Chăn nuôi, trồng trọt", "Cho con đi học", "Buôn bán nhỏ")


def demo_loans(org: Organisation, actor, today: date | None = None) -> int:
    """Loans vouched for a few members of the branch over the last three years, some repaid,
    entered through the services. Does nothing when the branch has loans; the number made."""
    today = today or date.today()
    if Loan.objects.filter(organisation=org).exists():
        return 0
    rng = random.Random(f"loans-{org.code}")
    members = list(Member.objects.active().in_subtree(org).order_by("sort_name", "pk")[:60])
    chosen = rng.sample(members, min(6, len(members)))
    with transaction.atomic():
        for i, member in enumerate(chosen):
            borrowed = today - timedelta(days=rng.randrange(60, 1000))
            loan = loan_save(
                loan=Loan(
                    organisation=org,
                    member=member,
                    lender=LENDERS[i % len(LENDERS)],
                    amount=rng.randrange(2, 11) * 10_000_000,
                    borrowed_on=borrowed,
                    due_on=borrowed + timedelta(days=365 * rng.choice((1, 2, 3))),
                    purpose=PURPOSES[i % len(PURPOSES)],
                ),
                actor=actor,
            )
            if loan.due_on < today and i % 2 == 0:
                loan_repay(loan=loan, day=min(loan.due_on, today), actor=actor)
    return len(chosen)
