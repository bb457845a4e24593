"""Budgets, drives and loans to test on, entered through the services, and the rows a refused
request must leave unchanged."""

from datetime import date

from finance.funds import budgets, drives, loans
from finance.models import (
    BudgetLine,
    Category,
    Drive,
    DriveContribution,
    DriveForward,
    Loan,
    Voucher,
)
from tests.factories import MemberFactory
from tests.finance.factories import category

DAY = date(2025, 5, 10)


def drive(org, actor, name="Ngày vì người nghèo", year=2025) -> Drive:
    return drives.drive_save(
        drive=Drive(organisation=org, year=year, name=name, started_on=date(year, 5, 1)),
        actor=actor,
    )


def give(d: Drive, amount: int, *, actor, day=DAY, **source) -> DriveContribution:
    return drives.contribution_add(drive=d, day=day, amount=amount, actor=actor, **source)


def forward(d: Drive, amount: int, *, actor, day=date(2025, 6, 1)) -> DriveForward:
    return drives.forward_add(
        drive=d, day=day, recipient="LĐLĐ tỉnh Bến Tre", amount=amount, actor=actor
    )


def loan(org, member, actor, *, repaid_on=None, amount=30_000_000, borrowed_on=date(2024, 3, 1)):
    return loans.loan_save(
        loan=Loan(
            organisation=org,
            member=member,
            lender="Ngân hàng Chính sách xã hội",
            amount=amount,
            borrowed_on=borrowed_on,
            due_on=date(2027, 3, 1),
            repaid_on=repaid_on,
            purpose="Sửa nhà",
        ),
        actor=actor,
    )


def make_funds(f, org, group, other_group, actor, tag: str) -> None:
    """In `org`: a 2025 drive with a member's (200.000đ) and a group's (1.000.000đ)
    contribution and a forward (800.000đ), an empty drive, an outstanding and a repaid loan."""
    member = MemberFactory(organisation=group, full_name=f"Nguyễn Văn An {tag}")
    other = MemberFactory(organisation=other_group, full_name=f"Lê Thị Cúc {tag}")
    used = drive(org, actor)
    setattr(f, f"member_{tag}", member)
    setattr(f, f"other_{tag}", other)
    setattr(f, f"drive_{tag}", used)
    setattr(f, f"contribution_{tag}", give(used, 200_000, actor=actor, member=member))
    setattr(f, f"group_gift_{tag}", give(used, 1_000_000, actor=actor, group=other_group))
    setattr(f, f"forward_{tag}", forward(used, 800_000, actor=actor))
    setattr(f, f"empty_{tag}", drive(org, actor, name="Vì Trường Sa - Hoàng Sa"))
    setattr(f, f"loan_{tag}", loan(org, member, actor))
    setattr(f, f"repaid_{tag}", loan(org, other, actor, repaid_on=date(2025, 1, 15)))


def snapshot():
    """The funds' rows and the books' vouchers, to prove a refused request changed nothing."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (Drive, DriveContribution, DriveForward, Loan, Voucher)
    ]


def by_code(values: dict[str, int | None]) -> dict[Category, int | None]:
    return {category(code): amount for code, amount in values.items()}


def stored(org, year) -> dict[str, int]:
    return dict(
        BudgetLine.objects.filter(organisation=org, year=year).values_list(
            "category__code", "amount"
        )
    )


def save(books, year, values: dict[str, int | None], **extra):
    return budgets.budget_save(
        organisation=books.org, year=year, amounts=by_code(values), actor=books.actor, **extra
    )
