"""members.registry.services: applications to join (approve, reject) and recommendations to the
Party."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from members.models import AdmissionApplication, Member, MemberEvent, PartyRecommendation
from members.registry import services
from tests.factories import ApplicationFactory, MemberFactory

pytestmark = pytest.mark.django_db

TODAY = date.today()


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def test_application_approve_creates_member_with_admission_event(tree, users):
    application = ApplicationFactory(organisation=tree.group_a1, full_name="Phạm Thị Hoa")
    member = services.application_approve(
        application=application, decision_no=" 7/QĐ ", decided_on=date(2024, 10, 1), actor=None
    )
    application = fresh(application)
    assert (application.status, application.decision_no, application.decided_on) == (
        AdmissionApplication.Status.APPROVED,
        "7/QĐ",
        date(2024, 10, 1),
    )
    assert application.member == member
    member = fresh(member)
    assert (member.full_name, member.organisation, member.gender, member.date_of_birth) == (
        "Phạm Thị Hoa",
        tree.group_a1,
        Member.Gender.FEMALE,
        date(1995, 3, 8),
    )
    [event] = member.events.all()
    assert (event.kind, event.date, event.decision_no) == (
        MemberEvent.Kind.ADMITTED,
        date(2024, 10, 1),
        "7/QĐ",
    )


def test_application_cannot_be_approved_twice(tree):
    application = ApplicationFactory(organisation=tree.group_a1)
    services.application_approve(
        application=application, decision_no="7", decided_on=date(2024, 10, 1), actor=None
    )
    with pytest.raises(ValidationError):
        services.application_approve(
            application=application, decision_no="8", decided_on=date(2024, 10, 2), actor=None
        )
    assert Member.objects.count() == 1


def test_application_approve_rejects_decision_before_submission(tree):
    application = ApplicationFactory(organisation=tree.group_a1, submitted_on=date(2024, 9, 1))
    with pytest.raises(ValidationError) as error:
        services.application_approve(
            application=application, decision_no="7", decided_on=date(2024, 8, 31), actor=None
        )
    assert "decided_on" in error.value.message_dict
    assert fresh(application).status == AdmissionApplication.Status.PENDING
    assert not Member.objects.exists()


def test_application_approve_requires_decision_number(tree):
    application = ApplicationFactory(organisation=tree.group_a1)
    with pytest.raises(ValidationError) as error:
        services.application_approve(
            application=application, decision_no="  ", decided_on=date(2024, 10, 1), actor=None
        )
    assert "decision_no" in error.value.message_dict


def test_application_reject_records_decision_and_creates_no_member(tree):
    application = ApplicationFactory(organisation=tree.group_a1)
    services.application_reject(
        application=application, decided_on=date(2024, 10, 1), note="Chưa đủ điều kiện", actor=None
    )
    application = fresh(application)
    assert (application.status, application.decided_on, application.note) == (
        AdmissionApplication.Status.REJECTED,
        date(2024, 10, 1),
        "Chưa đủ điều kiện",
    )
    assert not Member.objects.exists()
    with pytest.raises(ValidationError):
        services.application_approve(
            application=application, decision_no="7", decided_on=date(2024, 10, 2), actor=None
        )


def test_decided_application_cannot_be_edited(tree):
    application = ApplicationFactory(organisation=tree.group_a1)
    services.application_reject(application=application, decided_on=TODAY, note="x", actor=None)
    application = fresh(application)
    application.full_name = "Tên khác"
    with pytest.raises(ValidationError):
        services.application_save(application=application, actor=None)


def test_party_recommendation_admitted_requires_admission_date(member_a):
    recommendation = PartyRecommendation(
        member=member_a, year=2024, recommended_on=date(2024, 3, 1), outcome="admitted"
    )
    with pytest.raises(ValidationError) as error:
        services.party_recommendation_save(recommendation=recommendation, actor=None)
    assert "outcome_on" in error.value.message_dict
    recommendation.outcome_on = date(2024, 11, 7)
    services.party_recommendation_save(recommendation=recommendation, actor=None)
    assert fresh(recommendation).outcome_on == date(2024, 11, 7)


def test_party_recommendation_not_admitted_drops_admission_date(member_a):
    recommendation = services.party_recommendation_save(
        recommendation=PartyRecommendation(
            member=member_a,
            year=2024,
            recommended_on=date(2024, 3, 1),
            outcome="pending",
            outcome_on=date(2024, 11, 7),
        ),
        actor=None,
    )
    assert fresh(recommendation).outcome_on is None


def test_party_recommendation_once_per_member_and_year(member_a):
    def recommend():
        return services.party_recommendation_save(
            recommendation=PartyRecommendation(
                member=member_a, year=2024, recommended_on=date(2024, 3, 1)
            ),
            actor=None,
        )

    recommend()
    with pytest.raises(ValidationError):
        recommend()
    assert member_a.party_recommendations.count() == 1


def test_reject_refuses_decision_before_submission(tree, users):
    from members.models import AdmissionApplication

    application = AdmissionApplication.objects.create(
        organisation=tree.group_a1,
        full_name="Lê Văn Cường",
        gender="M",
        submitted_on=date(2026, 3, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.application_reject(
            application=application, decided_on=date(2026, 2, 1), note="x", actor=users.officer
        )
    assert "decided_on" in error.value.error_dict
    application.refresh_from_db()
    assert application.status == AdmissionApplication.Status.PENDING


def test_approve_refuses_a_decision_in_the_future(tree, users):
    application = ApplicationFactory(organisation=tree.group_a1, submitted_on=TODAY)
    with pytest.raises(ValidationError):
        services.application_approve(
            application=application,
            decision_no="5/QĐ",
            decided_on=TODAY + timedelta(days=3),
            actor=users.officer,
        )
    assert fresh(application).status == AdmissionApplication.Status.PENDING


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"year": 2025, "recommended_on": date(2024, 5, 1)}, "recommended_on"),
        ({"year": TODAY.year, "recommended_on": TODAY + timedelta(days=2)}, "recommended_on"),
        (
            {
                "year": 2025,
                "recommended_on": date(2025, 5, 1),
                "outcome": "admitted",
                "outcome_on": date(2025, 4, 1),
            },
            "outcome_on",
        ),
    ],
    ids=["other-year", "future", "admitted-before-recommended"],
)
def test_party_recommendation_dates_are_checked(tree, users, fields, field):
    recommendation = PartyRecommendation(member=MemberFactory(organisation=tree.group_a1), **fields)
    with pytest.raises(ValidationError) as error:
        services.party_recommendation_save(recommendation=recommendation, actor=users.officer)
    assert field in error.value.message_dict
