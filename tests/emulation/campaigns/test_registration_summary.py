"""The registrations' summary of a year counted by hand, its .xlsx, and a member's latest
registrations."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from emulation.campaigns import registration_selectors, registrations
from tests.emulation.campaigns.factories import ACHIEVED, FAILED, YEAR, register
from tests.emulation.scopes import org_a
from tests.pages import page_url

pytestmark = pytest.mark.django_db


url = page_url("emulation")


@pytest.fixture
def summary_data(camp):
    """Branch A 2025 by hand: "Lao động giỏi": An (achieved), Hoa (woman, achieved), Cúc
    (woman, not achieved), group A1 (achieved); "Dạy giỏi trường A": An (not evaluated).
    Branch B: Khác in "Lao động giỏi" (not counted for A)."""
    t = camp.tree
    register(t.group_b1, camp.good, {camp.other: ""})
    register(t.group_a1, camp.good, {camp.an: "", camp.hoa: "", t.group_a1: ""})
    register(t.group_a2, camp.good, {camp.cuc: ""})
    results = {
        r: (FAILED if r.member == camp.cuc else ACHIEVED, "")
        for r in registrations.registrations_at(t.branch_a, YEAR, camp.good)
    }
    registrations.registrations_evaluate(
        unit=t.branch_a, year=YEAR, target=camp.good, results=results, actor=None
    )
    return camp


def test_summary_counts_by_hand(summary_data):
    rows = registration_selectors.registration_summary(summary_data.tree.branch_a, YEAR)
    counted = {
        str(r.target): (r.members, r.collectives, r.evaluated, r.achieved, r.women_achieved)
        for r in rows
    }
    assert counted == {"Dạy giỏi trường A": (1, 0, 0, 0, 0), "Lao động giỏi": (3, 1, 4, 3, 1)}
    good = next(r for r in rows if r.target == summary_data.good)
    assert good.percent == Decimal("75.0")
    upper = {
        str(r.target): r.registered
        for r in registration_selectors.registration_summary(summary_data.tree.upper, YEAR)
    }
    assert upper["Lao động giỏi"] == 5


def test_summary_xlsx_has_the_hand_counted_rows(client, summary_data, users):
    client.force_login(users.officer)
    response = client.get(url("registration_summary_xlsx", org=org_a, year=YEAR)(summary_data))
    assert response["Content-Disposition"].endswith('dang-ky-thi-dua-2025.xlsx"')
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {r[1]: r[2:] for r in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows["Lao động giỏi"] == ("Phong trào", 3, 1, 4, 3, 75, 1)
    assert rows["Dạy giỏi trường A"] == ("Phong trào", 1, 0, 0, 0, 0, 0)
    assert sheet["A2"].value == "Tổng hợp đăng ký thi đua năm 2025"


def test_member_registrations_lists_the_latest_in_one_query(camp, django_assert_num_queries):
    register(camp.tree.group_a1, camp.good, {camp.an: ""}, year=2024)
    with django_assert_num_queries(1):
        rows = registration_selectors.member_registrations(camp.an)
        labels = [(r.year, str(r.target), r.unit.name) for r in rows]
    assert labels == [
        (2025, "Dạy giỏi trường A", "Tổ Văn phòng"),
        (2024, "Lao động giỏi", "Tổ Văn phòng"),
    ]
