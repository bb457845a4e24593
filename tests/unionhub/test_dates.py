"""unionhub.dates: the one parser of dates, years, ranges and ids typed by people, its bounds,
and the messages a page shows when a value of its query string cannot be used."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from unionhub import dates
from unionhub.forms import DateField, IdField, PlannedDateField
from unionhub.tables import parse_date as parse_cell_date

THIS_YEAR = date.today().year
LAST = date(THIS_YEAR + 2, 12, 31)


def get(**query):
    request = RequestFactory().get("/", query)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def said(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("01/01/1900", date(1900, 1, 1)),
        ("5/3/2025", date(2025, 3, 5)),
        ("2025-03-05", date(2025, 3, 5)),
        (f"{LAST:%d/%m/%Y}", LAST),
    ],
)
def test_parse_date_reads_plausible_dates(text, day):
    assert dates.parse_date(text) == day


@pytest.mark.parametrize(
    "text", ["01/01/0001", "31/12/9999", "31/12/1899", f"01/01/{THIS_YEAR + 3}"]
)
def test_parse_date_refuses_dates_out_of_bounds_naming_them(text):
    with pytest.raises(ValidationError) as error:
        dates.parse_date(text)
    assert error.value.code == "out_of_range"
    assert error.value.messages == [
        f"Ngày {text} không hợp lý, phải từ 01/01/1900 đến {LAST:%d/%m/%Y}."
    ]


@pytest.mark.parametrize("text", ["2024-13-45", "31/02/2024", "abc", "x" * 10_000, "9" * 20])
def test_parse_date_refuses_what_is_not_a_date(text):
    with pytest.raises(ValidationError):
        dates.parse_date(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", 1),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
        ("9" * 20, None),
        ("0", None),
        ("-1", None),
        ("1.5", None),
        ("١٢", None),  # digits, but not the ones a link of the site carries
        ("", None),
        (None, None),
    ],
)
def test_parse_id_keeps_what_a_database_integer_holds(text, value):
    assert dates.parse_id(text) == value


def test_query_date_names_a_date_it_cannot_use_and_answers_the_default():
    request = get(on="01/01/0001")
    assert dates.query_date(request, "on", date(2025, 6, 30)) == date(2025, 6, 30)
    assert said(request) == [
        "Ngày “01/01/0001” không dùng được: Ngày 01/01/0001 không hợp lý, phải từ "
        f"01/01/1900 đến {LAST:%d/%m/%Y}. Trang hiển thị 30/06/2025."
    ]


def test_query_date_is_silent_when_nothing_was_typed():
    request = get()
    assert dates.query_date(request, "on", date(2025, 6, 30)) == date(2025, 6, 30)
    assert said(request) == []


def test_query_date_shortens_a_long_value_in_its_message():
    request = get(on="x" * 10_000)
    dates.query_date(request, "on", date(2025, 6, 30))
    assert said(request) == [
        f"Ngày “{'x' * dates.SHOWN}…” không dùng được: không phải ngày dạng dd/mm/yyyy. Trang "
        "hiển thị 30/06/2025."
    ]


def test_query_range_swaps_reversed_bounds_and_says_so():
    request = get(**{"from": "31/12/2025", "to": "01/01/2025"})
    assert dates.query_range(request, date(2020, 1, 1), date(2020, 12, 31)) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
    )
    assert len(said(request)) == 1


def test_query_range_keeps_the_last_decades_of_a_longer_range():
    request = get(**{"from": "01/01/1900", "to": "29/02/2024"})
    start, end = dates.query_range(request, date(2020, 1, 1), date(2020, 12, 31))
    assert (start, end) == (date(2024 - dates.MAX_RANGE_YEARS, 2, 28), date(2024, 2, 29))
    assert "dài quá 50 năm" in said(request)[0]


def test_query_range_of_extreme_dates_falls_back_on_the_defaults():
    request = get(**{"from": "01/01/0001", "to": "31/12/9999"})
    assert dates.query_range(request, date(2025, 1, 1), date(2025, 6, 30)) == (
        date(2025, 1, 1),
        date(2025, 6, 30),
    )
    assert len(said(request)) == 2


@pytest.mark.parametrize("text", ["9999", "1899", "-1", "9" * 20, "abc", "२०२५"])
def test_query_year_names_a_year_it_cannot_use(text):
    request = get(year=text)
    assert dates.query_year(request, default=2025) == 2025
    assert said(request)[0].startswith(f"Năm “{text}” không dùng được: năm phải từ 1900 đến")


def test_query_year_reads_a_plausible_year():
    request = get(year=str(THIS_YEAR + 1))
    assert dates.query_year(request, default=2025) == THIS_YEAR + 1
    assert said(request) == []


def test_a_message_is_said_once_however_often_a_page_asks():
    request = get(on="abc")
    dates.query_date(request, "on", date(2025, 1, 1))
    dates.query_date(request, "on", date(2025, 1, 1))
    assert len(said(request)) == 1


# --- the form fields -------------------------------------------------------------------------


def test_date_field_refuses_a_date_out_of_bounds():
    field = DateField(label="Ngày ký")
    with pytest.raises(ValidationError) as error:
        field.clean("31/12/9999")
    assert error.value.messages == [
        f"Ngày 31/12/9999 không hợp lý, phải từ 01/01/1900 đến {LAST:%d/%m/%Y}."
    ]
    assert field.clean(f"{LAST:%d/%m/%Y}") == LAST


def test_planned_date_field_reaches_further():
    field = PlannedDateField()
    assert field.clean(f"31/12/{THIS_YEAR + dates.PLANNED_YEARS}") == date(
        THIS_YEAR + dates.PLANNED_YEARS, 12, 31
    )
    with pytest.raises(ValidationError):
        field.clean(f"01/01/{THIS_YEAR + dates.PLANNED_YEARS + 1}")


@pytest.mark.parametrize("text", ["9" * 20, str(2**63), "0", "-1"])
def test_id_field_refuses_what_no_row_can_have(text):
    with pytest.raises(ValidationError):
        IdField(required=False).clean(text)


# --- cells of an imported workbook -----------------------------------------------------------


@pytest.mark.parametrize("cell", ["31/12/9999", date(1, 1, 1), "1899-12-31"])
def test_an_imported_date_out_of_bounds_is_refused_naming_it(cell):
    with pytest.raises(ValueError, match="không hợp lý"):
        parse_cell_date(cell)


def test_an_imported_plausible_date_is_read():
    assert parse_cell_date("05/03/2025") == date(2025, 3, 5)
