"""The statistics and the member report with dates out of all plausibility (issue 13's probe):
each page answers with the default day and a message naming what was typed, never a server
error and never today in silence."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    "reports:statistics",
    "reports:statistics_export",
    "reports:member_report",
    "reports:member_report_pdf",
    "reports:member_report_docx",
]


def notes(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("typed", ["01/01/0001", "31/12/9999"])
def test_a_day_out_of_bounds_answers_the_default_day_and_names_it(client, users, tree, name, typed):
    client.force_login(users.officer)
    response = client.get(reverse(name), {"org": tree.branch_a.pk, "on": typed})
    assert response.status_code == 200
    assert any(f"“{typed}”" in m and "không hợp lý" in m for m in notes(response))


def test_a_day_typed_wrong_is_named_not_replaced_by_today_in_silence(client, users, tree):
    client.force_login(users.officer)
    response = client.get(
        reverse("reports:statistics"), {"org": tree.branch_a.pk, "on": "31/02/2024"}
    )
    assert response.context["day"] == date.today()
    assert notes(response) == [
        f"Ngày “31/02/2024” không dùng được: không phải ngày dạng dd/mm/yyyy. Trang hiển thị "
        f"{date.today():%d/%m/%Y}."
    ]


def test_an_extreme_period_of_the_movements_is_bounded_and_said(client, users, tree):
    client.force_login(users.officer)
    response = client.get(
        reverse("reports:movements"),
        {"org": tree.branch_a.pk, "figure": "admitted", "from": "01/01/0001", "to": "31/12/9999"},
    )
    assert response.status_code == 200
    assert response.context["end"] == date.today()
    said = " ".join(notes(response))
    assert "“01/01/0001”" in said and "“31/12/9999”" in said


def test_a_nul_in_the_number_of_the_word_report_is_refused(client, users, tree):
    client.force_login(users.officer)
    response = client.get(
        reverse("reports:member_report_docx"), {"org": tree.branch_a.pk, "so": "7\x00"}
    )
    assert response.status_code == 400
