"""Rows of a voucher import that are already in the books, or twice in the file.

A row is the voucher it names by number (PT 0012/2025: the branch, kind and year the numbering
runs in) when that voucher has the row's kind, date and amount; a number the books gave to
another voucher is not this row's (a file from another branch or installation), and the row is
then matched like one without a number: by date, kind, account, line, amount and payer, one
voucher for one row, so two identical payments in the books hide two identical rows, not three.
The same number twice in a file is one voucher copied (skipped) or a mistake (an error).
`leave_out` sorts the rows an import read into those it adds and those it skips, each
skipped one with its reason for the preview.

The branch's vouchers of the file's dates and numbers are read in one query and matched in
memory: 20,000 rows cost that query, not 20,000.
"""

import re
from collections import deque
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from finance.models import Voucher
from members.models import Organisation
from unionhub.formatting import vn_date
from unionhub.text import clean_spaces

# What our export writes in "Số phiếu": "PT 0012/2025", "PC 0003/2024".
_NUMBER = re.compile(r"^(PT|PC)\s*0*(\d{1,9})\s*/\s*(\d{4})$", re.IGNORECASE)
_NUMBER_KINDS = {"PT": Voucher.Kind.RECEIPT, "PC": Voucher.Kind.PAYMENT}

Number = tuple[str, int, int]  # kind, year, number: a voucher's place in its branch's numbering


def parse_number(text: str) -> Number | None:
    """ "PT 0012/2025" -> ("receipt", 2025, 12); anything else (an office's own numbering)
    names no voucher of ours: None."""
    match = _NUMBER.match(text)
    if not match:
        return None
    prefix, number, year = match.groups()
    return _NUMBER_KINDS[prefix.upper()], int(year), int(number)


def number_label(number: Number) -> str:
    kind, year, value = number
    return f"{'PT' if kind == Voucher.Kind.RECEIPT else 'PC'} {value:04d}/{year}"


def content_key(
    *, day: date, kind: str, account_id: int, category_id, amount: int, counterparty: str
) -> tuple:
    """What makes a voucher without its number: payers compared without case or extra spaces."""
    party = clean_spaces(counterparty).casefold()
    return day, kind, account_id, category_id, amount, party


@dataclass(slots=True)
class Candidate:
    """A row of the file, as matched: its Excel row, number (if ours) and content."""

    row: int
    number: Number | None
    day: date
    kind: str
    amount: int
    key: tuple


@dataclass(slots=True)
class Known:
    """A voucher of the books that a row may repeat."""

    pk: int
    number: Number | None
    day: date
    amount: int
    key: tuple

    @property
    def label(self) -> str:
        if self.number is None:
            return _("phiếu nháp ngày %(day)s") % {"day": vn_date(self.day)}
        return number_label(self.number)


@dataclass
class Matches:
    """By Excel row: the voucher of the books it repeats (its label), the earlier row it
    copies (the reason), the error on its number; the rows whose number is another voucher's."""

    in_books: dict[int, str]
    in_file: dict[int, str]
    conflicts: dict[int, str]
    numbers_of_others: set[int]


def _books(organisation: Organisation, rows: list[Candidate]) -> list[Known]:
    """The branch's vouchers dated in the file's range or numbered as its rows: one query."""
    days = [r.day for r in rows]
    wanted = Q(date__range=(min(days), max(days)))
    numbers = [r.number for r in rows if r.number]
    if numbers:
        values = [n for _kind, _year, n in numbers]
        wanted |= Q(
            year__in={year for _kind, year, _n in numbers},
            number__range=(min(values), max(values)),
        )
    found = (
        Voucher.objects.filter(organisation=organisation)
        .filter(wanted)
        .order_by("date", "kind", "number", "id")
        .values_list(
            "pk",
            "kind",
            "year",
            "number",
            "date",
            "account_id",
            "category_id",
            "amount",
            "counterparty",
        )
    )
    return [
        Known(
            pk=pk,
            number=(kind, year, number) if number else None,
            day=day,
            amount=amount,
            key=content_key(
                day=day,
                kind=kind,
                account_id=account,
                category_id=category,
                amount=amount,
                counterparty=party,
            ),
        )
        for pk, kind, year, number, day, account, category, amount, party in found
    ]


def _same(row: Candidate, other: Candidate | Known) -> bool:
    """A number names one voucher: the row repeats it when kind, date and amount agree."""
    return (row.day, row.amount) == (other.day, other.amount) and row.key[1] == other.key[1]


