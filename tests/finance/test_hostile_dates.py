"""Dates out of all plausibility on the books' pages and in their forms: the probe's cases
(issue 13). A range of the query string is bounded and said to be; a voucher dated in year
9999 is refused, naming the date."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from finance.models import Voucher
from tests.finance.factories import category
from tests.finance.pages import org_a, pk, url

pytestmark = pytest.mark.django_db

EXTREME = {"from": "01/01/0001", "to": "31/12/9999"}
LAST = date(date.today().year + 2, 12, 31)
DECADES = 50  # unionhub.dates.MAX_RANGE_YEARS


def notes(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("page", ["account_book", "book_xlsx", "book_pdf"])
def test_the_book_of_an_extreme_range_shows_a_bounded_range_and_says_so(client, fin, users, page):
    client.force_login(users.accountant)
    response = client.get(url(page, pk("a", "cash"))(fin), EXTREME)
    assert response.status_code == 200
    said = " ".join(notes(response))
    assert "“01/01/0001”" in said and "“31/12/9999”" in said


def test_the_book_page_shows_the_range_it_used(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(
        url("account_book", pk("a", "cash"))(fin), {"from": "01/01/1900", "to": "31/12/2025"}
    )
    book = response.context["book"]
    assert (book.start, book.end) == (date(2025 - DECADES, 12, 31), date(2025, 12, 31))
    assert f"dài quá {DECADES} năm" in " ".join(notes(response))


def test_the_remittance_page_of_an_extreme_range_answers_at_once(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(url("remittance", org=org_a)(fin), EXTREME)
    assert response.status_code == 200
    assert "“31/12/9999”" in " ".join(notes(response))


def test_a_date_typed_wrong_is_named_not_replaced_by_today_in_silence(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(
        url("summary", org=org_a)(fin), {"from": "31/02/2025", "to": "2025-13-45"}
    )
    assert response.status_code == 200
    said = notes(response)
    assert any("“31/02/2025”" in m and "dd/mm/yyyy" in m for m in said)
    assert any("“2025-13-45”" in m for m in said)


def test_a_year_out_of_bounds_is_named(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(url("by_month", org=org_a)(fin), {"year": "9999"})
    assert response.status_code == 200
    assert response.context["year"] == date.today().year
    assert any("“9999”" in m for m in notes(response))


@pytest.mark.parametrize(
    "typed",
    [
        "31/12/9999",
        "01/01/0001",
        "31/12/1899",
        LAST.replace(year=LAST.year + 1).strftime("%d/%m/%Y"),
    ],
)
def test_a_voucher_dated_out_of_bounds_is_refused_naming_the_date(client, fin, users, typed):
    client.force_login(users.accountant)
    before = Voucher.objects.count()
    response = client.post(
        url("voucher_create", org=org_a, kind="receipt")(fin),
        {
            "date": typed,
            "account": fin.a.cash.pk,
            "category": category("T01").pk,
            "amount": "1.000.000",
            "counterparty": "Nguyễn Văn Nộp",
            "description": "Thu đoàn phí",
        },
    )
    assert response.status_code == 200
    assert Voucher.objects.count() == before
    errors = response.context["form"].errors["date"]
    assert errors == [
        f"Ngày chứng từ: ngày {typed} không hợp lý, phải từ 01/01/1900 đến {LAST:%d/%m/%Y}."
    ]


def test_a_voucher_dated_at_the_bounds_is_accepted(client, fin, users):
    client.force_login(users.accountant)
    response = client.post(
        url("voucher_create", org=org_a, kind="receipt")(fin),
        {
            "date": f"{LAST:%d/%m/%Y}",
            "account": fin.a.cash.pk,
            "category": category("T01").pk,
            "amount": "1.000.000",
            "counterparty": "Nguyễn Văn Nộp",
            "description": "Thu đoàn phí",
        },
    )
    assert response.status_code == 302
    assert Voucher.objects.filter(date=LAST).exists()


@pytest.mark.parametrize("page", ["summary_docx", "disclosure_docx", "settlement_docx"])
def test_a_nul_in_the_number_of_a_word_download_is_refused(client, fin, users, page):
    client.force_login(users.accountant)
    response = client.get(reverse(f"finance:{page}"), {"org": fin.a.org.pk, "so": "12\x003"})
    assert response.status_code == 400
    assert "ký tự điều khiển" in response.content.decode()


def test_the_voucher_list_drops_a_date_filter_out_of_bounds_and_says_so(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(url("voucher_list", org=org_a)(fin), {"from": "01/01/0001"})
    assert response.status_code == 200
    assert (
        response.context["page"].paginator.count
        == Voucher.objects.filter(organisation=fin.a.org).count()
    )
    assert any(
        m.startswith("Bộ lọc “Từ ngày” không áp dụng: Ngày 01/01/0001") for m in notes(response)
    )
