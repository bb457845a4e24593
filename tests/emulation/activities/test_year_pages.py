"""The year view's page: who reads which organisation's year (the permission table), the
totals, kinds and results it shows, its links and defaults, queries that do not grow with the
activities."""

from datetime import date

import pytest
from django.urls import reverse

from tests.emulation.activities.factories import YEAR, grow
from tests.emulation.scopes import A1_READ, A_READ, B_READ, HOME, UPPER_READ, org_a, org_b
from tests.pages import ROLES, count_queries, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db


# --- pages and permissions -------------------------------------------------------------------
# Readers as for the award tables: the branch's officer, accountant, inspector, the upper
# viewer, admins; a group leader their group only (branch A above it: 404); a member nowhere.

url = page_url("emulation")


def org_a1(w):
    return w.tree.group_a1.pk


def org_upper(w):
    return w.tree.upper.pk


PAGES = [
    ("year", url("activity_year"), HOME),
    ("year A", url("activity_year", org=org_a, year=YEAR), A_READ),
    ("year B", url("activity_year", org=org_b, year=YEAR), B_READ),
    ("year A1", url("activity_year", org=org_a1, year=YEAR), A1_READ),
    ("year upper", url("activity_year", org=org_upper, year=YEAR), UPPER_READ),
    ("xlsx A", url("activity_year_xlsx", org=org_a, year=YEAR), A_READ),
    ("xlsx B", url("activity_year_xlsx", org=org_b, year=YEAR), B_READ),
    ("PDF A", url("activity_year_pdf", org=org_a, year=YEAR), A_READ),
    ("PDF B", url("activity_year_pdf", org=org_b, year=YEAR), B_READ),
    ("DOCX A", url("activity_year_docx", org=org_a, year=YEAR), A_READ),
    ("DOCX B", url("activity_year_docx", org=org_b, year=YEAR), B_READ),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_activity_year_page_answers_by_role_and_scope(role, client, year, users):
    assert unexpected_statuses(client, users, role, year, PAGES) == {}


def test_anonymous_is_sent_to_login_from_activity_year_pages(client, year):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(year))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_page_shows_the_year_its_totals_kinds_and_results(client, year, users):
    client.force_login(users.officer)
    response = client.get(url("activity_year", org=org_a, year=YEAR)(year))
    html = response.content.decode()
    assert response.context["view"].count == 4
    for text in (
        "Hội thao ngành",
        "05/03 – 07/03/2025",
        "Giải ba bóng chuyền hơi nữ",
        "7.000.000đ",
        "4.000.000đ",
        "80,0%",
        "78,8%",
        "Học tập, quán triệt nghị quyết",
        "Tổ Văn phòng",  # the organiser column: group A1 held one
    ):
        assert text in html, text
    assert "Hội diễn văn nghệ" not in html
    links = response.context["links"]
    assert links["prev"].endswith(f"year={YEAR - 1}") and links["next"].endswith(f"year={YEAR + 1}")
    assert f"org={year.tree.branch_a.pk}" in links["xlsx"]


def test_each_activity_links_to_its_page_which_the_reader_may_open(client, year, users):
    client.force_login(users.group_leader)
    response = client.get(url("activity_year", org=org_a1, year=YEAR)(year))
    detail = reverse("emulation:activity_detail", args=[year.study.pk])
    assert f'href="{detail}"' in response.content.decode()
    assert client.get(detail).status_code == 200
    assert f"year={YEAR}" in response.context["links"]["list"]


def test_the_upper_viewer_reads_the_branches_together(client, year, users):
    client.force_login(users.upper_viewer)
    response = client.get(url("activity_year", org=org_upper, year=YEAR)(year))
    html = response.content.decode()
    assert "Hội diễn văn nghệ" in html and "Hội thao ngành" in html
    assert "7.700.000đ" in html


def test_an_empty_year_says_so(client, year, users):
    client.force_login(users.officer)
    response = client.get(url("activity_year", org=org_a, year=2023)(year))
    assert "chưa ghi nhận hoạt động nào trong năm 2023" in response.content.decode()


def test_the_page_defaults_to_this_year_and_the_users_organisation(client, year, users):
    client.force_login(users.officer)
    response = client.get(url("activity_year")(year))
    assert response.context["year"] == date.today().year
    assert response.context["org"] == year.tree.branch_a


def test_page_queries_do_not_grow_with_the_activities(client, year, users):
    client.force_login(users.upper_viewer)
    page = url("activity_year", org=org_upper, year=YEAR)(year)
    before = count_queries(client, page)
    grow(year)
    assert count_queries(client, page) == before
