"""Reading uploaded workbooks within the import limits: the zip's parts before openpyxl opens
the file, the rows, columns and cells while a sheet streams, and the progress a reader reports.
The imports' pages are posted the same bombs in their own tests."""

import zipfile
from io import BytesIO
from unittest import mock

import pytest
from openpyxl import Workbook

from tests.unionhub import bombs
from unionhub import uploads
from unionhub.tables import read_table
from unionhub.uploads import ImportFileError, open_xlsx

HEADER = ["Số", "Tên"]
LIMIT = 5 * 1024 * 1024


def table(data: bytes, **kwargs):
    return read_table(
        BytesIO(data),
        limit=LIMIT,
        headers={"so": "Số", "ten": "Tên"},
        ignored=set(),
        required=("Số",),
        missing="no header",
        **kwargs,
    )


def workbook_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_huge_shared_string_is_refused_before_openpyxl_parses_it():
    data = bombs.shared_string_bomb(HEADER, 60_000_000)
    assert len(data) < 100_000
    with mock.patch.object(uploads, "load_workbook") as load:
        with pytest.raises(ImportFileError, match="Tệp quá lớn khi giải nén.*50 MB"):
            open_xlsx(BytesIO(data), limit=LIMIT)
    load.assert_not_called()


def test_parts_under_the_part_limit_may_not_add_up_past_the_total(settings):
    settings.IMPORT_MAX_PART_BYTES = 3 * 2**20
    settings.IMPORT_MAX_UNPACKED_BYTES = 4 * 2**20
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for n in range(2):
            archive.writestr(f"xl/media/image{n}.bin", b"\0" * 2_500_000)
    with pytest.raises(ImportFileError, match="vượt 4 MB"):
        open_xlsx(BytesIO(out.getvalue()), limit=LIMIT * 2)


def test_a_part_packed_beyond_any_spreadsheet_and_thousands_of_parts_are_refused():
    packed = BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 20_000_000)
    many = BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for n in range(1001):
            archive.writestr(f"p{n}", b"")
    for data in (packed, many):
        with pytest.raises(ImportFileError, match="cấu trúc bất thường"):
            open_xlsx(BytesIO(data.getvalue()), limit=LIMIT)


def test_a_workbook_as_spreadsheet_programs_write_it_opens():
    rows = [[f"{n}", f"Nguyễn Văn {n}", "x" * 200] for n in range(5000)]
    book = open_xlsx(BytesIO(workbook_bytes([["Số", "Tên"], *rows])), limit=LIMIT)
    assert book.worksheets[0].max_row == 5001
    book.close()


def test_a_cell_in_the_last_column_on_every_row_is_refused_by_the_declared_size():
    with pytest.raises(ImportFileError, match="bên phải cột CV \\(tối đa 100 cột\\)"):
        table(bombs.far_column_bomb(HEADER, 20_000))


def test_without_a_declared_size_the_far_cells_are_never_built():
    built = []
    original = uploads.load_workbook

    def load(*args, **kwargs):
        book = original(*args, **kwargs)
        iter_rows = book.worksheets[0].iter_rows

        def spy(**kw):
            built.append(kw.get("max_col"))
            return iter_rows(**kw)

        book.worksheets[0].iter_rows = spy
        return book

    with mock.patch.object(uploads, "load_workbook", load):
        mapping, data, _notices = table(bombs.far_column_bomb(HEADER, 2000, declared=False))
    assert built == [101]
    assert len(data) == 2000 and max(len(values) for _row, values in data) == 1


@pytest.mark.parametrize("declared", [True, False])
def test_data_past_the_last_column_allowed_is_refused(settings, declared):
    settings.IMPORT_MAX_COLUMNS = 3
    data = workbook_bytes([["Số", "Tên"], [1, "An"], [2, "Bình", None, "x"]])
    with pytest.raises(ImportFileError, match="bên phải cột C \\(tối đa 3 cột\\)"):
        table(data if declared else bombs.without_dimension(data))
    assert table(workbook_bytes([["Số", "Tên"], [1, "An", "x"]]))[1] == [(2, (1, "An", "x"))]


@pytest.mark.parametrize("declared", [True, False])
def test_too_many_rows_are_refused_declared_or_not(settings, declared):
    settings.IMPORT_MAX_ROWS = 50
    with pytest.raises(ImportFileError, match="có hơn 50 dòng"):
        table(bombs.long_sheet(HEADER, 50, declared=declared))
    assert len(table(bombs.long_sheet(HEADER, 49, declared=declared))[1]) == 49


def test_a_cell_longer_than_excel_allows_is_refused_naming_row_and_column():
    with pytest.raises(ImportFileError, match="Dòng 2, cột A: ô dài hơn 32.767 ký tự"):
        table(bombs.long_cell(HEADER, 32_768))
    assert table(bombs.long_cell(HEADER, 32_767))[1][0][1][0] == "B" * 32_767


def test_read_table_tells_its_progress_every_500_rows_and_at_the_end():
    calls = []
    table(
        bombs.long_sheet(HEADER, 1200),
        progress=lambda read, expected: calls.append((read, expected)),
    )
    assert calls == [(500, 1201), (1000, 1201), (1201, 1201)]
    calls.clear()
    table(bombs.long_sheet(HEADER, 10, declared=False), progress=lambda *a: calls.append(a))
    assert calls == [(11, None)]


def test_a_sheet_without_the_header_is_read_no_further_than_its_first_rows():
    book = Workbook()
    book.active.append(["Không phải bảng"])
    for n in range(3000):
        book.active.append([n])
    book.create_sheet().append(["Số", "Tên"])
    book.worksheets[1].append([1, "An"])
    out = BytesIO()
    book.save(out)
    calls = []
    mapping, data, _notices = table(out.getvalue(), progress=lambda *a: calls.append(a))
    assert mapping == {0: "Số", 1: "Tên"} and data == [(2, (1, "An"))]
    assert calls == [(2, 2)]  # the first sheet's 3,001 rows were never all read
