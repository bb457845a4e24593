"""Decompression bombs posted to the voucher import: one clear message, nothing saved."""

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
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert message in error
    assert message in response.content.decode()
    assert not response.context.get("token")
    assert Voucher.objects.count() == before
