"""A member's personal data (national ID, salary) and audit trail: shown only to the roles
allowed."""

import pytest
from django.urls import reverse

from members.models import Member
from members.registry import services
from members.registry.forms import MemberForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def personal(world):
    member = Member.objects.get(pk=world.member_a.pk)
    member.national_id = "001085012345"
    member.salary_basis = 16_050_000
    services.member_update(member=member, actor=None)
    return member


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("admin", True),
        ("officer", True),
        ("accountant", True),
        ("inspector", False),
        ("group_leader", False),
        ("upper_viewer", False),
    ],
)
def test_national_id_and_salary_only_for_personal_data_roles(role, shown, client, personal, users):
    client.force_login(getattr(users, role))
    html = client.get(personal.get_absolute_url()).content.decode()
    assert ("001085012345" in html) is shown
    assert ("16.050.000đ" in html) is shown


@pytest.mark.parametrize("role", ["officer", "accountant"])
def test_member_form_has_personal_fields_for_personal_data_roles(role, personal, users):
    form = MemberForm(instance=personal, user=getattr(users, role))
    assert {"national_id", "salary_basis"} <= set(form.fields)


@pytest.mark.parametrize("role", ["inspector", "group_leader", "upper_viewer"])
def test_member_form_drops_personal_fields_for_other_roles(role, personal, users):
    for instance in (personal, None):
        form = MemberForm(instance=instance, user=getattr(users, role))
        assert not {"national_id", "salary_basis"} & set(form.fields)


def test_officer_edit_form_shows_personal_values(client, personal, users):
    client.force_login(users.officer)
    html = client.get(reverse("members:member_edit", args=[personal.pk])).content.decode()
    assert 'value="001085012345"' in html


def _edit_phone_and_id(client, users, member):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:member_edit", args=[member.pk]),
        {
            "full_name": member.full_name,
            "gender": "M",
            "date_of_birth": "17/05/1985",
            "joined_on": "01/01/2010",
            "phone": "0912345678",
            "national_id": "001085099999",
            "salary_basis": 16_050_000,
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize("role", ["officer", "inspector"])
def test_member_history_shows_field_old_and_new_to_audit_roles(role, client, personal, users):
    _edit_phone_and_id(client, users, personal)
    client.force_login(getattr(users, role))
    html = client.get(personal.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" in html
    assert "<strong>điện thoại</strong>: — → 0912345678" in html


@pytest.mark.parametrize("role", ["accountant", "group_leader", "upper_viewer"])
def test_member_history_hidden_without_audit_permission(role, client, personal, users):
    _edit_phone_and_id(client, users, personal)
    client.force_login(getattr(users, role))
    html = client.get(personal.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" not in html


def test_member_history_hides_personal_data_changes_from_inspector(client, personal, users):
    _edit_phone_and_id(client, users, personal)
    client.force_login(users.inspector)
    html = client.get(personal.get_absolute_url()).content.decode()
    assert "001085012345" not in html
    assert "001085099999" not in html
    assert "16.050.000" not in html
    client.force_login(users.officer)
    html = client.get(personal.get_absolute_url()).content.decode()
    assert "001085012345 → 001085099999" in html


def test_member_history_shows_name_change_but_not_derived_search_keys(client, world, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:member_edit", args=[world.member_a.pk]),
        {"full_name": "Nguyễn Văn Ân", "gender": "M"},
    )
    assert response.status_code == 302
    html = client.get(world.member_a.get_absolute_url()).content.decode()
    assert "<strong>họ và tên</strong>: Nguyễn Văn An → Nguyễn Văn Ân" in html
    assert "nguyen van" not in html  # the accent-free search and sort keys


@pytest.mark.parametrize("salary", [10**10 + 1, 10**20])
def test_a_salary_past_any_plausible_one_is_refused_on_the_form(client, personal, users, salary):
    client.force_login(users.officer)
    data = {
        "full_name": personal.full_name,
        "gender": "M",
        "date_of_birth": "17/05/1985",
        "joined_on": "01/01/2010",
        "salary_basis": salary,
    }
    response = client.post(reverse("members:member_edit", args=[personal.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["salary_basis"]
    personal.refresh_from_db()
    assert personal.salary_basis == 16_050_000
