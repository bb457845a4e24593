"""Bringing award decisions in from Excel: one row per recipient, rows of the same decision
number, signing date and title forming one decision.

`import_awards_xlsx` reads the sheet, looks every title, member and organisation up once, checks
each row (import_rows.py) and that the rows of a decision agree, then hands each decision to
services.decision_create (its rules for the recipients, the prize voucher), in one transaction:
all or nothing. A dry run (the preview) takes the same path and rolls back, so it checks exactly
what the import would.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.models import AwardDecision
from finance.models import Account
from members.models import Organisation
from unionhub.tables import Progress, RowError, cell_text, header_key, table_cell
from unionhub.text import fold
from unionhub.uploads import ImportFileError

from . import services
from .import_rows import (
    CARD,
    COLLECTIVE,
    COLUMNS,
    ISSUER,
    NAME,
    NUMBER,
    PRIZE,
    SIGNED,
    TITLE,
    YEAR,
    Lookups,
    Row,
    parse_row,
    read_sheet,
)

# A service's field -> the column named in its error.
_FIELD_COLUMNS = {
    "number": NUMBER,
    "signed_on": SIGNED,
    "issuer": ISSUER,
    "year": YEAR,
    "title": TITLE,
    "account": PRIZE,
    "prize": PRIZE,
}


@dataclass
class ImportedDecision:
    """The rows of one decision, in the order of the sheet; the header is the first row's."""

    rows: list[Row]

    @property
    def first(self) -> Row:
        return self.rows[0]

    @property
    def prize(self) -> int:
        return sum(r.prize for r in self.rows)

    def decision(self, organisation: Organisation) -> AwardDecision:
        first = self.first
        return AwardDecision(
            organisation=organisation,
            number=first.number,
            signed_on=first.signed_on,
            issuer=first.issuer,
            year=first.year,
            title=first.title,
        )


@dataclass
class AwardImport:
    """What an import did (or would do, on a dry run)."""

    decisions: list[ImportedDecision] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    file_error: str = ""
    account: Account | None = None
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error and bool(self.decisions)

    @property
    def rows(self) -> list[Row]:
        return [row for decision in self.decisions for row in decision.rows]

    @property
    def individuals(self) -> int:
        return sum(1 for r in self.rows if r.member)

    @property
    def collectives(self) -> int:
        return sum(1 for r in self.rows if r.organisation)

    @property
    def prize(self) -> int:
        return sum(d.prize for d in self.decisions)


def _group(rows: list[Row], errors: list[RowError]) -> list[ImportedDecision]:
    """Rows of one number, date and title are one decision: they must agree on the issuer and
    the year, and name each recipient once."""
    decisions: dict[tuple, ImportedDecision] = {}
    seen: dict[tuple, Row] = {}
    for row in rows:
        decision = decisions.setdefault(row.decision_key, ImportedDecision(rows=[]))
        first = decision.rows[0] if decision.rows else row
        problems = []
        if header_key(row.issuer) != header_key(first.issuer):
            problems.append((ISSUER, first.issuer))
        if row.year != first.year:
            problems.append((YEAR, first.year))
        for column, value in problems:
            errors.append(
                RowError(
                    row.row,
                    column,
                    _(
                        "Khác với dòng %(first)s của cùng quyết định số %(n)s (“%(value)s”): các "
                        "dòng của một quyết định ghi giống nhau."
                    )
                    % {"first": first.row, "n": row.number, "value": value},
                )
            )
        # The recipients already in the decision, by key: a scan of its rows for every row
        # made a 20,000-recipient decision's preview take minutes.
        twin = seen.get((row.decision_key, row.member, row.organisation))
        if twin is not None:
            errors.append(
                RowError(
                    row.row,
                    NAME if row.member else COLLECTIVE,
                    _("%(name)s đã có ở dòng %(first)s của cùng quyết định.")
                    % {"name": row.name, "first": twin.row},
                )
            )
        if not problems and twin is None:
            decision.rows.append(row)
            seen[(row.decision_key, row.member, row.organisation)] = row
    return [d for d in decisions.values() if d.rows]


