"""Requests with NUL or other control characters are refused with a 400 page before any view
reads them (on PostgreSQL a NUL in ?q= was a server error; in ?so= it broke the Word files)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["abc\x00def", "\x00", "12\x013", "\x1f"])
@pytest.mark.parametrize("page", ["members:member_list", "finance:index", "home"])
def test_a_control_character_in_the_query_string_is_refused(client, users, page, value):
    client.force_login(users.officer)
    response = client.get(reverse(page), {"q": value})
    assert response.status_code == 400
    assert "ký tự điều khiển" in response.content.decode()


def test_a_control_character_in_a_parameter_name_is_refused(client, users):
    client.force_login(users.officer)
    assert client.get(reverse("members:member_list"), {"q\x00": "An"}).status_code == 400


def test_a_raw_percent_zero_zero_is_refused(client, users):
    client.force_login(users.officer)
    assert client.get(f"{reverse('members:member_list')}?q=%00").status_code == 400


def test_a_control_character_in_a_posted_form_is_refused_and_nothing_saved(client, users, member_a):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:member_end", args=[member_a.pk]),
        {"kind": "retired", "date": "01/01/2025", "note": "nghỉ\x00hưu"},
    )
    assert response.status_code == 400
    member_a.refresh_from_db()
    assert member_a.status == "active"


def test_tabs_and_line_breaks_are_ordinary_text(client, users):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_list"), {"q": "Nguyễn\tVăn\r\nAn"})
    assert response.status_code == 200


def test_anonymous_requests_are_refused_too(client, db):
    assert client.get(reverse("login"), {"next": "/\x00"}).status_code == 400
