"""A Document as .docx (python-docx), for officers who finish their reports in Word.

Same parts as the PDF: the two-column header, the title, the numbered parts and tables, "Nơi
nhận" and the signature block; Times New Roman named as the font, A4 with the decree's margins,
page numbers centred at the top from page 2 on.
"""

from io import BytesIO

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .blocks import Document, Heading, Paragraph, Table

FONT = "Times New Roman"
A4 = (Mm(210), Mm(297))


def render_docx(doc: Document) -> bytes:
    word = docx.Document()
    _page(word, doc.landscape)
    _header(word, doc)
    _title(word, doc)
    for block in doc.blocks:
        if isinstance(block, Heading):
            _heading(word, block)
        elif isinstance(block, Paragraph):
            _paragraph(word, block)
        elif isinstance(block, Table):
            _table(word, block)
    _footer(word, doc)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _page(word, landscape: bool) -> None:
    section = word.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = A4
    else:
        section.page_width, section.page_height = A4
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.header_distance = Mm(10)
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    # Word picks the font per script: name it for the East Asian and complex ranges too.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.15
    # Page numbers at the top, centred, not on the first page.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    number._p.append(field)


def _line(
    cell_or_doc, text: str, *, size=13, bold=False, italic=False, underline=False, first=False
):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    return paragraph


def _two_columns(word, left_share: float):
    table = word.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_widths(word, table, [left_share, 1 - left_share])
    return table.rows[0].cells


def _set_widths(word, table, shares: list[float]) -> None:
    """Column widths on the grid and on every cell: Word reads one, LibreOffice the other."""
    section = word.sections[0]
    body = section.page_width - section.left_margin - section.right_margin
    widths = [int(body * share) for share in shares]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _header(word, doc: Document) -> None:
    head = doc.letterhead
    left, right = _two_columns(word, 0.4)
    first = True
    if head.upper_body:
        _line(left, head.upper_body, first=True)
        first = False
    _line(left, head.issuer, bold=True, first=first)
    _line(left, head.number).paragraph_format.space_before = Pt(6)
    _line(right, head.motto, size=12, bold=True, first=True)
    if head.motto_sub:
        _line(right, head.motto_sub, bold=True, underline=True)
    _line(right, head.place_date, size=14, italic=True).paragraph_format.space_before = Pt(8)


def _title(word, doc: Document) -> None:
    _line(word, doc.title, size=14, bold=True).paragraph_format.space_before = Pt(18)
    if doc.subtitle:
        _line(word, doc.subtitle, size=14, bold=True).paragraph_format.space_after = Pt(12)


def _body_paragraph(word):
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def _heading(word, block: Heading) -> None:
    paragraph = _body_paragraph(word)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(block.text)
    run.bold = True
    run.italic = block.level > 1


def _paragraph(word, block: Paragraph) -> None:
    paragraph = _body_paragraph(word)
    paragraph.paragraph_format.keep_with_next = block.keep_with_next
    if block.lead:
        paragraph.add_run(block.lead).bold = True
    paragraph.add_run(block.text)


def _table(word, block: Table) -> None:
    rows = [block.columns, *block.rows, *([block.footer] if block.footer else [])]
    table = word.add_table(rows=len(rows), cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_widths(word, table, [width / sum(block.widths) for width in block.widths])
    # The column titles repeat at the top of every page the table runs onto.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row_index, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        bold = row_index == 0 or (block.footer is not None and row_index == len(rows) - 1)
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            if row_index == 0 or column in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif column in block.amounts:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(value)
            run.font.size = Pt(13)
            run.bold = bold
    word.add_paragraph().paragraph_format.space_after = Pt(6)


def _footer(word, doc: Document) -> None:
    word.add_paragraph()
    left, right = _two_columns(word, 0.45)
    if doc.recipients:
        label = left.paragraphs[0].add_run("Nơi nhận:")
        label.bold = label.italic = True
        label.font.size = Pt(12)
        for line in doc.recipients:
            left.add_paragraph().add_run(f"- {line}").font.size = Pt(11)
    sign = doc.signature
    _line(right, sign.on_behalf, size=14, bold=True, first=True)
    _line(right, sign.title, size=14, bold=True)
    for _ in range(4):
        _line(right, "")
    _line(right, sign.name, size=14, bold=True)
