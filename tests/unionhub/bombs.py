"""Decompression bombs as an outside probe built them: small .xlsx files written with zipfile
directly, which unpack to far more than they weigh (a huge shared string, a cell in the last
column on every row, too many rows). The imports' tests post them to every import page."""

import functools
import re
import zipfile
from collections.abc import Iterable, Iterator
from io import BytesIO
from xml.sax.saxutils import escape

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Target="xl/workbook.xml"
 Type="{_REL}/officeDocument"/></Relationships>"""
_WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>
<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}">
<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="{_REL}/worksheet"/>
<Relationship Id="rId2" Target="sharedStrings.xml" Type="{_REL}/sharedStrings"/>
</Relationships>"""


def _text(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def _header(header: list[str]) -> str:
    # A to Z are enough for the imports' headers.
    cells = "".join(_text(f"{chr(65 + c)}1", value) for c, value in enumerate(header))
    return f'<row r="1">{cells}</row>'


def workbook(
    rows: Iterable[str], *, dimension: str | None = None, shared: Iterable[str] = ()
) -> bytes:
    """An .xlsx of one sheet whose <row> elements are `rows`, its shared strings table the
    concatenation of the `shared` chunks (one string), written in pieces so that a test never
    holds the unpacked bomb in memory."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode()
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for row in rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(f'<?xml version="1.0"?><sst xmlns="{_MAIN}">'.encode())
            chunks = iter(shared)
            first = next(chunks, None)
            if first is not None:
                strings.write(b"<si><t>" + first.encode())
                for chunk in chunks:
                    strings.write(chunk.encode())
                strings.write(b"</t></si>")
            strings.write(b"</sst>")
    return out.getvalue()


def shared_string_bomb(header: list[str], chars: int) -> bytes:
    """The header, then a row whose first cell is one shared string of `chars` characters."""
    piece = "A" * 1_000_000

    def chunks() -> Iterator[str]:
        for start in range(0, chars, len(piece)):
            yield piece[: min(len(piece), chars - start)]

    rows = [_header(header), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>']
    return workbook(rows, shared=chunks())


def far_column_bomb(header: list[str], rows: int = 20_000, *, declared: bool = True) -> bytes:
    """The header, then `rows` rows of a name and a number in XFD, the last of 16,384 columns;
    with `declared`, the dimension says so, as every spreadsheet program writes it."""

    def body() -> Iterator[str]:
        yield _header(header)
        for r in range(2, rows + 2):
            yield f'<row r="{r}">{_text(f"A{r}", "Nguyễn Văn An")}<c r="XFD{r}"><v>1</v></c></row>'

    return workbook(body(), dimension=f"A1:XFD{rows + 1}" if declared else None)


def long_sheet(header: list[str], rows: int, *, declared: bool = True) -> bytes:
    """The header, then `rows` rows with a name in column A."""

    def body() -> Iterator[str]:
        yield _header(header)
        for r in range(2, rows + 2):
            yield f'<row r="{r}">{_text(f"A{r}", f"Nguyễn Văn {r}")}</row>'

    last = chr(64 + len(header))
    return workbook(body(), dimension=f"A1:{last}{rows + 1}" if declared else None)


def long_cell(header: list[str], chars: int) -> bytes:
    """The header, then a row whose first cell is an inline string of `chars` characters."""
    return workbook([_header(header), f'<row r="2">{_text("A2", "B" * chars)}</row>'])


def without_dimension(data: bytes) -> bytes:
    """The same workbook with no declared size on its sheets, as some programs write them."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            content = source.read(part)
            if part.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
            target.writestr(part, content)
    return out.getvalue()


# (name, what the import page must answer): every import page is posted each of these.
CASES = [
    ("shared string of 60 million characters", "Tệp quá lớn khi giải nén"),
    ("a cell in column XFD on 20,000 rows", "có dữ liệu bên phải cột CV (tối đa 100 cột)"),
    ("100,000 rows under the header", "có hơn 100.000 dòng"),
    ("a cell of 40,000 characters", "ô dài hơn 32.767 ký tự"),
]


@functools.cache
def build(name: str, header: tuple[str, ...]) -> bytes:
    """The bomb of CASES called `name`, under `header` (built once per test run)."""
    header = list(header)
    return {
        CASES[0][0]: lambda: shared_string_bomb(header, 60_000_000),
        CASES[1][0]: lambda: far_column_bomb(header, 20_000),
        CASES[2][0]: lambda: long_sheet(header, 100_000),
        CASES[3][0]: lambda: long_cell(header, 40_000),
    }[name]()
