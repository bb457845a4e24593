"""The member list's day filter with a date out of all plausibility (issue 13's probe): the
filter is dropped and the page says so."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["01/01/0001", "31/12/9999"])
def test_a_day_out_of_bounds_is_dropped_from_the_member_list_and_named(
    client, users, member_a, typed
):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_list"), {"on": typed})
    assert response.status_code == 200
    assert [m.full_name for m in response.context["members"]] == [member_a.full_name]
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(said) == 1
    assert said[0].startswith(f"Bộ lọc “Đoàn viên tại ngày” không áp dụng: Ngày {typed}")


def test_a_member_list_of_another_branch_by_an_id_too_large_is_the_users_own(
    client, users, member_a
):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_list"), {"org": "9" * 20})
    assert response.status_code == 200
    assert [m.full_name for m in response.context["members"]] == [member_a.full_name]
