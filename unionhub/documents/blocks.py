"""Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I), as plain data.

A `Document` holds only strings and lists, never a queryset: building one reads the database,
rendering it does not. A long render can therefore move to a background worker (build the
Document, hand it over, store the bytes) without changing either side.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Letterhead:
    """The two header columns, the number and the place and date."""

    upper_body: str  # capitals, not bold: "LĐLĐ TỈNH BẾN TRE"
    issuer: str  # bold capitals: "CÔNG ĐOÀN CƠ SỞ TRƯỜNG THPT A"
    number: str  # "Số: 12/BC-CĐCS"
    motto: str  # bold capitals: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto_sub: str  # bold, underlined: "Độc lập - Tự do - Hạnh phúc" (may be empty)
    place_date: str  # italics: "Bến Tre, ngày 15 tháng 5 năm 2017"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a part ("I. SỐ LƯỢNG ĐOÀN VIÊN"), 2: a section ("1. Trình độ")


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str = ""  # printed in bold before the text: "Trình độ chính trị: "
    keep_with_next: bool = False  # on the same page as what follows (a table's introduction)


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[int]  # relative widths of the columns
    numeric: frozenset[int] = frozenset()  # columns centred as figures
    amounts: frozenset[int] = frozenset()  # columns of money, right-aligned
    footer: list[str] | None = None  # a bold total row


@dataclass(frozen=True)
class Signature:
    on_behalf: str  # "TM. BAN CHẤP HÀNH"
    title: str  # "CHỦ TỊCH"
    name: str  # empty leaves the line for a handwritten name


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Document:
    letterhead: Letterhead
    title: str  # "BÁO CÁO"
    subtitle: str
    signature: Signature
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # the last one is "Lưu: ..."
    filename: str = "van-ban"  # without extension
    # A4 turned, for tables too wide for a portrait page (a column per year).
    landscape: bool = False
