"""Bringing past books in from Excel: one voucher per row of the template (or of our export).

`import_vouchers_xlsx` reads the sheet, looks every account, category and member up once,
leaves out the rows already in the books (finance.ledger.duplicates) and the transfers and
reversals of an export, then hands the other rows, in date order, to vouchers_import
(voucher_create's rules for each row, one insert, numbers in date order), in one transaction:
all or nothing. A dry run (the preview) inserts drafts and rolls back, so it checks exactly
what the import would; nothing is numbered on a dry run.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_create_with_history

from finance.forms import MAX_AMOUNT, parse_money
from finance.models import Account, Category, ClosedPeriod, Voucher
from members.models import Member, Organisation
from unionhub.audit import stored_user
from unionhub.tables import (
    HEADER_SCAN_ROWS,
    RowError,
    cell_text,
    header_key,
    parse_date,
    read_table,
    table_cell,
)
from unionhub.uploads import ImportFileError

from .duplicates import Number, Skipped, leave_out, marked_reason, parse_number
from .services import check_voucher, closed_error, take_numbers

DATE = "Ngày"
KIND = "Loại phiếu"
ACCOUNT = "Tài khoản"
CATEGORY = "Mã mục"
AMOUNT = "Số tiền"
PARTY = "Người nộp/nhận tiền"
REASON = "Lý do"
CARD = "Số thẻ đoàn viên liên quan"
# Columns of our export that the import reads besides the template's: the number finds a row
# already in the books; a reversal or a transfer is named and left out (marked_reason).
NUMBER = "Số phiếu"
REVERSES = "Điều chỉnh cho phiếu"
TRANSFER = "Chuyển tiền nội bộ với"
# The template's columns, in order, with what the guide sheet says of each.
COLUMNS = [
    (DATE, _lazy("Bắt buộc. dd/mm/yyyy (ví dụ 05/03/2024) hoặc định dạng ngày của Excel.")),
    (KIND, _lazy("Bắt buộc. Thu hoặc Chi (cũng nhận “Phiếu thu”, “PT”, “Phiếu chi”, “PC”).")),
    (ACCOUNT, _lazy("Tên tài khoản như trong UnionHub, hoặc “Tiền mặt”/“Tiền gửi”.")),
    (CATEGORY, _lazy("Bắt buộc. Mã mục thu chi, ví dụ T01, C02.1 (xem trang “Mục thu chi”).")),
    (AMOUNT, _lazy("Bắt buộc. Số nguyên đồng, lớn hơn 0: 1500000 hoặc 1.500.000.")),
    (PARTY, _lazy("Họ tên người nộp hoặc người nhận tiền.")),
    (REASON, _lazy("Bắt buộc. Nội dung thu, chi.")),
    (CARD, _lazy("Số thẻ của đoàn viên được thăm hỏi, trợ cấp... (nếu có).")),
]
# The preview lists this many skipped rows (the view lists as many rows to import).
SKIPPED_SHOWN = 300
# Columns of our export that the import reads past.
EXPORT_ONLY = ["Tên mục", "Trạng thái", "STT"]

_ALIASES = {
    DATE: ["ngay chung tu", "ngay thang", "ngay lap"],
    KIND: ["loai", "thu/chi", "loai chung tu"],
    ACCOUNT: ["quy", "tai khoan/quy"],
    CATEGORY: ["muc", "ma muc thu chi", "muc thu chi"],
    AMOUNT: ["so tien (dong)", "so tien (d)", "thanh tien"],
    PARTY: ["nguoi nop/nhan", "nguoi nop", "nguoi nhan", "ho ten nguoi nop/nhan"],
    REASON: ["noi dung", "dien giai", "ly do thu/chi"],
    CARD: ["so the doan vien", "so the"],
}
_KINDS = {
    "thu": Voucher.Kind.RECEIPT,
    "phieu thu": Voucher.Kind.RECEIPT,
    "pt": Voucher.Kind.RECEIPT,
    "chi": Voucher.Kind.PAYMENT,
    "phieu chi": Voucher.Kind.PAYMENT,
    "pc": Voucher.Kind.PAYMENT,
}
# A service's field -> the column named in its error.
_FIELD_COLUMNS = {
    "date": DATE,
    "kind": KIND,
    "account": ACCOUNT,
    "category": CATEGORY,
    "amount": AMOUNT,
    "counterparty": PARTY,
    "description": REASON,
    "member": CARD,
}


_key = header_key


HEADERS = {
    _key(h): h for h in [*(header for header, _guide in COLUMNS), NUMBER, REVERSES, TRANSFER]
}
for _header, _spellings in _ALIASES.items():
    HEADERS.update({_key(spelling): _header for spelling in _spellings})
IGNORED = {_key(header) for header in EXPORT_ONLY}


@dataclass
class Row:
    """A row of the sheet, checked and looked up: ready for voucher_create."""

    row: int
    date: date
    kind: str
    account: Account
    category: Category | None  # None only on a transfer's row, which is never imported
    amount: int
    counterparty: str
    description: str
    member: Member | None
    number: Number | None = None  # "PT 0012/2025" of our export: the voucher it was

    def fields(self) -> dict:
        return {
            "kind": self.kind,
            "date": self.date,
            "account": self.account,
            "category": self.category,
            "amount": self.amount,
            "counterparty": self.counterparty,
            "description": self.description,
            "member": self.member,
        }


@dataclass
class VoucherImport:
    """What an import did (or would do, on a dry run): `rows` are the vouchers it adds."""

    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    file_error: str = ""
    posted: bool = True
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error and bool(self.rows)

    @property
    def skipped_shown(self) -> list[Skipped]:
        return self.skipped[:SKIPPED_SHOWN]

    @property
    def skipped_hidden(self) -> int:
        return max(len(self.skipped) - SKIPPED_SHOWN, 0)

    @property
    def receipts(self) -> int:
        return sum(r.amount for r in self.rows if r.kind == Voucher.Kind.RECEIPT)

    @property
    def payments(self) -> int:
        return sum(r.amount for r in self.rows if r.kind == Voucher.Kind.PAYMENT)


def _read_sheet(
    fileobj, progress=None
) -> tuple[dict[int, str], list[tuple[int, tuple]], list[str]]:
    """Column index -> header, the data rows with their Excel row numbers, notices."""
    return read_table(
        fileobj,
        progress=progress,
        limit=settings.VOUCHER_IMPORT_MAX_BYTES,
        headers=HEADERS,
        ignored=IGNORED,
        required=(DATE, AMOUNT),
        missing=_(
            "Không tìm thấy dòng tiêu đề: trong %(rows)s dòng đầu không có cột “Ngày” và "
            "“Số tiền”. Hãy dùng tệp mẫu."
        )
        % {"rows": HEADER_SCAN_ROWS},
    )


class _Lookups:
    """The branch's accounts, every category, and the members named by card in the file."""

    def __init__(self, organisation: Organisation, cards: set[str]):
        accounts = list(Account.objects.filter(organisation=organisation))
        self.accounts = {_key(a.name): a for a in accounts}
        for kind, label in Account.Kind.choices:
            of_kind = [a for a in accounts if a.kind == kind]
            if len(of_kind) == 1:
                self.accounts.setdefault(_key(label), of_kind[0])
                self.accounts.setdefault(_key(kind), of_kind[0])
        self.accounts.setdefault(_key("Tiền gửi"), self.accounts.get(_key("bank")))
        self.only_account = accounts[0] if len(accounts) == 1 else None
        self.categories = {c.code.casefold(): c for c in Category.objects.all()}
        members = (
            Member.objects.in_subtree(organisation)
            .filter(card_number__in=cards)
            .select_related("organisation")
        )
        self.members = {m.card_number: m for m in members}


