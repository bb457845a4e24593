"""The activity's page: participants, cost, results, files and history; linking and
unlinking vouchers (only for readers of the books); uploading, downloading and deleting files."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation.activities import services
from emulation.activities.selectors import total_cost
from finance.ledger import services as finance_services
from tests.emulation.activities.factories import PNG_BYTES, activity, attach, figures, payment
from tests.factories import MemberFactory
from tests.pages import count_queries

pytestmark = pytest.mark.django_db


# --- detail, vouchers, attachments -----------------------------------------------------------


def detail_url(a):
    return reverse("emulation:activity_detail", args=[a.pk])


def test_detail_shows_participants_cost_results_files_and_history(client, act, users):
    client.force_login(users.officer)
    page = client.get(detail_url(act.a))
    html = page.content.decode()
    for text in (
        "Nguyễn Văn An",
        "Tổ Toán",
        "Giải ba bóng chuyền hơi nữ</li>",
        "2.500.000",
        act.voucher_a.display_number,
        "ke-hoach.pdf",
        "Lịch sử thay đổi",
    ):
        assert text in html, text
    assert reverse("finance:voucher_detail", args=[act.voucher_a.pk]) in html


def test_detail_shows_vouchers_only_to_readers_of_the_books(client, act, users):
    client.force_login(users.inspector)
    html = client.get(detail_url(act.a)).content.decode()
    assert act.voucher_a.display_number in html
    # Inspectors read the books too; group leaders do not.
    client.force_login(users.group_leader)
    voucher = payment(act.cash_a, day=date(2025, 4, 16), amount=300_000)
    services.activity_voucher_link(activity=act.group, voucher=voucher, actor=None)
    html = client.get(detail_url(act.group)).content.decode()
    assert voucher.display_number not in html  # the books' detail is not theirs
    assert reverse("finance:voucher_detail", args=[voucher.pk]) not in html
    assert "Liên kết phiếu chi" not in html and "Tải lên" not in html


def test_detail_offers_only_the_payable_vouchers_to_link(client, act, users):
    other = payment(act.cash_a, amount=700_000, description="Chi mua cúp")
    next_year = payment(act.cash_a, day=date(2026, 1, 5), description="Năm sau")
    client.force_login(users.officer)
    choices = client.get(detail_url(act.a)).context["link_form"].fields["voucher"].queryset
    assert list(choices) == [other]
    assert next_year not in choices


def test_linking_and_unlinking_through_the_pages(client, act, users):
    other = payment(act.cash_a, amount=700_000, description="Chi mua cúp")
    client.force_login(users.officer)
    link = reverse("emulation:activity_voucher_link", args=[act.a.pk])
    response = client.post(link, {"voucher": other.pk}, follow=True)
    assert f"Đã liên kết {other.display_number}" in response.content.decode()
    assert total_cost(figures(act.a)) == 3_200_000
    response = client.post(link, {"voucher": act.voucher_b.pk}, follow=True)
    assert "chọn trong danh sách phiếu chi của năm" in response.content.decode()
    unlink = reverse("emulation:activity_voucher_unlink", args=[act.a.pk, other.pk])
    client.post(unlink)
    assert list(act.a.vouchers.all()) == [act.voucher_a]


def test_a_reversed_voucher_shows_as_not_counted(client, act, users):
    finance_services.voucher_reverse(voucher=act.voucher_a, day=date(2025, 3, 20), actor=None)
    client.force_login(users.officer)
    page = client.get(detail_url(act.a))
    assert "Đã điều chỉnh, không tính" in page.content.decode()
    assert page.context["total_cost"] == 500_000


def test_detail_queries_do_not_grow_with_participants_vouchers_and_files(client, act, users):
    """Two activities alike but for the length of their lists (each list added in one step,
    so that both have as many history entries: the history costs queries per entry, up to
    its limit, in unionhub.audit)."""
    members = [MemberFactory(organisation=act.tree.group_a2) for _ in range(6)]
    vouchers = [payment(act.cash_a, amount=10_000 + n) for n in range(4)]
    pages = []
    for size in (1, 4):
        a = activity(act.tree.branch_a, name=f"Hoạt động {size}")
        a.participants.add(*members[: size + 2])
        a.vouchers.add(*vouchers[:size])
        for n in range(size):
            attach(a, f"anh-{n}.png", PNG_BYTES)
        pages.append(detail_url(a))
    client.force_login(users.officer)
    small, big = (count_queries(client, page) for page in pages)
    assert big == small


def upload(client, a, *files):
    return client.post(
        reverse("emulation:activity_attachment_add", args=[a.pk]),
        {"file": [SimpleUploadedFile(name, content) for name, content in files]},
        follow=True,
    )


def test_uploads_are_checked_one_by_one_and_errors_name_the_file(client, act, users):
    client.force_login(users.officer)
    response = upload(client, act.a, ("Ảnh đội bóng.png", PNG_BYTES), ("virus.exe", b"MZ"))
    html = response.content.decode()
    assert "Đã đính kèm Ảnh đội bóng.png" in html
    assert "virus.exe: Chỉ đính kèm tệp PDF, JPG, PNG, DOCX hoặc XLSX." in html
    assert act.a.attachments.count() == 2


def test_download_serves_the_file_under_its_name_to_readers_only(client, act, users):
    client.force_login(users.inspector)
    response = client.get(reverse("emulation:activity_attachment_file", args=[act.file_a.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "ke-hoach.pdf" in response["Content-Disposition"]
    client.force_login(users.officer_b)
    response = client.get(reverse("emulation:activity_attachment_file", args=[act.file_a.pk]))
    assert response.status_code == 404


def test_deleting_an_attachment_asks_then_removes_the_file(
    client, act, users, django_capture_on_commit_callbacks
):
    client.force_login(users.officer)
    target = reverse("emulation:activity_attachment_delete", args=[act.file_a.pk])
    assert "ke-hoach.pdf" in client.get(target).content.decode()
    storage, name = act.file_a.file.storage, act.file_a.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(target)
    assert not act.a.attachments.exists() and not storage.exists(name)


# --- vouchers only for readers of the books --------------------------------------------------


def test_readers_without_the_books_see_the_cost_but_not_the_vouchers(client, act, users):
    page = reverse("emulation:activity_detail", args=[act.group.pk])
    voucher = payment(act.cash_a, day=date(2025, 4, 16), amount=300_000, description="Nước uống")
    services.activity_voucher_link(activity=act.group, voucher=voucher, actor=None)
    client.force_login(users.group_leader)
    html = client.get(page).content.decode()
    assert "300.000" in html and "Nước uống" not in html and voucher.display_number not in html
    client.force_login(users.inspector)
    html = client.get(page).content.decode()
    assert "Nước uống" in html


def test_linking_vouchers_needs_the_books(client, act, users, monkeypatch):
    """An officer whose roles do not read the books (none here by default: make one) may not
    link or unlink."""
    monkeypatch.setattr(
        "emulation.activities.pages.access.can",
        lambda user, perm, org: perm != "view_finance",
    )
    client.force_login(users.officer)
    link = reverse("emulation:activity_voucher_link", args=[act.a.pk])
    assert client.post(link, {"voucher": act.voucher_a.pk}).status_code == 403
    unlink = reverse("emulation:activity_voucher_unlink", args=[act.a.pk, act.voucher_a.pk])
    assert client.post(unlink).status_code == 403
    assert act.a.vouchers.filter(pk=act.voucher_a.pk).exists()