def _find_repeats(organisation: Organisation, rows: list[Candidate]) -> Matches:
    """The rows (in file order) that repeat a voucher of `organisation`'s books or an earlier
    row of the file; see the module's docstring for the rules."""
    matches = Matches(in_books={}, in_file={}, conflicts={}, numbers_of_others=set())
    if not rows:
        return matches
    known = _books(organisation, rows)
    by_number = {k.number: k for k in known if k.number}
    by_content: dict[tuple, deque[Known]] = {}
    for voucher in known:
        by_content.setdefault(voucher.key, deque()).append(voucher)
    taken = set()  # the vouchers rows named by number, left in by_content (cheaper than removing)
    first_with: dict[Number, Candidate] = {}
    unmatched = []
    for row in rows:
        earlier = first_with.setdefault(row.number, row) if row.number else row
        if earlier is not row:
            values = {"row": earlier.row, "number": number_label(row.number)}
            if _same(row, earlier):
                matches.in_file[row.row] = (
                    _("Trùng với dòng %(row)s của tệp (cùng số phiếu %(number)s).") % values
                )
            else:
                matches.conflicts[row.row] = (
                    _(
                        "Số phiếu %(number)s đã có ở dòng %(row)s của tệp với nội dung khác: "
                        "sửa hoặc xóa số phiếu ở một trong hai dòng."
                    )
                    % values
                )
            continue
        voucher = by_number.get(row.number) if row.number else None
        if voucher is not None and _same(row, voucher):
            taken.add(voucher.pk)
            matches.in_books[row.row] = voucher.label
            continue
        if voucher is not None:
            matches.numbers_of_others.add(row.row)
        unmatched.append(row)
    # Numbers first, then content: a voucher a later row names by number is not taken
    # by an earlier row that only looks like it.
    for row in unmatched:
        same = by_content.get(row.key, ())
        while same and same[0].pk in taken:
            same.popleft()
        if same:
            matches.in_books[row.row] = same.popleft().label
    return matches


@dataclass
class Skipped:
    """A row left out, and why: already in the books, twice in the file, a transfer or a
    reversal of our export. `line` is the row as read, when it could be read."""

    row: int
    reason: str
    line: object = None


@dataclass
class Sorted:
    """The rows to import, those skipped, the rows whose number is an error, the counts."""

    new: list
    skipped: list[Skipped]
    conflicts: list[tuple[int, str]]
    notices: list[str]


def marked_reason(reverses: str, transfer: str) -> str:
    """Why a row of our export is never imported, or "": a reversal needs the voucher it
    corrects, a transfer its other half, and a file carries neither as such. `reverses` and
    `transfer` are its cells "Điều chỉnh cho phiếu" and "Chuyển tiền nội bộ với"."""
    if reverses:
        return _(
            "Phiếu điều chỉnh cho %(voucher)s: không nhập từ tệp; lập lại bằng “Điều chỉnh” "
            "trên phiếu gốc sau khi nhập."
        ) % {"voucher": reverses}
    if transfer:
        return _(
            "Chuyển tiền nội bộ: không nhập từ tệp; lập lại bằng “Chuyển tiền nội bộ” sau khi nhập."
        )
    return ""


def _candidate(row) -> Candidate:
    key = content_key(
        day=row.date,
        kind=row.kind,
        account_id=row.account.pk,
        category_id=row.category.pk if row.category else None,
        amount=row.amount,
        counterparty=row.counterparty,
    )
    return Candidate(row.row, row.number, row.date, row.kind, row.amount, key)


def leave_out(organisation: Organisation, rows: list, marked: dict[int, str]) -> Sorted:
    """Sort the rows an import read (finance.ledger.importing.Row): the repeats of the books or
    of the file are skipped, and so is a row that `marked` gives a reason not to import."""
    repeats = _find_repeats(organisation, [_candidate(row) for row in rows])
    done = Sorted(new=[], skipped=[], conflicts=[], notices=[])
    in_books_reason = _("Đã có trong sổ: %(voucher)s")
    for row in rows:
        if row.row in repeats.conflicts:
            done.conflicts.append((row.row, repeats.conflicts[row.row]))
        elif row.row in repeats.in_books:
            reason = in_books_reason % {"voucher": repeats.in_books[row.row]}
            done.skipped.append(Skipped(row.row, reason, row))
        elif reason := repeats.in_file.get(row.row) or marked.get(row.row):
            done.skipped.append(Skipped(row.row, reason, row))
        else:
            done.new.append(row)
    in_books, in_file = len(repeats.in_books), len(repeats.in_file)
    counts = [
        (in_books, _("%(n)d dòng đã có trong sổ: không nhập lại.")),
        (in_file, _("%(n)d dòng trùng số phiếu với một dòng trước đó của tệp: không nhập.")),
        (
            sum(bool(reason) for reason in marked.values()) - _marked_repeats(repeats, marked),
            _("%(n)d dòng chuyển tiền nội bộ hoặc phiếu điều chỉnh: không nhập từ tệp."),
        ),
        (
            sum(1 for row in done.new if row.row in repeats.numbers_of_others),
            _(
                "%(n)d dòng có số phiếu mà sổ đã dùng cho một phiếu khác (khác ngày hoặc số "
                "tiền): được nhập như phiếu mới, đánh số mới khi ghi sổ."
            ),
        ),
    ]
    done.notices = [message % {"n": n} for n, message in counts if n]
    return done


def _marked_repeats(repeats: Matches, marked: dict[int, str]) -> int:
    """The marked rows counted already as repeats (or as errors)."""
    taken = repeats.in_books.keys() | repeats.in_file.keys() | repeats.conflicts.keys()
    return sum(1 for row, reason in marked.items() if reason and row in taken)