_cell = table_cell


def _parse(
    excel_row: int, values: tuple, mapping, lookups: _Lookups, errors: list, *, transfer: bool
) -> Row | None:
    """The row checked and looked up, or None with its problems added to `errors`. A transfer's
    row (of our export) has no line."""
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(RowError(excel_row, column, message))

    text = {header: cell_text(_cell(values, mapping, header)) for header, _guide in COLUMNS}
    try:
        day = parse_date(_cell(values, mapping, DATE))
    except ValueError as problem:
        error(DATE, str(problem))
        day = None
    else:
        if day is None:
            error(DATE, _("Chưa ghi ngày."))
    kind = _KINDS.get(_key(text[KIND]))
    if kind is None:
        error(KIND, _("“%(value)s”: ghi Thu hoặc Chi.") % {"value": text[KIND]})
    account = lookups.accounts.get(_key(text[ACCOUNT])) if text[ACCOUNT] else lookups.only_account
    if account is None:
        error(
            ACCOUNT,
            _("Không có tài khoản “%(value)s” trong đơn vị.") % {"value": text[ACCOUNT]}
            if text[ACCOUNT]
            else _("Đơn vị có nhiều tài khoản: ghi tên tài khoản."),
        )
    code = text[CATEGORY].split(" ")[0].casefold()
    category = lookups.categories.get(code)
    if category is None and not (transfer and not code):
        error(CATEGORY, _("Không có mục thu chi mã “%(value)s”.") % {"value": text[CATEGORY]})
    raw_amount = _cell(values, mapping, AMOUNT)
    amount = raw_amount if isinstance(raw_amount, int) else parse_money(text[AMOUNT])
    if isinstance(raw_amount, float) and raw_amount.is_integer():
        amount = int(raw_amount)
    if not amount or not 0 < amount < MAX_AMOUNT:
        error(
            AMOUNT,
            _("“%(value)s” không phải số tiền nguyên đồng lớn hơn 0.") % {"value": text[AMOUNT]},
        )
    if not text[REASON]:
        error(REASON, _("Chưa ghi lý do thu, chi."))
    member = lookups.members.get(text[CARD]) if text[CARD] else None
    if text[CARD] and member is None:
        error(
            CARD, _("Không có đoàn viên số thẻ “%(value)s” trong đơn vị.") % {"value": text[CARD]}
        )
    if len(errors) > before:
        return None
    return Row(
        row=excel_row,
        date=day,
        kind=kind,
        account=account,
        category=category,
        amount=amount,
        counterparty=text[PARTY][:255],
        description=text[REASON][:500],
        member=member,
        number=parse_number(cell_text(_cell(values, mapping, NUMBER))),
    )


