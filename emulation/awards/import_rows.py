"""The award import's sheet and its rows: the template's columns and the spellings of their
headers, and one row read, checked and looked up (its title, member or collective, prize).

importing.py groups the rows into decisions and imports them; the lookups take three queries
whatever the number of rows.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from emulation.models import AwardTitle
from finance.forms import MAX_AMOUNT, parse_money
from members.models import Member, Organisation
from unionhub.tables import (
    HEADER_SCAN_ROWS,
    Progress,
    RowError,
    cell_text,
    header_key,
    parse_date,
    read_table,
    table_cell,
)
from unionhub.text import fold

from .services import Recipient

NUMBER = "Số quyết định"
SIGNED = "Ngày ký"
ISSUER = "Cơ quan ra quyết định"
YEAR = "Năm khen thưởng"
TITLE = "Danh hiệu"
AUTHORITY = "Khen thưởng của"
SUBJECT = "Đối tượng"
NAME = "Họ và tên"
CARD = "Số thẻ đoàn viên"
COLLECTIVE = "Tập thể"
PRIZE = "Tiền thưởng"
# The template's columns, in order, with what the guide sheet says of each.
COLUMNS = [
    (NUMBER, _lazy("Bắt buộc. Ví dụ 125/QĐ-UBND.")),
    (SIGNED, _lazy("Bắt buộc. dd/mm/yyyy (ví dụ 20/12/2025) hoặc định dạng ngày của Excel.")),
    (ISSUER, _lazy("Bắt buộc. UBND tỉnh, Giám đốc Sở, Công đoàn Viên chức tỉnh...")),
    (YEAR, _lazy("Bắt buộc. Năm được khen thưởng, ví dụ 2025.")),
    (TITLE, _lazy("Bắt buộc. Tên danh hiệu, hình thức khen thưởng như trong danh mục.")),
    (
        AUTHORITY,
        _lazy("Chính quyền hoặc Công đoàn: chỉ cần khi danh mục có hai danh hiệu cùng tên."),
    ),
    (SUBJECT, _lazy("Cá nhân hoặc Tập thể: chỉ cần khi danh mục có hai danh hiệu cùng tên.")),
    (NAME, _lazy("Danh hiệu cá nhân: họ tên đoàn viên, đúng như trong danh sách đoàn viên.")),
    (CARD, _lazy("Danh hiệu cá nhân: số thẻ đoàn viên (nếu ghi, đoàn viên được tìm theo số thẻ).")),
    (
        COLLECTIVE,
        _lazy(
            "Danh hiệu tập thể: tên hoặc mã tổ, đơn vị. Với danh hiệu cá nhân (không bắt buộc): "
            "tổ, đơn vị của đoàn viên, để phân biệt người trùng tên."
        ),
    ),
    (PRIZE, _lazy("Không bắt buộc. Số nguyên đồng: 500000 hoặc 500.000.")),
]
# A recipient's prize is at most this many đồng (the voucher of a decision adds them up).
MAX_PRIZE = MAX_AMOUNT // 1000

_ALIASES = {
    NUMBER: ["so qd", "so quyet dinh khen thuong", "so hieu quyet dinh", "so hieu"],
    SIGNED: ["ngay quyet dinh", "ngay ky quyet dinh", "ngay qd", "ngay ban hanh"],
    ISSUER: ["co quan ban hanh", "noi ra quyet dinh", "co quan quyet dinh", "nguoi ky"],
    YEAR: ["nam", "nam thi dua", "khen thuong nam"],
    TITLE: [
        "danh hieu thi dua",
        "hinh thuc khen thuong",
        "danh hieu, hinh thuc khen thuong",
        "danh hieu/hinh thuc khen thuong",
    ],
    AUTHORITY: ["loai khen thuong", "khen thuong cua chinh quyen/cong doan"],
    SUBJECT: ["doi tuong khen thuong", "ca nhan/tap the"],
    NAME: ["ho ten", "ho va ten ca nhan", "ten ca nhan", "ho ten doan vien"],
    CARD: ["so the", "so the dv", "so the doan vien cong doan"],
    COLLECTIVE: ["ten tap the", "tap the duoc khen thuong", "to cong doan", "don vi"],
    PRIZE: ["tien thuong (dong)", "tien thuong (d)", "so tien thuong", "muc thuong"],
}
_AUTHORITIES = {
    "chinh quyen": AwardTitle.Authority.STATE,
    "nha nuoc": AwardTitle.Authority.STATE,
    "khen thuong cua chinh quyen": AwardTitle.Authority.STATE,
    "cong doan": AwardTitle.Authority.UNION,
    "khen thuong cua cong doan": AwardTitle.Authority.UNION,
}
_SUBJECTS = {
    "ca nhan": AwardTitle.Subject.INDIVIDUAL,
    "tap the": AwardTitle.Subject.COLLECTIVE,
}


_key = header_key


HEADERS = {_key(header): header for header, _guide in COLUMNS}
for _header, _spellings in _ALIASES.items():
    HEADERS.update({_key(spelling): _header for spelling in _spellings})
IGNORED = {_key(header) for header in ["STT", "TT", "Số TT", "Ghi chú"]}


@dataclass
class Row:
    """A row of the sheet, checked and looked up: one recipient of one decision."""

    row: int
    number: str
    signed_on: date
    issuer: str
    year: int
    title: AwardTitle
    member: Member | None
    organisation: Organisation | None
    prize: int

    @property
    def name(self) -> str:
        return self.member.full_name if self.member else self.organisation.name

    @property
    def unit(self) -> Organisation:
        return self.member.organisation if self.member else self.organisation

    @property
    def decision_key(self) -> tuple:
        return (_key(self.number), self.signed_on, self.title.pk)

    def recipient(self) -> Recipient:
        return Recipient(member=self.member, organisation=self.organisation, prize=self.prize)


def read_sheet(
    fileobj, *, progress: Progress | None = None
) -> tuple[dict[int, str], list[tuple[int, tuple]], list[str]]:
    """Column index -> header, the data rows with their Excel row numbers, notices."""
    # The member import's limit: a list of recipients is a list of members.
    return read_table(
        fileobj,
        limit=settings.MEMBER_IMPORT_MAX_BYTES,
        headers=HEADERS,
        ignored=IGNORED,
        required=(NUMBER, TITLE),
        missing=_(
            "Không tìm thấy dòng tiêu đề: trong %(rows)s dòng đầu không có cột “Số quyết định” "
            "và “Danh hiệu”. Hãy dùng tệp mẫu."
        )
        % {"rows": HEADER_SCAN_ROWS},
        progress=progress,
    )


_cell = table_cell


class Lookups:
    """The catalogue, and the members and organisations of the subtree named in the file:
    three queries, whatever the number of rows."""

    def __init__(self, organisation: Organisation, cards: set[str], names: set[str]):
        self.titles: dict[str, list[AwardTitle]] = {}
        for title in AwardTitle.objects.all():
            self.titles.setdefault(_key(title.name), []).append(title)
        subtree = Organisation.objects.subtree_of(organisation)
        self.units = list(subtree.only("pk", "name", "short_name", "code", "path"))
        self.unit_names: dict[str, list[Organisation]] = {}
        for unit in self.units:
            for spelling in {_key(unit.name), _key(unit.short_name)} - {""}:
                self.unit_names.setdefault(spelling, []).append(unit)
        self.unit_codes = {unit.code.casefold(): unit for unit in self.units}
        members = Member.objects.in_subtree(organisation).filter(
            card_number__in=cards
        ).select_related("organisation") | Member.objects.in_subtree(organisation).filter(
            search_name__in=names
        ).select_related("organisation")
        self.cards: dict[str, Member] = {}
        self.names: dict[str, list[Member]] = {}
        for member in members.order_by("pk"):
            if member.card_number:
                self.cards[member.card_number] = member
            self.names.setdefault(member.search_name, []).append(member)


def _choice(text: str, choices: dict, column: str, error) -> str | None:
    if not text:
        return None
    value = choices.get(_key(text))
    if value is None:
        options = (
            _("Chính quyền hoặc Công đoàn") if column == AUTHORITY else _("Cá nhân hoặc Tập thể")
        )
        error(column, _("“%(value)s”: ghi %(options)s.") % {"value": text, "options": options})
    return value


def _title(text: dict, lookups: Lookups, error) -> AwardTitle | None:
    authority = _choice(text[AUTHORITY], _AUTHORITIES, AUTHORITY, error)
    subject = _choice(text[SUBJECT], _SUBJECTS, SUBJECT, error)
    if not text[TITLE]:
        error(TITLE, _("Chưa ghi danh hiệu."))
        return None
    named = lookups.titles.get(_key(text[TITLE]), [])
    if not named:
        error(TITLE, _("Không có danh hiệu “%(value)s” trong danh mục.") % {"value": text[TITLE]})
        return None
    titles = [
        t
        for t in named
        if (authority is None or t.authority == authority)
        and (subject is None or t.subject == subject)
    ]
    if len(titles) > 1 and subject is None:
        # A name (or card) is a member, a unit alone is a collective: that tells them apart.
        guessed = (
            AwardTitle.Subject.INDIVIDUAL
            if text[NAME] or text[CARD]
            else AwardTitle.Subject.COLLECTIVE
        )
        titles = [t for t in titles if t.subject == guessed] or titles
    if len(titles) != 1:
        error(
            TITLE,
            _("“%(value)s”: không có danh hiệu này với cột Khen thưởng của, Đối tượng đã ghi.")
            % {"value": text[TITLE]}
            if not titles
            else _(
                "Danh mục có nhiều danh hiệu “%(value)s”: ghi cột Khen thưởng của (Chính quyền, "
                "Công đoàn) và Đối tượng (Cá nhân, Tập thể)."
            )
            % {"value": text[TITLE]},
        )
        return None
    if not titles[0].active:
        error(TITLE, _("Danh hiệu “%(value)s” không còn dùng.") % {"value": text[TITLE]})
        return None
    return titles[0]


def _unit(text: str, lookups: Lookups, error) -> Organisation | None:
    unit = lookups.unit_codes.get(text.casefold())
    if unit is not None:
        return unit
    units = lookups.unit_names.get(_key(text), [])
    if len(units) == 1:
        return units[0]
    error(
        COLLECTIVE,
        _("Không có tổ, đơn vị “%(value)s” trong đơn vị nhập.") % {"value": text}
        if not units
        else _("Có %(n)d tổ, đơn vị tên “%(value)s”: ghi mã đơn vị thay cho tên.")
        % {"n": len(units), "value": text},
    )
    return None


def _member(text: dict, unit: Organisation | None, lookups: Lookups, error) -> Member | None:
    if text[CARD]:
        member = lookups.cards.get(text[CARD])
        if member is None:
            error(
                CARD,
                _("Không có đoàn viên số thẻ “%(value)s” trong đơn vị.") % {"value": text[CARD]},
            )
        elif text[NAME] and fold(text[NAME]) != member.search_name:
            error(
                NAME,
                _("Số thẻ %(card)s là của %(name)s, không phải “%(value)s”.")
                % {"card": text[CARD], "name": member.full_name, "value": text[NAME]},
            )
            return None
        return member
    if not text[NAME]:
        error(NAME, _("Danh hiệu cá nhân: ghi họ và tên hoặc số thẻ đoàn viên."))
        return None
    found = lookups.names.get(fold(text[NAME]), [])
    if unit is not None:
        found = [m for m in found if m.organisation.path.startswith(unit.path)]
    if len(found) > 1:
        # A namesake who has left does not make a current member ambiguous.
        found = [m for m in found if m.status == Member.Status.ACTIVE] or found
    if len(found) == 1:
        return found[0]
    where = _(" trong %(unit)s") % {"unit": unit.name} if unit else _(" trong đơn vị")
    error(
        NAME,
        _("Không có đoàn viên “%(value)s”%(where)s.") % {"value": text[NAME], "where": where}
        if not found
        else _(
            "Có %(n)d đoàn viên tên “%(value)s”%(where)s (%(units)s): ghi số thẻ đoàn viên "
            "hoặc tổ ở cột Tập thể."
        )
        % {
            "n": len(found),
            "value": text[NAME],
            "where": where,
            "units": ", ".join(m.organisation.name for m in found),
        },
    )
    return None


def _whole(raw, text: str) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    return parse_money(text)


def parse_row(excel_row: int, values: tuple, mapping, lookups: Lookups, errors: list) -> Row | None:
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(RowError(excel_row, column, message))

    text = {header: cell_text(_cell(values, mapping, header)) for header, _guide in COLUMNS}
    if not text[NUMBER]:
        error(NUMBER, _("Chưa ghi số quyết định."))
    elif len(text[NUMBER]) > 64:
        error(NUMBER, _("Số quyết định dài quá 64 ký tự."))
    try:
        signed_on = parse_date(_cell(values, mapping, SIGNED))
    except ValueError as problem:
        error(SIGNED, str(problem))
        signed_on = None
    else:
        if signed_on is None:
            error(SIGNED, _("Chưa ghi ngày ký."))
    if not text[ISSUER]:
        error(ISSUER, _("Chưa ghi cơ quan ra quyết định."))
    elif len(text[ISSUER]) > 255:
        error(ISSUER, _("Tên cơ quan ra quyết định dài quá 255 ký tự."))
    year = _whole(_cell(values, mapping, YEAR), text[YEAR])
    if year is None or not 2000 <= year <= 2100:
        error(
            YEAR,
            _("“%(value)s” không phải năm từ 2000 đến 2100.") % {"value": text[YEAR]}
            if text[YEAR]
            else _("Chưa ghi năm khen thưởng."),
        )
    title = _title(text, lookups, error)
    unit = _unit(text[COLLECTIVE], lookups, error) if text[COLLECTIVE] else None
    member = None
    if title is not None and title.subject == AwardTitle.Subject.INDIVIDUAL:
        if text[NAME] or text[CARD] or not text[COLLECTIVE]:
            member = _member(text, unit, lookups, error)
        else:
            error(
                TITLE,
                _("“%(title)s” là danh hiệu cá nhân: ghi họ và tên đoàn viên, không ghi tập thể.")
                % {"title": title.name},
            )
    elif title is not None:
        if text[NAME] or text[CARD]:
            error(
                TITLE,
                _(
                    "“%(title)s” là danh hiệu tập thể: ghi tên tổ, đơn vị ở cột Tập thể, để trống "
                    "họ và tên."
                )  # fmt: skip
                % {"title": title.name},
            )
        elif not text[COLLECTIVE]:
            error(COLLECTIVE, _("Danh hiệu tập thể: ghi tên hoặc mã tổ, đơn vị."))
    raw_prize = _cell(values, mapping, PRIZE)
    prize = _whole(raw_prize, text[PRIZE]) if text[PRIZE] else 0
    if prize is None or not 0 <= prize <= MAX_PRIZE:
        error(
            PRIZE,
            _("“%(value)s” không phải số tiền nguyên đồng (để trống nếu không có tiền thưởng).")
            % {"value": text[PRIZE]},
        )
    if len(errors) > before:
        return None
    return Row(
        row=excel_row,
        number=text[NUMBER],
        signed_on=signed_on,
        issuer=text[ISSUER],
        year=year,
        title=title,
        member=member,
        organisation=None if member else unit,
        prize=prize,
    )
