"""factory_boy factories for the structure, the registry and users with roles."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from members.models import (
    AdmissionApplication,
    Body,
    Member,
    MemberEvent,
    Organisation,
    PartyRecommendation,
    Position,
    Term,
)
from members.organisations import services
from unionhub.models import Role, RoleAssignment
from unionhub.text import fold, sort_key


def make_org(kind=Organisation.Kind.BRANCH, parent=None, name=None, code=None) -> Organisation:
    """Organisations go through treebeard (paths), so they are built with the service."""
    make_org.counter += 1
    n = make_org.counter
    return services.organisation_create(
        parent=parent,
        actor=None,
        kind=kind,
        name=name or f"Đơn vị {n}",
        code=code or f"ORG{n:05d}",
    )


make_org.counter = 0


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("Mat-khau-2026!")


def user_with_role(role: str, organisation: Organisation, **kwargs):
    user = UserFactory(**kwargs)
    user.save()
    RoleAssignment.objects.create(user=user, organisation=organisation, role=role)
    return user


class MemberFactory(factory.django.DjangoModelFactory):
    """A member with an admission event, as the services would leave one."""

    class Meta:
        model = Member
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thành {n}")
    search_name = factory.LazyAttribute(lambda o: fold(o.full_name))
    sort_name = factory.LazyAttribute(lambda o: sort_key(o.full_name))
    gender = Member.Gender.MALE
    date_of_birth = date(1985, 5, 17)
    joined_on = date(2010, 1, 1)
    status = Member.Status.ACTIVE

    @factory.post_generation
    def admitted(obj, create, extracted, **kwargs):
        if create:
            MemberEvent.objects.create(
                member=obj,
                kind=MemberEvent.Kind.ADMITTED,
                date=obj.joined_on or date(2010, 1, 1),
                organisation=obj.organisation,
                status_after=Member.Status.ACTIVE,
            )


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    congress_number = factory.Sequence(lambda n: n + 1)
    start = date(2023, 5, 1)
    end = date(2028, 4, 30)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    kind = Body.Kind.EXECUTIVE
    term = factory.LazyAttribute(lambda o: TermFactory(organisation=o.organisation))


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    title = Position.Title.MEMBER
    start = date(2023, 5, 10)
    method = Position.Method.ELECTED


class PartyRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyRecommendation

    year = 2024
    recommended_on = date(2024, 3, 1)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A pending application to join (đơn xin gia nhập)."""

    class Meta:
        model = AdmissionApplication

    full_name = factory.Sequence(lambda n: f"Phạm Thị Hoa {n}")
    gender = Member.Gender.FEMALE
    date_of_birth = date(1995, 3, 8)
    submitted_on = date(2024, 9, 1)


__all__ = [
    "Role",
    "make_org",
    "user_with_role",
    "MemberFactory",
    "BodyFactory",
    "PositionFactory",
    "TermFactory",
    "UserFactory",
    "PartyRecommendationFactory",
    "ApplicationFactory",
]