# Foreign keys the importer resolved itself (full_clean would query each one again).
IMPORT_TRUSTED = [
    "number",
    "organisation",
    "account",
    "category",
    "member",
    "counterparty_member",
    "reverses",
    "transfer_pair",
    "posted_by",
]


class RowsInvalid(ValidationError):
    """Some of many vouchers break the rules: `by_row` maps each one's index to its error."""

    def __init__(self, by_row: dict[int, ValidationError]):
        super().__init__([message for error in by_row.values() for message in error.messages])
        self.by_row = by_row


@transaction.atomic
def vouchers_import(
    *, organisation: Organisation, rows: list[dict], post: bool, actor
) -> list[Voucher]:
    """Many receipts and payments at once (a branch bringing its past books): the rules of
    voucher_create for each, then one insert; posted ones are numbered in the order given.

    All or nothing: RowsInvalid names every row that breaks a rule, and nothing is written.
    The closed periods and the sequences are read once, not once per voucher.
    """
    closed = {(p.year, p.month): p for p in ClosedPeriod.objects.filter(organisation=organisation)}
    vouchers, by_row = [], {}
    for index, fields in enumerate(rows):
        voucher = Voucher(organisation=organisation, **fields)
        voucher.year = voucher.date.year
        period = closed.get((voucher.year, None)) or closed.get((voucher.year, voucher.date.month))
        try:
            if period is not None:
                raise closed_error(period, voucher.date, "date")
            check_voucher(voucher)
            # The fields' own rules; the related rows were looked up by the caller, and the
            # constraints are the database's to enforce at the insert below.
            voucher.full_clean(exclude=IMPORT_TRUSTED, validate_constraints=False)
        except ValidationError as error:
            by_row[index] = error
        vouchers.append(voucher)
    if by_row:
        raise RowsInvalid(by_row)
    if post:
        posted_at = timezone.now()
        by_sequence: dict[tuple[str, int], list[Voucher]] = {}
        for voucher in vouchers:
            by_sequence.setdefault((voucher.kind, voucher.year), []).append(voucher)
        for (_kind, _year), batch in sorted(by_sequence.items()):
            for voucher, number in zip(batch, take_numbers(batch[0], len(batch)), strict=True):
                voucher.number = number
                voucher.state = Voucher.State.POSTED
                voucher.posted_at = posted_at
                voucher.posted_by = stored_user(actor)
    return bulk_create_with_history(
        vouchers,
        Voucher,
        batch_size=1000,
        default_user=stored_user(actor),
    )


