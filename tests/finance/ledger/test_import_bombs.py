"""Decompression bombs posted to the voucher import: one clear message on the
check's job, nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from finance.ledger.importing import COLUMNS
from finance.models import Voucher
from tests.finance.pages import org_a, url
from tests.unionhub import bombs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("bomb", "message"), bombs.CASES, ids=[c[0] for c in bombs.CASES])
def test_a_bomb_gets_one_clear_message_and_saves_nothing(client, fin, users, bomb, message):
    client.force_login(users.accountant)
    before = Voucher.objects.count()
    data = bombs.build(bomb, tuple(header for header, _guide in COLUMNS))
    response = client.post(
        url("voucher_import", org=org_a)(fin),
        {"action": "upload", "file": SimpleUploadedFile("so-cu.xlsx", data), "post": "on"},
        follow=True,
    )
    job = response.context["job"]  # the check's job, followed from the upload
    assert job.state == "failed" and message in job.error
    body = response.content.decode()
    assert message in body and 'value="confirm"' not in body
    assert Voucher.objects.count() == before