def _already_entered(organisation: Organisation, decisions: list[ImportedDecision]) -> list:
    """Decisions of the file the subtree already keeps (same number, date and title)."""
    subtree = Organisation.objects.subtree_of(organisation).values("pk")
    stored = set(
        AwardDecision.objects.filter(
            organisation__in=subtree, number__in={d.first.number for d in decisions}
        ).values_list("number", "signed_on", "title")
    )
    keys = {(header_key(n), day, title) for n, day, title in stored}
    return [
        RowError(
            d.first.row,
            NUMBER,
            _("Quyết định số %(n)s ngày %(day)s về “%(title)s” đã có trong UnionHub.")
            % {"n": d.first.number, "day": f"{d.first.signed_on:%d/%m/%Y}", "title": d.first.title},
        )
        for d in decisions
        if d.first.decision_key in keys
    ]


def _service_errors(decision: ImportedDecision, error: ValidationError) -> list[RowError]:
    """A service's refusal, on the row of the recipient it names (else the decision's first)."""
    found = []
    items = (
        [(name, m) for name, messages in error.message_dict.items() for m in messages]
        if hasattr(error, "error_dict")
        else [("", m) for m in error.messages]
    )
    for name, message in items:
        row = next((r for r in decision.rows if message.startswith(f"{r.name}")), None)
        if row is not None:
            found.append(RowError(row.row, NAME if row.member else COLLECTIVE, message))
        else:
            found.append(RowError(decision.first.row, _FIELD_COLUMNS.get(name, ""), message))
    return found


def import_awards_xlsx(
    fileobj,
    *,
    organisation: Organisation,
    actor,
    prize_account: Account | None = None,
    dry_run: bool,
    progress: Progress | None = None,
) -> AwardImport:
    """Check (dry_run=True) or import (dry_run=False) award decisions kept by `organisation`;
    `progress(rows_read, rows_expected)` is told as the sheet is read.

    All or nothing: one transaction, rolled back when any row has an error. With
    `prize_account` (an account of the organisation's branch) each decision with prize money
    gets its draft payment voucher. The caller has checked MANAGE_EMULATION at `organisation`.
    """
    result = AwardImport(account=prize_account, dry_run=dry_run)
    try:
        mapping, data, result.notices = read_sheet(fileobj, progress=progress)
    except ImportFileError as problem:
        result.file_error = str(problem)
        return result
    filled = [(n, values) for n, values in data if any(cell_text(v) for v in values)]
    cards = {cell_text(table_cell(values, mapping, CARD)) for _n, values in filled} - {""}
    names = {fold(cell_text(table_cell(values, mapping, NAME))) for _n, values in filled} - {""}
    lookups = Lookups(organisation, cards, names)
    rows = []
    for excel_row, values in filled:
        row = parse_row(excel_row, values, mapping, lookups, result.errors)
        if row is not None:
            rows.append(row)
    if not rows and not result.errors:
        result.file_error = _("Tệp không có dòng nào dưới dòng tiêu đề.")
        return result
    result.decisions = _group(rows, result.errors)
    if result.decisions:
        result.errors.extend(_already_entered(organisation, result.decisions))
    if result.prize and prize_account is None:
        result.notices.append(
            _("Không chọn tài khoản chi: tiền thưởng được ghi nhận, không lập phiếu chi.")
        )
    with transaction.atomic():
        for decision in result.decisions:
            try:
                services.decision_create(
                    decision=decision.decision(organisation),
                    recipients=[row.recipient() for row in decision.rows],
                    actor=actor,
                    prize_account=prize_account,
                )
            except ValidationError as problem:
                result.errors.extend(_service_errors(decision, problem))
        if dry_run or result.errors:
            transaction.set_rollback(True)
    order = {header: n for n, (header, _guide) in enumerate(COLUMNS)}
    result.errors.sort(key=lambda e: (e.row or 0, order.get(e.column, len(order))))
    return result
