"""Books to test on: a branch's books with a few vouchers, and the vouchers and accounts the
finance tests add to them, all entered through the services."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from finance.ledger import services
from finance.models import Account, Category, Voucher

START = date(2025, 1, 1)


def category(code: str) -> Category:
    return Category.objects.get(code=code)


def make_voucher(books, kind, code, amount, day, *, post=True, **extra) -> Voucher:
    voucher = services.voucher_create(
        organisation=books.org,
        actor=books.actor,
        kind=kind,
        date=day,
        account=extra.pop("account", books.cash),
        category=category(code),
        amount=amount,
        counterparty=extra.pop("counterparty", "Nguyễn Văn Nộp"),
        description=extra.pop("description", f"{kind} {code}"),
        **extra,
    )
    if post:
        services.voucher_post(voucher=voucher, actor=books.actor)
        voucher.refresh_from_db()
    return voucher


def make_books(org, actor, *, opening: int = 5_000_000):
    """A branch's books: a cash box opened on 01/01/2025, a posted receipt and payment, a draft
    receipt, the year 2024 closed."""
    cash = services.account_save(
        account=Account(
            organisation=org,
            kind=Account.Kind.CASH,
            name="Quỹ tiền mặt",
            opening_balance=opening,
            opening_date=START,
        ),
        actor=actor,
    )
    books = type("Books", (), {"org": org, "actor": actor, "cash": cash})
    books.receipt = make_voucher(books, "receipt", "T01", 2_000_000, date(2025, 3, 1))
    books.payment = make_voucher(books, "payment", "C02.1", 500_000, date(2025, 3, 5))
    books.draft = make_voucher(books, "receipt", "T02", 1_000_000, date(2025, 3, 10), post=False)
    books.period = services.period_close(organisation=org, year=2024, month=None, actor=actor)
    books.attachment = services.attachment_add(
        voucher=books.draft, upload=SimpleUploadedFile("hoa-don.pdf", PDF_BYTES), actor=actor
    )
    return books


PDF_BYTES = b"%PDF-1.4\n% scanned receipt\n%%EOF\n"


def open_bank(books) -> Account:
    return services.account_save(
        account=Account(
            organisation=books.org,
            kind=Account.Kind.BANK,
            name="Tiền gửi",
            bank_account="0071",
            opening_balance=0,
            opening_date=START,
        ),
        actor=books.actor,
    )


def add_vouchers(books, n: int) -> None:
    for i in range(n):
        kind, code = ("receipt", "T03.4") if i % 2 else ("payment", "C02.2")
        make_voucher(books, kind, code, 10_000 + i, date(2025, 6, 1 + i % 28))
    make_voucher(books, "payment", "C01", 5_000, date(2025, 6, 2), post=False)


def draft(books, *, kind="receipt", day=date(2025, 3, 10), amount=1_000_000, code=None, **extra):
    code = code or ("T01" if kind == "receipt" else "C01")
    return services.voucher_create(
        organisation=books.org,
        actor=None,
        kind=kind,
        date=day,
        account=extra.pop("account", books.cash),
        category=category(code),
        amount=amount,
        description=extra.pop("description", "Thu đoàn phí"),
        **extra,
    )


def posted(books, **kwargs) -> Voucher:
    return services.voucher_post(voucher=draft(books, **kwargs), actor=None)
