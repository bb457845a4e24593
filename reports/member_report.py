"""Báo cáo tình hình đoàn viên: an organisation's members, levels, groups and bodies on a day."""

from datetime import date

from members.models import LevelChoice, Member, Organisation, Position
from members.organisations.letterhead import letterhead_for, recipients_for, signature_for
from members.organisations.selectors import units_by_kind
from members.registry.statistics import Movements, Statistics, movements_between, statistics_on
from unionhub.documents import Document, Heading, Paragraph, Table
from unionhub.formatting import opening_sentence, padded, vn_date

ROMAN = ["I", "II", "III", "IV", "V", "VI"]
# The level lists a report states, in the order reports give them.
REPORTED_LEVELS = [
    (LevelChoice.Kind.POLITICAL, "Trình độ chính trị"),
    (LevelChoice.Kind.PROFESSIONAL, "Trình độ chuyên môn"),
    (LevelChoice.Kind.LANGUAGE, "Ngoại ngữ"),
    (LevelChoice.Kind.IT, "Tin học"),
]


def member_report(
    org: Organisation, day: date, *, number: str = "", issued: date | None = None
) -> Document:
    """The report for `org`'s subtree on `day`, issued (dated) `issued`, today by default."""
    issued = issued or date.today()
    stats = statistics_on(org, day)
    movements = movements_between(org, date(day.year, 1, 1), day)
    units = units_by_kind(org)  # the tree as it is now: it keeps no history
    parts = [
        ("SỐ LƯỢNG ĐOÀN VIÊN", _numbers(stats, movements, units, day, issued)),
        ("TRÌNH ĐỘ CỦA ĐOÀN VIÊN", _levels(stats)),
        ("ĐOÀN VIÊN THEO ĐƠN VỊ", _by_unit(org, stats)),
        ("BAN CHẤP HÀNH VÀ CÁC BAN", _bodies(org, day)),
    ]
    blocks = [
        Paragraph(
            f"Căn cứ số liệu quản lý đoàn viên đến ngày {vn_date(day)}, Ban Chấp hành "
            f"{org.name} báo cáo tình hình đoàn viên như sau:"
        )
    ]
    for numeral, (title, content) in zip(ROMAN, parts, strict=False):
        blocks += [Heading(f"{numeral}. {title}"), *content]
    blocks.append(
        Paragraph(
            f"Trên đây là báo cáo tình hình đoàn viên của {org.name} đến ngày {vn_date(day)}./."
        )
    )
    return Document(
        letterhead=letterhead_for(org, kind_code="BC", number=number, issued=issued),
        title="BÁO CÁO",
        subtitle=f"Tình hình đoàn viên công đoàn đến ngày {vn_date(day)}",
        blocks=blocks,
        recipients=recipients_for(org),
        signature=signature_for(org, issued),
        filename=f"bao-cao-tinh-hinh-doan-vien-{day:%Y-%m-%d}",
    )


def _counted(entries) -> str:
    """ "Cử nhân 05 đ/c; Cao cấp 11 đ/c" from (label, n) pairs, leaving out the zeros."""
    return "; ".join(f"{label} {padded(n)} đ/c" for label, n in entries if n)


def _numbers(stats: Statistics, movements: Movements, units, day: date, issued: date):
    blocks = [
        Paragraph(
            opening_sentence(
                stats.total,
                stats.women,
                units.get(Organisation.Kind.GROUP, 0),
                None if day == issued else day,
            )
        )
    ]
    if units.get(Organisation.Kind.BRANCH):
        blocks.append(
            Paragraph(
                f"Số công đoàn cơ sở trực thuộc: {padded(units[Organisation.Kind.BRANCH])}; "
                f"công đoàn bộ phận: {padded(units.get(Organisation.Kind.SUB_BRANCH, 0))}."
            )
        )
    blocks.append(Paragraph(f"Đoàn viên là đảng viên: {padded(stats.party)} đ/c."))
    employment = _counted((label, n) for _v, label, n in stats.employment)
    if employment:
        blocks.append(Paragraph(employment + ".", lead="Theo hình thức tuyển dụng: "))
    ages = _counted((label, n) for _i, label, n in stats.age_bands)
    if ages:
        blocks.append(Paragraph(ages + ".", lead="Theo độ tuổi: "))
    changes = _counted(
        [
            ("kết nạp mới", movements.admitted),
            ("sinh hoạt trở lại", movements.reinstated),
            ("chuyển đến", movements.transferred_in),
            ("chuyển sinh hoạt nội bộ ra ngoài đơn vị", movements.transferred_out),
            *((label.lower(), n) for _k, label, n in movements.departures),
        ]
    )
    period = f"Từ ngày 01/01/{day.year} đến ngày {vn_date(day)}: "
    blocks.append(
        Paragraph(changes + "." if changes else "không có biến động đoàn viên.", lead=period)
    )
    return blocks


def _levels(stats: Statistics):
    blocks = []
    for kind, label in REPORTED_LEVELS:
        entries = [
            (name if pk else "chưa ghi nhận", n) for pk, name, n in stats.levels.get(kind, [])
        ]
        text = _counted(entries)
        blocks.append(Paragraph((text or "chưa có số liệu") + ".", lead=f"{label}: "))
    return blocks


def _by_unit(org: Organisation, stats: Statistics):
    rows = [
        [
            str(index),
            f"{unit.name} (trực tiếp)" if unit.pk == org.pk else unit.name,
            padded(n),
            padded(women),
        ]
        for index, (unit, n, women) in enumerate(stats.by_unit, start=1)
    ]
    if not rows:
        return [Paragraph("Chưa có đơn vị trực thuộc.")]
    return [
        Table(
            columns=["STT", "Đơn vị", "Số đoàn viên", "Trong đó nữ"],
            rows=rows,
            widths=[9, 55, 18, 18],
            numeric=frozenset({0, 2, 3}),
            footer=["", "Tổng cộng", padded(stats.total), padded(stats.women)],
        )
    ]


def _bodies(org: Organisation, day: date):
    positions = (
        Position.objects.held_on(day)
        .filter(body__organisation=org)
        .select_related("member", "body", "body__term")
    )
    per_body: dict = {}
    for position in sorted(
        positions, key=lambda p: (p.body.kind, Position.RANK[p.title], p.member.full_name)
    ):
        per_body.setdefault(position.body, []).append(position)
    if not per_body:
        return [Paragraph(f"Không có dữ liệu về các ban tại ngày {vn_date(day)}.")]
    blocks = []
    for index, (body, seats) in enumerate(per_body.items(), start=1):
        women = sum(1 for p in seats if p.member.gender == Member.Gender.FEMALE)
        term = f" ({body.term})" if body.term_id else ""
        blocks += [
            Heading(f"{index}. {body.name or body.get_kind_display()}{term}", level=2),
            Paragraph(
                f"Gồm {padded(len(seats))} đồng chí"
                + (f" ({padded(women)} nữ)." if women else "."),
                keep_with_next=True,
            ),
            Table(
                columns=["STT", "Họ và tên", "Chức vụ"],
                rows=[
                    [str(n), p.member.full_name, p.get_title_display()]
                    for n, p in enumerate(seats, start=1)
                ],
                widths=[9, 50, 41],
                numeric=frozenset({0}),
            ),
        ]
    return blocks
