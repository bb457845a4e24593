"""The Django admin of members: superusers only, and it corrects records rather than adding them."""

import pytest

pytestmark = pytest.mark.django_db


def test_django_admin_is_for_superusers_only(client, users, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get("/quan-tri/").status_code == 302  # sent to the admin login
    client.force_login(users.officer)
    assert client.get("/quan-tri/members/member/").status_code == 302
    client.force_login(users.admin)
    assert client.get("/quan-tri/members/member/").status_code == 200


def test_admin_cannot_add_members_behind_the_services(client, users):
    client.force_login(users.admin)
    assert client.get("/quan-tri/members/member/add/").status_code == 403
    assert client.get("/quan-tri/members/organisation/add/").status_code == 403


def test_admin_correction_pages_render(client, users, member_a, tree):
    client.force_login(users.admin)
    assert client.get(f"/quan-tri/members/member/{member_a.pk}/change/").status_code == 200
    page = client.get(f"/quan-tri/members/organisation/{tree.branch_a.pk}/change/")
    assert page.status_code == 200
    assert client.get("/quan-tri/members/levelchoice/").status_code == 200
    assert client.get(f"/quan-tri/auth/user/{users.officer.pk}/change/").status_code == 200
