"""Attachments of vouchers: checked, stored under a random name, read back through the voucher's
scope, never into a closed period, deleted with their draft."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.models import ClosedPeriod, Voucher
from tests.finance.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def upload(client, voucher, name, content):
    return client.post(
        reverse("finance:attachment_add", args=[voucher.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_attachments_are_checked_stored_under_a_random_name_and_read_back(client, fin, users):
    client.force_login(users.accountant)
    response = upload(client, fin.a.receipt, "Biên lai số 5.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50)
    assert "Đã đính kèm Biên lai số 5.png" in response.content.decode()
    stored = fin.a.receipt.attachments.get()
    assert stored.name == "Biên lai số 5.png" and stored.content_type == "image/png"
    assert "Biên" not in stored.file.name and stored.file.name.endswith(".png")
    download = client.get(reverse("finance:attachment_file", args=[stored.pk]))
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    # A posted voucher keeps its documents: nothing to delete.
    response = client.post(reverse("finance:attachment_delete", args=[stored.pk]), follow=True)
    assert fin.a.receipt.attachments.count() == 1
    assert "đã ghi sổ" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("hoa-don.exe", b"MZ....", "Chỉ đính kèm tệp PDF, JPG hoặc PNG."),
        ("hoa-don.pdf", b"\x89PNG\r\n\x1a\n", "Nội dung tệp hoa-don.pdf không phải PDF."),
        ("anh.jpg", b"GIF89a", "Nội dung tệp anh.jpg không phải JPG."),
    ],
)
def test_attachments_of_the_wrong_kind_are_refused(client, fin, users, name, content, error):
    client.force_login(users.accountant)
    response = upload(client, fin.a.draft, name, content)
    assert error in response.content.decode()
    assert fin.a.draft.attachments.count() == 1  # the fixture's only


def test_attachments_over_the_size_limit_are_refused(client, fin, users, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    client.force_login(users.accountant)
    response = upload(client, fin.a.draft, "lon.pdf", PDF_BYTES + b"0" * 200)
    assert "lớn hơn" in response.content.decode()
    assert fin.a.draft.attachments.count() == 1


def test_no_attachment_goes_into_a_closed_period(client, fin, users):
    ClosedPeriod.objects.create(organisation=fin.a.org, year=2025, month=3)
    client.force_login(users.accountant)
    response = upload(client, fin.a.receipt, "muon.pdf", PDF_BYTES)
    assert "đã khóa sổ" in response.content.decode()
    assert not fin.a.receipt.attachments.exists()


def test_deleting_a_draft_removes_its_files(client, fin, users, django_capture_on_commit_callbacks):
    path = Path(fin.a.attachment.file.path)
    assert path.exists()
    client.force_login(users.accountant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("finance:voucher_delete", args=[fin.a.draft.pk]))
    assert not Voucher.objects.filter(pk=fin.a.draft.pk).exists()
    assert not path.exists()
