"""The printed voucher (phiếu thu, phiếu chi), rendered with the documents' bundled fonts."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from finance.models import Voucher
from members.models import Organisation
from unionhub.documents import font_faces, html_to_pdf
from unionhub.formatting import long_date, money, money_in_words


@dataclass(frozen=True)
class VoucherSheet:
    upper_body: str
    issuer: str
    title: str  # "PHIẾU THU"
    date_line: str  # "Ngày 05 tháng 3 năm 2026"
    number: str  # "Số: PT 0012/2026"
    account: str
    category: str
    lines: list[tuple[str, str]]  # label, value
    amount: str
    amount_in_words: str
    signatures: list[str]  # the titles over each signature, left to right
    filename: str


def voucher_sheet(voucher: Voucher) -> VoucherSheet:
    """What the printed voucher says; a draft prints with "NHÁP" instead of a number."""
    receipt = voucher.kind == Voucher.Kind.RECEIPT
    parent = Organisation.objects.get_parent(voucher.organisation)
    person = voucher.counterparty_member.full_name if voucher.counterparty_member else ""
    who = ", ".join(filter(None, [person, voucher.counterparty]))
    lines = [
        ("Họ và tên người nộp tiền:" if receipt else "Họ và tên người nhận tiền:", who),
        ("Lý do nộp:" if receipt else "Lý do chi:", voucher.description),
    ]
    if voucher.member_id:
        lines.append(("Đoàn viên:", voucher.member.full_name))
    if voucher.reverses_id:
        lines.append(("Điều chỉnh cho:", voucher.reverses.display_number))
    day = long_date(voucher.date)
    return VoucherSheet(
        upper_body=parent.name.upper() if parent else "",
        issuer=voucher.organisation.name.upper(),
        title="PHIẾU THU" if receipt else "PHIẾU CHI",
        date_line=day[0].upper() + day[1:],
        number=f"Số: {voucher.display_number}" if voucher.number else "NHÁP (chưa ghi sổ)",
        account=str(voucher.account),
        category=str(voucher.category) if voucher.category_id else "Chuyển tiền nội bộ",
        lines=lines,
        amount=money(voucher.amount),
        amount_in_words=money_in_words(voucher.amount),
        signatures=[
            "CHỦ TỊCH",
            "KẾ TOÁN",
            "NGƯỜI NỘP TIỀN" if receipt else "NGƯỜI NHẬN TIỀN",
            "THỦ QUỸ",
        ],
        filename=f"{'phieu-thu' if receipt else 'phieu-chi'}-{voucher.year}-"
        f"{voucher.number or 'nhap'}",
    )


def render_voucher_pdf(sheet: VoucherSheet) -> bytes:
    """An A5 landscape sheet, as vouchers are printed."""
    html = render_to_string(
        "finance/voucher_sheet.html", {"sheet": sheet, "font_faces": font_faces()}
    )
    return html_to_pdf(html)
