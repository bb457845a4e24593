"""Decompression bombs posted to the member import: one clear message, nothing read past the
limits, nothing saved."""

import pytest

from members.models import Member
from members.registry.reading import read_member_sheet
from tests.members.registry.sheets import upload, xlsx
from tests.unionhub import bombs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("bomb", "message"), bombs.CASES, ids=[c[0] for c in bombs.CASES])
def test_a_bomb_gets_one_clear_message_and_saves_nothing(client, users, tree, bomb, message):
    client.force_login(users.officer)
    before = Member.objects.count()
    response = upload(
        client, bombs.build(bomb, ("Họ và tên", "Số thẻ")), tree.branch_a, follow=True
    )
    job = response.context["job"]  # the check's job, followed from the upload
    assert job.state == "failed" and message in job.error
    body = response.content.decode()
    assert message in body and 'value="confirm"' not in body
    assert Member.objects.count() == before


def test_the_member_reader_tells_its_progress_as_it_reads():
    rows = [[n, f"Nguyễn Văn {n}", "01/01/1990", "Nam", "", f"P{n}", "", ""] for n in range(1100)]
    calls = []
    sheet = read_member_sheet(xlsx(rows), progress=lambda *a: calls.append(a))
    assert len(sheet.rows) == 1100
    assert calls == [(500, 1101), (1000, 1101), (1101, 1101)]
