"""Decompression bombs posted to the award import: one clear message on the
check's job, nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.emulation.awards.sheets import snapshot
from tests.emulation.scopes import org_a
from tests.pages import page_url
from tests.unionhub import bombs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("bomb", "message"), bombs.CASES, ids=[c[0] for c in bombs.CASES])
def test_a_bomb_gets_one_clear_message_and_saves_nothing(client, imp, users, bomb, message):
    client.force_login(users.officer)
    data = bombs.build(bomb, ("Số quyết định", "Danh hiệu", "Họ và tên"))
    response = client.post(
        page_url("emulation")("award_import", org=org_a)(imp),
        {"action": "upload", "file": SimpleUploadedFile("khen-thuong.xlsx", data)},
        follow=True,
    )
    job = response.context["job"]  # the check's job, followed from the upload
    assert job.state == "failed" and message in job.error
    body = response.content.decode()
    assert message in body and 'value="confirm"' not in body
    assert snapshot() == (0, 0, 0)
