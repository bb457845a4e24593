"""The year of activities of an organisation's subtree: what happened, how many took part, what
it cost and what was won. One selector (`activity_year`) reads it in one query; the page, the
.xlsx and the document section (`activity_year_blocks`, which a report places among its own
blocks) are functions of what it returns.

An activity belongs to the year it starts in. "Taking part" is added up over activities: the
same member at two activities counts twice (lượt người), as reports count them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from openpyxl.styles import Alignment, Font

from emulation.models import Activity
from members.models import Organisation
from members.organisations.letterhead import letterhead_for, signature_for
from unionhub.documents import Block, Document, Heading, Paragraph, Table
from unionhub.formatting import share, table_money, vn_date
from unionhub.sheets import MONEY_FORMAT, new_sheet, sheet_bytes
from unionhub.tree import subtree_q

from .selectors import attendance_rate, taking_part, total_cost, with_figures


@dataclass
class ActivityRow:
    """One activity as the year view shows it (figures from selectors.py)."""

    activity: Activity
    taking_part: int
    attendance: Decimal | None  # % of the invited, when an invited count was entered
    cost: int  # đồng: standing payment vouchers + other sources
    results: list[str]

    @property
    def dates(self) -> str:
        """The date, or the span "05/03 – 07/03/2025" (whole dates when the years differ)."""
        start, end = self.activity.starts_on, self.activity.ends_on
        if not end or end == start:
            return vn_date(start)
        first = start.strftime("%d/%m") if start.year == end.year else vn_date(start)
        return f"{first} – {vn_date(end)}"

    @property
    def kind_label(self) -> str:
        return str(Activity.Kind(self.activity.kind).label)

    @property
    def organiser(self) -> str:
        org = self.activity.organisation
        return org.short_name or org.name


@dataclass
class KindTotal:
    """The activities of one kind in the year."""

    kind: str
    label: str
    count: int = 0
    taking_part: int = 0
    cost: int = 0
    # Over the activities with an invited count only (study sessions, training).
    invited: int = 0
    attending: int = 0

    @property
    def attendance(self) -> Decimal | None:
        return share(self.attending, self.invited)


@dataclass(frozen=True)
class Won:
    """A result or prize, with the activity it was won at."""

    text: str
    row: ActivityRow


@dataclass
class ActivityYear:
    """The activities organised in `organisation`'s subtree that start in `year`, in date
    order; their totals, a summary per kind (in the kinds' order) and what they won."""

    organisation: Organisation
    year: int
    rows: list[ActivityRow] = field(default_factory=list)
    kinds: list[KindTotal] = field(default_factory=list)
    won: list[Won] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def taking_part(self) -> int:
        return sum(row.taking_part for row in self.rows)

    @property
    def cost(self) -> int:
        return sum(row.cost for row in self.rows)

    @property
    def several_organisers(self) -> bool:
        """Whether units below the organisation held some of them (the organiser column)."""
        return any(row.activity.organisation_id != self.organisation.pk for row in self.rows)


def activity_year(organisation: Organisation, year: int) -> ActivityYear:
    """The year view of `organisation`'s subtree: one query, whatever the number of
    activities."""
    activities = with_figures(
        Activity.objects.filter(
            subtree_q(organisation.path, "organisation__path"), starts_on__year=year
        )
        .select_related("organisation")
        .order_by("starts_on", "ends_on", "name", "pk")
    )
    view = ActivityYear(organisation, year)
    kinds = {kind: KindTotal(kind, str(label)) for kind, label in Activity.Kind.choices}
    for activity in activities:
        row = ActivityRow(
            activity=activity,
            taking_part=taking_part(activity),
            attendance=attendance_rate(activity),
            cost=total_cost(activity),
            results=activity.result_lines,
        )
        view.rows.append(row)
        view.won.extend(Won(text, row) for text in row.results)
        total = kinds[activity.kind]
        total.count += 1
        total.taking_part += row.taking_part
        total.cost += row.cost
        if activity.invited_count:
            total.invited += activity.invited_count
            total.attending += row.taking_part
    view.kinds = [total for total in kinds.values() if total.count]
    return view


# --- the document section --------------------------------------------------------------------


def _rate(value: Decimal | None) -> str:
    return f"{value}%".replace(".", ",") if value is not None else ""


def _activity_table(view: ActivityYear) -> Table:
    """A row per activity; the organiser column only when units below held some of them."""
    organisers = view.several_organisers
    columns = ["TT", "Thời gian", "Loại hoạt động", "Tên hoạt động"]
    columns += ["Đơn vị tổ chức"] if organisers else []
    columns += ["Số người tham gia", "Tỷ lệ tham dự", "Kinh phí", "Kết quả, giải thưởng"]
    # Percentages of the page's width: the names and the results take what the figures leave.
    widths = [4, 11, 12, 20, 12, 8, 8, 10, 15] if organisers else [4, 11, 13, 24, 8, 8, 10, 22]
    rows = []
    for n, row in enumerate(view.rows, start=1):
        cells = [str(n), row.dates, row.kind_label, row.activity.name]
        if organisers:
            cells.append(row.organiser)
        cells += [
            str(row.taking_part),
            _rate(row.attendance),
            table_money(row.cost, zero="-"),
            "; ".join(row.results),
        ]
        rows.append(cells)
    figures = len(columns) - 4  # the participants' column
    footer = ["", "Cộng", "", f"{view.count} hoạt động"]
    if organisers:
        footer.append("")
    footer += [str(view.taking_part), "", table_money(view.cost, zero="-"), ""]
    return Table(
        columns=columns,
        rows=rows,
        widths=widths,
        numeric=frozenset({0, figures, figures + 1}),
        amounts=frozenset({figures + 2}),
        footer=footer,
    )


def _kind_table(view: ActivityYear) -> Table:
    rows = [
        [
            str(n),
            kind.label,
            str(kind.count),
            str(kind.taking_part),
            _rate(kind.attendance),
            table_money(kind.cost, zero="-"),
        ]
        for n, kind in enumerate(view.kinds, start=1)
    ]
    return Table(
        columns=[
            "TT",
            "Loại hoạt động",
            "Số hoạt động",
            "Số lượt người tham gia",
            "Tỷ lệ tham dự",
            "Kinh phí",
        ],
        rows=rows,
        widths=[6, 38, 12, 16, 12, 16],
        numeric=frozenset({0, 2, 3, 4}),
        amounts=frozenset({5}),
        footer=[
            "",
            "Cộng",
            str(view.count),
            str(view.taking_part),
            "",
            table_money(view.cost, zero="-"),
        ],
    )


def activity_year_blocks(view: ActivityYear) -> list[Block]:
    """The section "Hoạt động, sự kiện" of a report: the year's activities, a summary per kind
    and the results won (headings numbered 1-3, level 2, under the report's own part)."""
    org = view.organisation
    if not view.rows:
        return [
            Paragraph(f"Năm {view.year}, {org.name} không có hoạt động nào được ghi nhận."),
        ]
    blocks: list[Block] = [
        Paragraph(
            f"Năm {view.year}, {org.name}"
            + (" và các đơn vị trực thuộc" if view.several_organisers else "")
            + f" tổ chức {view.count} hoạt động, với {view.taking_part} lượt người tham gia; "
            f"tổng kinh phí {table_money(view.cost)} đồng (kể cả kinh phí từ nguồn khác)."
        ),
        Heading("1. Các hoạt động trong năm", level=2),
        Paragraph("Đơn vị tính kinh phí: đồng.", keep_with_next=True),
        _activity_table(view),
        Heading("2. Tổng hợp theo loại hoạt động", level=2),
        _kind_table(view),
        Heading("3. Kết quả, giải thưởng đạt được", level=2),
    ]
    if view.won:
        blocks += [
            Paragraph(f"- {won.text} ({won.row.activity.name}, {won.row.dates}).")
            for won in view.won
        ]
    else:
        blocks.append(Paragraph("Không có kết quả, giải thưởng nào được ghi nhận."))
    return blocks


def activity_year_document(view: ActivityYear, *, issued: date | None = None) -> Document:
    """Báo cáo hoạt động năm of an organisation's subtree, signed by its chair; landscape, as
    the activities' table has eight or nine columns."""
    org = view.organisation
    issued = issued or date.today()
    return Document(
        letterhead=letterhead_for(org, kind_code="BC", issued=issued),
        title="BÁO CÁO",
        subtitle=f"Kết quả tổ chức các hoạt động năm {view.year}",
        blocks=activity_year_blocks(view),
        signature=signature_for(org, issued),
        filename=f"hoat-dong-{view.year}",
        landscape=True,
    )


# --- the spreadsheet -------------------------------------------------------------------------

ACTIVITY_COLUMNS = [
    "TT",
    "Từ ngày",
    "Đến ngày",
    "Loại hoạt động",
    "Tên hoạt động",
    "Đơn vị tổ chức",
    "Địa điểm",
    "Số người tham gia",
    "Số người được triệu tập",
    "Tỷ lệ tham dự (%)",
    "Kinh phí từ phiếu chi (đồng)",
    "Kinh phí nguồn khác (đồng)",
    "Tổng kinh phí (đồng)",
    "Kết quả, giải thưởng",
]


def _bold_row(sheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def activity_year_xlsx(view: ActivityYear) -> bytes:
    """Two sheets: the activities (dates as dates, figures and đồng as numbers) with a total
    row; then the summary per kind and the results won."""
    book, sheet = new_sheet(f"Hoạt động {view.year}")
    sheet.append([view.organisation.name])
    sheet.append([f"Các hoạt động năm {view.year}"])
    sheet.append([])
    sheet.append(ACTIVITY_COLUMNS)
    header = sheet.max_row
    for n, row in enumerate(view.rows, start=1):
        activity = row.activity
        sheet.append(
            [
                n,
                activity.starts_on,
                activity.ends_on,
                row.kind_label,
                activity.name,
                row.organiser,
                activity.place,
                row.taking_part,
                activity.invited_count,
                float(row.attendance) if row.attendance is not None else None,
                activity.voucher_cost,
                activity.other_cost,
                row.cost,
                "\n".join(row.results),
            ]
        )
    if view.rows:
        sheet.append(
            [None, "Cộng", None, None, f"{view.count} hoạt động", None, None, view.taking_part]
        )
        sheet.cell(sheet.max_row, 13, view.cost)
        _bold_row(sheet, sheet.max_row)
    else:
        sheet.append([None, "Không có hoạt động nào trong năm."])
    for row in range(header + 1, sheet.max_row + 1):
        for column in (2, 3):
            sheet.cell(row, column).number_format = "DD/MM/YYYY"
        for column in (11, 12, 13):
            sheet.cell(row, column).number_format = MONEY_FORMAT
        sheet.cell(row, 14).alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True)
    _bold_row(sheet, header)
    for cell in sheet[header]:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = {"A": 6, "B": 12, "C": 12, "D": 26, "E": 36, "F": 22, "G": 18}
    widths |= {"H": 11, "I": 11, "J": 10, "K": 14, "L": 14, "M": 14, "N": 40}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = sheet.cell(header + 1, 1)

    summary = book.create_sheet("Tổng hợp")
    summary.append([view.organisation.name])
    summary.append([f"Tổng hợp theo loại hoạt động năm {view.year}"])
    summary.append([])
    summary.append(
        ["TT", "Loại hoạt động", "Số hoạt động", "Số lượt người tham gia", "Tỷ lệ tham dự (%)"]
        + ["Kinh phí (đồng)"]
    )
    _bold_row(summary, summary.max_row)
    for n, kind in enumerate(view.kinds, start=1):
        rate = float(kind.attendance) if kind.attendance is not None else None
        summary.append([n, kind.label, kind.count, kind.taking_part, rate, kind.cost])
        summary.cell(summary.max_row, 6).number_format = MONEY_FORMAT
    summary.append([None, "Cộng", view.count, view.taking_part, None, view.cost])
    summary.cell(summary.max_row, 6).number_format = MONEY_FORMAT
    _bold_row(summary, summary.max_row)
    summary.append([])
    summary.append([None, "Kết quả, giải thưởng đạt được", "Hoạt động"])
    _bold_row(summary, summary.max_row)
    for n, won in enumerate(view.won, start=1):
        summary.append([n, won.text, won.row.activity.name])
    summary["A1"].font = Font(bold=True)
    for column, width in {"A": 6, "B": 44, "C": 14, "D": 14, "E": 14, "F": 16}.items():
        summary.column_dimensions[column].width = width
    return sheet_bytes(book)
