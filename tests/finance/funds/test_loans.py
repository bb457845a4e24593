"""Loans a branch vouches for: the rules of the services, the form, the repay page, the list and
its sheet."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from finance.funds import loans
from finance.models import Loan
from tests.factories import MemberFactory
from tests.finance.funds.factories import loan
from tests.finance.pages import org_a, pk, url

pytestmark = pytest.mark.django_db


def test_repaid_before_borrowed_is_refused(funds, users):
    with pytest.raises(ValidationError) as error:
        loans.loan_repay(loan=funds.loan_a, day=date(2024, 2, 29), actor=users.accountant)
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        loan(funds.a.org, funds.member_a, users.accountant, repaid_on=date(2024, 1, 1))
    assert "repaid_on" in error.value.message_dict
    funds.loan_a.refresh_from_db()
    assert funds.loan_a.repaid_on is None


def test_a_loan_is_repaid_once(funds, users):
    loans.loan_repay(loan=funds.loan_a, day=date(2025, 6, 1), actor=users.accountant)
    funds.loan_a.refresh_from_db()
    assert funds.loan_a.repaid_on == date(2025, 6, 1)
    assert funds.loan_a.history.first().history_user == users.accountant
    with pytest.raises(ValidationError, match="đã được ghi trả hết ngày 01/06/2025"):
        loans.loan_repay(loan=funds.loan_a, day=date(2025, 7, 1), actor=users.accountant)


def test_a_loan_of_a_member_of_another_branch_is_refused(funds, users):
    with pytest.raises(ValidationError) as error:
        loan(funds.a.org, funds.member_b, users.accountant)
    assert "member" in error.value.message_dict


def test_the_loan_form_offers_only_the_branchs_members(client, funds, users):
    client.force_login(users.accountant)
    path = url("loan_create", org=org_a)(funds)
    data = {
        "member": funds.member_b.pk,
        "lender": "Ngân hàng Chính sách xã hội",
        "amount": "20.000.000",
        "borrowed_on": "01/02/2025",
        "repaid_on": "01/01/2025",
    }
    response = client.post(path, data)
    html = response.content.decode()
    assert "Đoàn viên vay: chọn một đoàn viên của đơn vị." in html
    assert 'value="20.000.000"' in html
    response = client.post(path, {**data, "member": funds.member_a.pk})
    assert "Ngày trả không được trước ngày vay." in response.content.decode()
    response = client.post(path, {**data, "member": funds.member_a.pk, "repaid_on": ""})
    assert response.status_code == 302
    created = Loan.objects.get(organisation=funds.a.org, amount=20_000_000)
    assert created.member == funds.member_a


def test_the_repay_page_records_the_day_or_names_the_error(client, funds, users):
    client.force_login(users.accountant)
    path = url("loan_repay", pk("loan_a"))(funds)
    response = client.post(path, {"date": "01/01/2024"})
    assert "Ngày trả hết: không được trước ngày vay (01/03/2024)." in response.content.decode()
    response = client.post(path, {"date": "15/06/2025"})
    assert response["Location"] == url("loan_list", org=org_a)(funds)
    funds.loan_a.refresh_from_db()
    assert funds.loan_a.repaid_on == date(2025, 6, 15)


def test_the_loan_list_filters_searches_and_totals(client, funds, users):
    a = funds.a.org
    MemberFactory(organisation=funds.tree.group_a2, full_name="Đặng Thị Hoa")
    overdue = loan(a, funds.other_a, users.accountant, amount=5_000_000)
    Loan.objects.filter(pk=overdue.pk).update(due_on=date(2020, 1, 1))
    client.force_login(users.inspector)
    path = url("loan_list", org=org_a)(funds)

    def names(query=""):
        page = client.get(path + query).context["page"]
        return sorted(loan.member.full_name for loan in page.object_list)

    assert names() == ["Lê Thị Cúc a", "Nguyễn Văn An a"]  # outstanding by default
    assert names("&state=repaid") == ["Lê Thị Cúc a"]
    assert names("&state=all") == ["Lê Thị Cúc a", "Lê Thị Cúc a", "Nguyễn Văn An a"]
    assert names("&state=all&q=le thi cuc") == ["Lê Thị Cúc a", "Lê Thị Cúc a"]
    assert names("&q=Bình") == []
    response = client.get(path)
    branch = response.context["branch"]
    assert (branch.outstanding_count, branch.outstanding, branch.overdue_count) == (
        2,
        35_000_000,
        1,
    )
    assert "Quá hạn" in response.content.decode()


def test_the_loan_xlsx_holds_the_selection(client, funds, users):
    client.force_login(users.accountant)
    response = client.get(url("loan_xlsx", org=org_a, state="all")(funds))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    # Newest first: both were borrowed the same day, the repaid one was entered last.
    assert [(r[1], r[4], r[7]) for r in rows[:-1]] == [
        ("Lê Thị Cúc a", 30_000_000, "15/01/2025"),
        ("Nguyễn Văn An a", 30_000_000, None),
    ]
    assert rows[-1][1:5] == ("Cộng", None, None, 60_000_000)
    outstanding = load_workbook(
        BytesIO(client.get(url("loan_xlsx", org=org_a)(funds)).content)
    ).active
    assert outstanding.max_row == 5  # title, blank, header, one loan, total


def test_a_loan_is_deleted_after_confirmation(client, funds, users):
    client.force_login(users.accountant)
    path = url("loan_delete", pk("loan_a"))(funds)
    assert "Xóa hẳn khoản vay này?" in client.get(path).content.decode()
    client.post(path)
    assert not Loan.objects.filter(pk=funds.loan_a.pk).exists()
