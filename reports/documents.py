"""Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I), as plain data.

A `Document` holds only strings and lists, never a queryset: building one reads the database,
rendering it does not. A long render can therefore move to a background worker later (build the
Document in the request, hand it over, store the bytes) without changing either side.

The same Document renders to HTML (the preview), PDF (WeasyPrint, with the bundled Liberation
Serif) and DOCX (`reports.docx`), so the three always say the same thing.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "liberation"
# The family name the PDF asks for: it exists only through our @font-face rules, so a machine
# font can never stand in for it.
FONT_FAMILY = "UnionHub Serif"
FONT_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}


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


def render_html(doc: Document, *, standalone: bool = True) -> str:
    """The document as HTML: a whole page for WeasyPrint, or a fragment for the preview."""
    return render_to_string(
        "reports/document.html" if standalone else "reports/_document_body.html",
        {"doc": doc, "blocks": _tagged(doc.blocks), "font_faces": font_faces()},
    )


def render_pdf(doc: Document) -> bytes:
    """The document as an A4 PDF, every glyph from the bundled Liberation Serif."""
    return html_to_pdf(render_html(doc))


def html_to_pdf(html: str) -> bytes:
    """Any page of ours as PDF: it may load the bundled fonts (font_faces()) and nothing else."""
    # Imported here: WeasyPrint loads Pango, which no other page needs.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class BundledFonts(URLFetcher):
        def fetch(self, url, headers=None):
            return _fetch(url)

    return HTML(string=html, base_url=FONT_DIR.as_uri(), url_fetcher=BundledFonts()).write_pdf()


def _fetch(url: str):
    """What a document may load: the bundled fonts, nothing from the network or elsewhere."""
    from weasyprint.urls import URLFetcherResponse

    parsed = urlparse(url)
    path = Path(url2pathname(parsed.path)).resolve() if parsed.scheme == "file" else None
    if path is None or not path.is_relative_to(FONT_DIR.resolve()):
        raise ValueError(f"{url} is outside the bundled fonts")
    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/ttf"})


def _tagged(blocks: list[Block]) -> list[tuple[str, Block]]:
    """Each block with its kind, for templates (which cannot test isinstance)."""
    return [(type(block).__name__.lower(), block) for block in blocks]


@cache
def font_faces() -> list[dict]:
    """The @font-face rules' data for templates rendered to PDF (see reports/document.html)."""
    return [
        {"family": FONT_FAMILY, "weight": weight, "style": style, "url": (FONT_DIR / name).as_uri()}
        for (weight, style), name in FONT_FILES.items()
    ]