def _service_errors(excel_row: int, error: ValidationError) -> list[RowError]:
    if hasattr(error, "error_dict"):
        return [
            RowError(excel_row, _FIELD_COLUMNS.get(name, ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [RowError(excel_row, "", message) for message in error.messages]


def _check(result: VoucherImport, *, organisation, actor, post: bool, dry_run: bool) -> None:
    """vouchers_import on the rows to import: kept, or rolled back on a dry run or an error."""
    with transaction.atomic():
        try:
            vouchers_import(
                organisation=organisation,
                rows=[row.fields() for row in result.rows],
                post=post and not dry_run,
                actor=actor,
            )
        except RowsInvalid as problem:
            for index, error in problem.by_row.items():
                result.errors.extend(_service_errors(result.rows[index].row, error))
        if dry_run or result.errors:
            transaction.set_rollback(True)


def import_vouchers_xlsx(
    fileobj, *, organisation: Organisation, actor, post: bool, dry_run: bool, progress=None
) -> VoucherImport:
    """Check (dry_run=True) or import (dry_run=False) vouchers into `organisation`'s books.

    All or nothing: one transaction, rolled back when any row has an error. Rows are created in
    date order, so posting numbers them as the books ran. `post=False` leaves them as drafts to
    check and post on the voucher list. The caller has checked MANAGE_FINANCE at `organisation`.
    `progress(rows_read, rows_expected)` is told as the sheet is read.
    """
    result = VoucherImport(posted=post, dry_run=dry_run)
    try:
        mapping, data, result.notices = _read_sheet(fileobj, progress)
    except ImportFileError as problem:
        result.file_error = str(problem)
        return result
    filled = [(n, values) for n, values in data if any(cell_text(v) for v in values)]
    cards = {cell_text(_cell(values, mapping, CARD)) for _n, values in filled} - {""}
    lookups = _Lookups(organisation, cards)
    parsed, marked = [], {}
    for excel_row, values in filled:
        # A row never imported may hold what the template would refuse: it is named, not wrong.
        transfer = cell_text(_cell(values, mapping, TRANSFER))
        marked[excel_row] = marked_reason(cell_text(_cell(values, mapping, REVERSES)), transfer)
        errors = [] if marked[excel_row] else result.errors
        row = _parse(excel_row, values, mapping, lookups, errors, transfer=bool(transfer))
        if row is not None:
            parsed.append(row)
        elif marked[excel_row]:
            result.skipped.append(Skipped(excel_row, marked[excel_row]))
    sorted_out = leave_out(organisation, parsed, marked)
    result.rows, result.skipped = sorted_out.new, result.skipped + sorted_out.skipped
    result.skipped.sort(key=lambda s: s.row)
    result.errors += [RowError(n, NUMBER, message) for n, message in sorted_out.conflicts]
    result.notices += sorted_out.notices
    if result.skipped and not result.rows and not result.errors:
        result.notices.append(_("Không có chứng từ mới nào để nhập."))
    if not result.rows and not result.errors and not result.skipped:
        result.file_error = _("Tệp không có dòng chứng từ nào dưới dòng tiêu đề.")
        return result
    result.rows.sort(key=lambda r: (r.date, r.row))
    if result.rows:
        _check(result, organisation=organisation, actor=actor, post=post, dry_run=dry_run)
    order = {header: n for n, (header, _guide) in enumerate(COLUMNS)}
    result.errors.sort(key=lambda e: (e.row or 0, order.get(e.column, len(order))))
    return result
