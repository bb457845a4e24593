"""One voucher's pages: a draft entered, edited, posted, deleted or reversed; a posted voucher
stays frozen."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance.forms import parse_money
from finance.ledger import services
from finance.models import Category, Voucher
from tests.finance.factories import category, make_voucher
from tests.finance.pages import org_a, snapshot, url
from unionhub.formatting import money_in_words

pytestmark = pytest.mark.django_db


def test_a_posted_voucher_cannot_be_edited_deleted_or_posted_again_through_any_view(
    client, fin, users
):
    posted = fin.a.receipt
    client.force_login(users.accountant)
    before = snapshot()
    data = {
        "date": "01/03/2025",
        "account": fin.a.cash.pk,
        "category": category("T02").pk,
        "amount": "9.999.999",
        "counterparty": "Ai đó",
        "description": "Sửa trộm",
    }
    for name, payload in [("voucher_edit", data), ("voucher_delete", {}), ("voucher_post", {})]:
        path = reverse(f"finance:{name}", args=[posted.pk])
        for response in (client.get(path), client.post(path, payload)):
            assert response.status_code == 302, name
            assert response["Location"] == reverse("finance:voucher_detail", args=[posted.pk])
    assert snapshot() == before
    page = client.get(reverse("finance:voucher_detail", args=[posted.pk]), follow=True)
    # The detail page offers no edit or delete for it, only a reversing voucher.
    html = page.content.decode()
    assert reverse("finance:voucher_edit", args=[posted.pk]) not in html
    assert reverse("finance:voucher_delete", args=[posted.pk]) not in html
    assert reverse("finance:voucher_reverse", args=[posted.pk]) in html


def test_editing_a_posted_voucher_says_why(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(reverse("finance:voucher_edit", args=[fin.a.receipt.pk]), follow=True)
    assert "không sửa, không xóa được" in response.content.decode()


def voucher_form(f, **changes):
    return {
        "date": "15/04/2025",
        "account": f.a.cash.pk,
        "category": category("T01").pk,
        "amount": "16.050.000",
        "counterparty": "Nguyễn Văn Nộp",
        "counterparty_member": "",
        "description": "Thu đoàn phí quý II",
        "member": "",
        **changes,
    }


def test_accountant_enters_a_receipt_as_a_draft_then_posts_it(client, fin, users):
    client.force_login(users.accountant)
    response = client.post(url("voucher_create", org=org_a, kind="receipt")(fin), voucher_form(fin))
    voucher = Voucher.objects.get(description="Thu đoàn phí quý II")
    assert response.status_code == 302
    assert response["Location"] == reverse("finance:voucher_detail", args=[voucher.pk])
    assert (voucher.kind, voucher.state, voucher.amount) == ("receipt", "draft", 16_050_000)
    assert voucher.organisation == fin.a.org
    response = client.post(reverse("finance:voucher_post", args=[voucher.pk]), follow=True)
    voucher.refresh_from_db()
    assert voucher.state == Voucher.State.POSTED
    assert voucher.number == 2  # the fixture posted receipt 1 of 2025
    html = response.content.decode()
    assert "PT 0002/2025" in html
    assert money_in_words(16_050_000) in html
    assert "16.050.000đ" in html


def test_the_kind_comes_from_the_page_and_the_categories_follow_it(client, fin, users):
    client.force_login(users.accountant)
    path = url("voucher_create", org=org_a, kind="payment")(fin)
    form = client.get(path).context["form"]
    flows = {c.flow for c in form.fields["category"].queryset}
    assert flows == {Category.Flow.SPENDING}
    # A tampered kind is ignored, and an income line is not a valid choice on a payment.
    response = client.post(path, voucher_form(fin, kind="receipt"))
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert not Voucher.objects.filter(description="Thu đoàn phí quý II").exists()


def test_a_draft_is_edited_through_its_page(client, fin, users):
    client.force_login(users.accountant)
    draft = fin.a.draft
    response = client.post(
        reverse("finance:voucher_edit", args=[draft.pk]),
        voucher_form(fin, amount="1250000", category=category("T03.4").pk),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.amount, draft.category.code, draft.state) == (1_250_000, "T03.4", "draft")


def test_a_date_in_a_closed_period_redisplays_the_form_with_the_error_on_the_date(
    client, fin, users
):
    client.force_login(users.accountant)
    services.period_close(organisation=fin.a.org, year=2025, month=4, actor=users.accountant)
    before = snapshot()
    response = client.post(url("voucher_create", org=org_a, kind="receipt")(fin), voucher_form(fin))
    assert response.status_code == 200
    form = response.context["form"]
    assert "04/2025 đã khóa sổ" in " ".join(form.errors["date"])
    html = response.content.decode()
    assert 'value="15/04/2025"' in html
    assert 'value="16.050.000"' in html
    assert "Thu đoàn phí quý II" in html
    assert snapshot() == before


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("16.050.000", 16_050_000),
        ("16050000", 16_050_000),
        ("16 050 000đ", 16_050_000),
        ("16,050,000", 16_050_000),
        ("1.000", 1_000),
        ("16.050.000,5", None),
        ("1.5", None),
        ("16.05.000", None),
        ("-5000", None),
        ("mười nghìn", None),
    ],
)
def test_amounts_are_whole_dong_typed_with_or_without_thousands_dots(typed, amount):
    assert parse_money(typed) == amount


def test_a_wrong_amount_is_named_in_the_error(client, fin, users):
    client.force_login(users.accountant)
    path = url("voucher_create", org=org_a, kind="receipt")(fin)
    for typed in ("16.050.000,5", "0"):
        response = client.post(path, voucher_form(fin, amount=typed))
        errors = response.context["form"].errors["amount"]
        assert errors and all(e.startswith("Số tiền") for e in errors)


def test_a_voucher_needs_a_payer_member_or_name(client, fin, users):
    client.force_login(users.accountant)
    response = client.post(
        url("voucher_create", org=org_a, kind="receipt")(fin), voucher_form(fin, counterparty="")
    )
    assert "Người nộp tiền" in response.context["form"].errors["counterparty"][0]


def test_accounts_and_members_of_another_branch_are_not_choices(
    client, fin, users, member_a, member_b
):
    client.force_login(users.accountant)
    path = url("voucher_create", org=org_a, kind="receipt")(fin)
    form = client.get(path).context["form"]
    assert list(form.fields["account"].queryset) == [fin.a.cash]
    assert member_a in form.fields["counterparty_member"].queryset
    assert member_b not in form.fields["counterparty_member"].queryset
    before = snapshot()
    response = client.post(
        path, voucher_form(fin, account=fin.b.cash.pk, counterparty_member=member_b.pk)
    )
    assert set(response.context["form"].errors) == {"account", "counterparty_member"}
    assert snapshot() == before


def test_reversing_a_posted_voucher_links_both_ways(client, fin, users):
    client.force_login(users.accountant)
    original = fin.a.receipt
    response = client.post(
        reverse("finance:voucher_reverse", args=[original.pk]),
        {"date": "20/04/2025", "description": "Thu nhầm đoàn phí"},
    )
    reversal = Voucher.objects.get(reverses=original)
    assert response["Location"] == reverse("finance:voucher_detail", args=[reversal.pk])
    assert (reversal.kind, reversal.state, reversal.amount) == ("payment", "posted", 2_000_000)
    original_page = client.get(reverse("finance:voucher_detail", args=[original.pk]))
    reversal_page = client.get(reverse("finance:voucher_detail", args=[reversal.pk]))
    assert reverse("finance:voucher_detail", args=[reversal.pk]) in original_page.content.decode()
    assert reverse("finance:voucher_detail", args=[original.pk]) in reversal_page.content.decode()
    # Once reversed, there is nothing more to reverse.
    again = client.get(reverse("finance:voucher_reverse", args=[original.pk]))
    assert again.status_code == 302


def test_a_reversal_into_a_closed_month_is_refused_on_the_date(client, fin, users):
    client.force_login(users.accountant)
    services.period_close(organisation=fin.a.org, year=2025, month=4, actor=users.accountant)
    before = snapshot()
    response = client.post(
        reverse("finance:voucher_reverse", args=[fin.a.receipt.pk]),
        {"date": "20/04/2025", "description": "Thu nhầm"},
    )
    assert response.status_code == 200
    assert "đã khóa sổ" in " ".join(response.context["form"].errors["date"])
    assert snapshot() == before


def test_a_draft_is_deleted_after_confirmation(client, fin, users):
    client.force_login(users.accountant)
    path = reverse("finance:voucher_delete", args=[fin.a.draft.pk])
    assert "Xóa hẳn" in client.get(path).content.decode()
    assert Voucher.objects.filter(pk=fin.a.draft.pk).exists()
    assert client.post(path).status_code == 302
    assert not Voucher.objects.filter(pk=fin.a.draft.pk).exists()


def test_the_voucher_page_shows_amount_in_words_poster_and_history(client, fin, users):
    client.force_login(users.inspector)
    html = client.get(reverse("finance:voucher_detail", args=[fin.a.receipt.pk])).content.decode()
    assert "PT 0001/2025" in html
    assert money_in_words(2_000_000) in html
    assert users.accountant.username in html  # who posted it
    assert "Lịch sử thay đổi" in html and "Đã ghi sổ" in html


def test_the_services_refuse_a_member_of_another_branch_on_a_voucher(fin, member_b):
    with pytest.raises(ValidationError):
        make_voucher(fin.a, "payment", "C02.1", 100_000, date(2025, 5, 1), member=member_b)
