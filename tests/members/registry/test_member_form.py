"""The member and application forms: plausible dates, duplicates, errors shown on the fields."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from members.models import Member, MemberEvent
from members.registry import services

pytestmark = pytest.mark.django_db

TODAY = date.today()


def create(client, **fields):
    data = {"full_name": "Phạm Văn Mới", "gender": "M", "organisation": fields.pop("org")}
    data.update(fields)
    return client.post(reverse("members:member_create"), data)


@pytest.fixture
def officer_client(client, world, users):
    client.force_login(users.officer)
    return client


def years_ago(n: int, day: date = TODAY) -> date:
    try:
        return day.replace(year=day.year - n)
    except ValueError:  # 29 February
        return day.replace(year=day.year - n, day=28)


@pytest.mark.parametrize(
    "born",
    [
        date(1890, 1, 1),
        TODAY + timedelta(days=1),
        years_ago(14),
        years_ago(15) + timedelta(days=1),  # turns 15 tomorrow
    ],
    ids=["1890", "future", "14-years", "15-tomorrow"],
)
def test_member_create_rejects_implausible_birth_date(born, officer_client, world):
    response = create(
        officer_client, org=world.tree.group_a1.pk, date_of_birth=born.strftime("%d/%m/%Y")
    )
    assert response.status_code == 200
    assert "date_of_birth" in response.context["form"].errors
    assert not Member.objects.filter(full_name="Phạm Văn Mới").exists()


def test_member_create_accepts_worker_who_turned_15_today(officer_client, world):
    born = years_ago(15)
    response = create(
        officer_client, org=world.tree.group_a1.pk, date_of_birth=born.strftime("%d/%m/%Y")
    )
    assert response.status_code == 302
    assert Member.objects.get(full_name="Phạm Văn Mới").date_of_birth == born


def test_member_create_accepts_date_typed_day_first(officer_client, world):
    response = create(officer_client, org=world.tree.group_a1.pk, date_of_birth="17/05/1985")
    assert response.status_code == 302
    member = Member.objects.get(full_name="Phạm Văn Mới")
    assert member.date_of_birth == date(1985, 5, 17)
    assert member.events.get().kind == MemberEvent.Kind.ADMITTED


def test_member_create_rejects_duplicate_card_number_on_the_field(officer_client, world):
    member = Member.objects.get(pk=world.member_a.pk)
    member.card_number = "CD-1"
    services.member_update(member=member, actor=None)
    response = create(officer_client, org=world.tree.group_a1.pk, card_number="CD-1")
    assert "card_number" in response.context["form"].errors
    assert Member.objects.filter(card_number="CD-1").count() == 1


def test_likely_duplicate_warns_and_saves_after_confirmation(officer_client, world):
    data = {"org": world.tree.group_a2.pk, "date_of_birth": "17/05/1985"}
    response = create(officer_client, full_name="nguyen van an", **data)
    assert response.status_code == 200
    assert "confirm_duplicate" in response.context["form"].errors
    html = response.content.decode()
    assert "Có thể trùng đoàn viên đã có" in html and "Nguyễn Văn An" in html
    assert Member.objects.filter(search_name="nguyen van an").count() == 1
    response = create(officer_client, full_name="nguyen van an", confirm_duplicate="on", **data)
    assert response.status_code == 302
    assert Member.objects.filter(search_name="nguyen van an").count() == 2


def test_likely_duplicate_in_another_branch_is_not_revealed(client, world, users):
    client.force_login(users.officer_b)
    response = create(
        client, org=world.tree.group_b1.pk, full_name="Nguyễn Văn An", date_of_birth="17/05/1985"
    )
    assert response.status_code == 302
    assert Member.objects.filter(search_name="nguyen van an").count() == 2


def test_member_form_redisplays_entered_data_on_error(officer_client, world):
    response = create(
        officer_client,
        org=world.tree.group_a1.pk,
        full_name="Phạm Văn Mới",
        phone="0987654321",
        date_of_birth="31/02/1985",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Phạm Văn Mới"' in html
    assert 'value="0987654321"' in html
    assert 'value="31/02/1985"' in html
    assert "date_of_birth" in response.context["form"].errors


def test_empty_post_shows_required_field_errors(client, users):
    client.force_login(users.officer)
    response = client.post(reverse("members:member_create"), {})
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]


def test_application_with_implausible_birth_date_is_refused(client, users, tree):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:application_create"),
        {
            "full_name": "Lê Văn Cổ",
            "gender": "M",
            "date_of_birth": "01/01/1800",
            "organisation": tree.group_a1.pk,
            "submitted_on": "01/02/2026",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_of_birth"]
