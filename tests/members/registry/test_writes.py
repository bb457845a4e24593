"""Registry pages: what each role may post (members, lifecycle, applications, recommendations)."""

from datetime import date

import pytest
from django.urls import reverse

from members.models import AdmissionApplication, Member, PartyRecommendation
from tests.members.registry.test_views import pk, url

pytestmark = pytest.mark.django_db


def _member(w, attr):
    return Member.objects.get(pk=getattr(w, attr).pk)


def _app_status(w):
    return AdmissionApplication.objects.get(pk=w.app_a.pk).status


DAY = "15/01/2025"
WRITES = {
    "member create": (
        url("members:member_create"),
        lambda w: {
            "full_name": "Phạm Văn Mới",
            "gender": "M",
            "date_of_birth": "02/09/1990",
            "organisation": w.tree.group_a1.pk,
        },
        lambda w: Member.objects.filter(full_name="Phạm Văn Mới").count(),
        1,
    ),
    "member edit": (
        url("members:member_edit", pk("member_a")),
        lambda w: {"full_name": "Nguyễn Văn An", "gender": "M", "phone": "0912345678"},
        lambda w: _member(w, "member_a").phone,
        "0912345678",
    ),
    "member transfer": (
        url("members:member_transfer", pk("member_a")),
        lambda w: {"organisation": w.tree.group_a2.pk, "date": DAY},
        lambda w: (_member(w, "member_a").organisation_id, w.member_a.events.count()),
        lambda w: (w.tree.group_a2.pk, 2),
    ),
    "member end": (
        url("members:member_end", pk("member_a")),
        lambda w: {"kind": "retired", "date": DAY},
        lambda w: _member(w, "member_a").status,
        Member.Status.RETIRED,
    ),
    "member reinstate": (
        url("members:member_reinstate", pk("past_a")),
        lambda w: {"organisation": w.tree.group_a2.pk, "date": DAY},
        lambda w: (_member(w, "past_a").status, _member(w, "past_a").organisation_id),
        lambda w: (Member.Status.ACTIVE, w.tree.group_a2.pk),
    ),
    "recommendation create": (
        url("members:recommendation_create", pk("member_a")),
        lambda w: {"year": 2025, "recommended_on": "01/03/2025", "outcome": "pending"},
        lambda w: w.member_a.party_recommendations.filter(year=2025).count(),
        1,
    ),
    "recommendation edit": (
        url("members:recommendation_edit", pk("member_a"), pk("rec_a")),
        lambda w: {
            "year": 2024,
            "recommended_on": "01/03/2024",
            "outcome": "admitted",
            "outcome_on": "07/11/2024",
        },
        lambda w: PartyRecommendation.objects.get(pk=w.rec_a.pk).outcome,
        "admitted",
    ),
    "application create": (
        url("members:application_create"),
        lambda w: {
            "full_name": "Bùi Thị Mới",
            "gender": "F",
            "organisation": w.tree.group_a1.pk,
            "submitted_on": "01/10/2024",
        },
        lambda w: AdmissionApplication.objects.filter(full_name="Bùi Thị Mới").count(),
        1,
    ),
    "application edit": (
        url("members:application_edit", pk("app_a")),
        lambda w: {
            "full_name": "Phạm Thị Hoa Sửa",
            "gender": "F",
            "organisation": w.tree.group_a1.pk,
            "submitted_on": "01/09/2024",
        },
        lambda w: AdmissionApplication.objects.get(pk=w.app_a.pk).full_name,
        "Phạm Thị Hoa Sửa",
    ),
    "application approve": (
        url("members:application_approve", pk("app_a")),
        lambda w: {"decision_no": "15/QĐ-CĐCS", "decided_on": "01/10/2024"},
        lambda w: (_app_status(w), Member.objects.filter(full_name=w.app_a.full_name).count()),
        (AdmissionApplication.Status.APPROVED, 1),
    ),
    "application reject": (
        url("members:application_reject", pk("app_a")),
        lambda w: {"decided_on": "01/10/2024", "note": "Chưa đủ điều kiện"},
        _app_status,
        AdmissionApplication.Status.REJECTED,
    ),
}


@pytest.mark.parametrize("case", list(WRITES))
def test_officer_post_changes_registry(case, client, world, users):
    make_url, data, probe, after = WRITES[case]
    before = probe(world)
    client.force_login(users.officer)
    response = client.post(make_url(world), data(world))
    assert response.status_code == 302, response.context["form"].errors
    expected = after(world) if callable(after) else after
    assert probe(world) == expected != before


@pytest.mark.parametrize("case", list(WRITES))
def test_registry_post_without_permission_changes_nothing(case, client, world, users):
    make_url, data, probe, _after = WRITES[case]
    before = probe(world)
    creates = case in ("member create", "application create")
    statuses = {
        "accountant": 403,
        "inspector": 403,
        "upper_viewer": 403,
        "group_leader": 403,  # every object here is in group A1, which the leader reads
        # The member user reads their own profile (member_a) but not past_a.
        "member": 404 if case == "member reinstate" else 403,
        # Creating has no object in the URL: branch A is simply not among the form's choices.
        "officer_b": 200 if creates else 404,
    }
    for role, status in statuses.items():
        client.force_login(getattr(users, role))
        assert client.post(make_url(world), data(world)).status_code == status, role
        assert probe(world) == before, role


def test_officer_of_other_branch_cannot_create_member_in_branch_a(client, world, users):
    client.force_login(users.officer_b)
    response = client.post(
        reverse("members:member_create"),
        {"full_name": "Xâm Nhập", "gender": "M", "organisation": world.tree.group_a1.pk},
    )
    assert "organisation" in response.context["form"].errors
    assert not Member.objects.filter(full_name="Xâm Nhập").exists()


def test_transfer_offers_only_organisations_the_officer_manages(client, world, users):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_transfer", args=[world.member_a.pk]))
    choices = set(response.context["form"].fields["organisation"].queryset)
    assert choices == {world.tree.branch_a, world.tree.group_a1, world.tree.group_a2}


def test_transfer_with_date_before_last_event_shows_error_on_date(client, world, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:member_transfer", args=[world.member_a.pk]),
        {"organisation": world.tree.group_a2.pk, "date": "01/01/2009"},
    )
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert Member.objects.get(pk=world.member_a.pk).organisation == world.tree.group_a1


def test_approving_twice_shows_an_error_and_creates_one_member(client, world, users):
    client.force_login(users.officer)
    page = reverse("members:application_approve", args=[world.app_a.pk])
    data = {"decision_no": "15/QĐ", "decided_on": "01/10/2024"}
    assert client.post(page, data).status_code == 302
    response = client.post(page, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Member.objects.filter(full_name=world.app_a.full_name).count() == 1


def test_member_end_page_closes_open_positions_on_that_day(client, world, users):
    client.force_login(users.officer)
    client.post(
        reverse("members:member_end", args=[world.member_a.pk]), {"kind": "retired", "date": DAY}
    )
    position = world.member_a.positions.get()
    assert position.end == date(2025, 1, 15)


def test_duplicate_party_recommendation_year_is_a_form_error(client, world, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:recommendation_create", args=[world.member_a.pk]),
        {"year": world.rec_a.year, "recommended_on": "01/04/2024", "outcome": "pending"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert world.member_a.party_recommendations.count() == 1
