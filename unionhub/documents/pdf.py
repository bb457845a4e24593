"""A Document as HTML (the preview) and as PDF (WeasyPrint, with the bundled Liberation Serif).

The same Document also renders to DOCX (`unionhub.documents.docx`), so the three always say the
same thing.
"""

from functools import cache
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string

from .blocks import Block, Document

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
