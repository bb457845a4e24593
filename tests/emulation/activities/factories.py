"""Activities to test on: entered through the services (with their payment vouchers and
attachments, and their figures read back) for the activity pages' tests, or written straight
to the tables (held, spend, grow) for the year view's, whose fixture counts by hand."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from emulation.activities import services
from emulation.activities.selectors import with_figures
from emulation.models import Activity, ActivityAttachment
from finance.ledger import services as finance_services
from finance.models import Account, Category, Voucher

PDF_BYTES = b"%PDF-1.4\n% hoi thao\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"0" * 40


def cash(org) -> Account:
    return Account.objects.create(
        organisation=org, kind="cash", name="Tiền mặt", opening_date=date(2025, 1, 1)
    )


def payment(account, *, day=date(2025, 3, 7), amount=2_000_000, post=True, **extra) -> Voucher:
    voucher = finance_services.voucher_create(
        organisation=account.organisation,
        actor=None,
        kind="payment",
        date=day,
        account=account,
        category=Category.objects.get(code=extra.pop("code", "C01")),
        amount=amount,
        description=extra.pop("description", "Tổ chức kỷ niệm ngày 8/3"),
        **extra,
    )
    return finance_services.voucher_post(voucher=voucher, actor=None) if post else voucher


def activity(org, *, name="Hội thao 26/3", starts_on=date(2025, 3, 26), **fields) -> Activity:
    return services.activity_save(
        activity=Activity(
            organisation=org,
            kind=fields.pop("kind", Activity.Kind.SPORTS),
            name=name,
            starts_on=starts_on,
            **fields,
        ),
        actor=None,
    )


def attach(a: Activity, name="ke-hoach.pdf", content=PDF_BYTES) -> ActivityAttachment:
    return services.activity_attachment_add(
        activity=a, upload=SimpleUploadedFile(name, content), actor=None
    )


def figures(a: Activity) -> Activity:
    return with_figures(Activity.objects.filter(pk=a.pk)).get()


# --- the year view ---------------------------------------------------------------------------

YEAR = 2025


def spend(account: Account, amount: int, *, post: bool = True, day=date(2025, 3, 1)) -> Voucher:
    """A payment for activities (C01) as the year view's fixture enters them."""
    return payment(account, day=day, amount=amount, post=post, description="Chi hoạt động")


def held(org, kind, name, starts_on, *, listed=(), vouchers=(), **fields) -> Activity:
    activity = Activity.objects.create(
        organisation=org, kind=kind, name=name, starts_on=starts_on, **fields
    )
    activity.participants.set(listed)
    activity.vouchers.add(*vouchers)
    return activity


def grow(year, n: int = 12) -> None:
    for i in range(n):
        held(
            year.tree.group_a2,
            Activity.Kind.TRAINING,
            f"Tập huấn {i}",
            date(2025, 9, 1 + i),
            listed=year.members,
            vouchers=[spend(year.cash, 100_000)],
            invited_count=5,
            results=f"Kết quả {i}",
        )
