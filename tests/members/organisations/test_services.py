"""members.organisations.services: the tree's rules, terms, bodies and the seats in them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from members.models import Body, Organisation, Position
from members.organisations import services
from tests.factories import BodyFactory, MemberFactory, PositionFactory, TermFactory, make_org

pytestmark = pytest.mark.django_db

K = Organisation.Kind


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


@pytest.mark.parametrize(
    ("parent", "kind"),
    [
        ("upper", K.GROUP),
        ("upper", K.SUB_BRANCH),
        ("branch_a", K.BRANCH),
        ("branch_a", K.UPPER),
        ("group_a1", K.GROUP),
        (None, K.GROUP),
        (None, K.SUB_BRANCH),
    ],
)
def test_organisation_create_rejects_kind_not_allowed_under_parent(tree, parent, kind):
    before = Organisation.objects.count()
    with pytest.raises(ValidationError) as error:
        make_org(kind, parent=getattr(tree, parent) if parent else None)
    assert "kind" in error.value.message_dict
    assert Organisation.objects.count() == before


def test_organisation_create_accepts_sub_branch_and_group_below_branch(tree):
    sub = make_org(K.SUB_BRANCH, parent=tree.branch_a, name="Khối Tiểu học")
    group = make_org(K.GROUP, parent=sub, name="Tổ Lớp 1")
    group = fresh(group)
    assert Organisation.objects.get_parent(group) == sub
    assert group.path.startswith(tree.branch_a.path)


def test_organisation_create_rejects_duplicate_code(tree):
    with pytest.raises(ValidationError) as error:
        make_org(K.GROUP, parent=tree.branch_a, code=tree.group_a1.code)
    assert "code" in error.value.message_dict


def test_organisation_update_rejects_kind_whose_children_no_longer_fit(tree):
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=tree.branch_a, actor=None, kind=K.GROUP)
    assert fresh(tree.branch_a).kind == K.BRANCH


def test_organisation_update_rejects_kind_not_allowed_under_parent(tree):
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=tree.group_a1, actor=None, kind=K.BRANCH)


def test_organisation_update_saves_changes_with_history_user(tree, users):
    services.organisation_update(
        organisation=tree.group_a1, actor=users.officer, kind=K.SUB_BRANCH, name="Khối Văn phòng"
    )
    org = fresh(tree.group_a1)
    assert (org.kind, org.name) == (K.SUB_BRANCH, "Khối Văn phòng")
    assert org.history.first().history_user == users.officer


def test_body_save_rejects_term_of_another_organisation(tree):
    term_b = TermFactory(organisation=tree.branch_b)
    with pytest.raises(ValidationError) as error:
        services.body_save(
            body=Body(organisation=tree.branch_a, term=term_b, kind="women"), actor=None
        )
    assert "term" in error.value.message_dict


def test_term_save_rejects_end_before_start(tree):
    term = TermFactory.build(
        organisation=tree.branch_a, start=date(2023, 1, 1), end=date(2022, 1, 1)
    )
    with pytest.raises(ValidationError):
        services.term_save(term=term, actor=None)


def test_position_save_rejects_member_outside_body_organisation(tree, member_b):
    body = BodyFactory(organisation=tree.branch_a)
    with pytest.raises(ValidationError) as error:
        services.position_save(
            position=Position(
                body=body, member=member_b, title="member", start=date(2023, 6, 1), method="elected"
            ),
            actor=None,
        )
    assert "member" in error.value.message_dict
    assert not Position.objects.exists()


def test_position_save_accepts_member_of_a_group_below_the_body(tree, member_a):
    body = BodyFactory(organisation=tree.branch_a)
    position = services.position_save(
        position=Position(
            body=body, member=member_a, title="chair", start=date(2023, 6, 1), method="elected"
        ),
        actor=None,
    )
    assert fresh(position).member == member_a


def test_position_save_rejects_member_of_the_parent_organisation(tree):
    """A member of the branch itself may not sit in a group's body."""
    member = MemberFactory(organisation=tree.branch_a)
    body = BodyFactory(organisation=tree.group_a1, kind=Body.Kind.GROUP_LEADERSHIP)
    with pytest.raises(ValidationError):
        services.position_save(
            position=Position(
                body=body,
                member=member,
                title="group_leader",
                start=date(2023, 6, 1),
                method="elected",
            ),
            actor=None,
        )


@pytest.mark.parametrize("start", [date(2023, 4, 30), date(2028, 5, 1)])
def test_position_save_rejects_start_outside_term(tree, member_a, start):
    body = BodyFactory(organisation=tree.branch_a)  # term 01/05/2023 – 30/04/2028
    with pytest.raises(ValidationError) as error:
        services.position_save(
            position=Position(
                body=body, member=member_a, title="member", start=start, method="elected"
            ),
            actor=None,
        )
    assert "start" in error.value.message_dict


@pytest.mark.parametrize("start", [date(2023, 5, 1), date(2028, 4, 30)])
def test_position_save_accepts_start_on_term_bounds(tree, member_a, start):
    body = BodyFactory(organisation=tree.branch_a)
    services.position_save(
        position=Position(
            body=body, member=member_a, title="member", start=start, method="by_election"
        ),
        actor=None,
    )
    assert Position.objects.filter(start=start).count() == 1


def test_position_end_closes_position_and_keeps_it(tree, member_a):
    position = PositionFactory(body=BodyFactory(organisation=tree.branch_a), member=member_a)
    services.position_end(position=position, end=date(2025, 1, 15), actor=None)
    assert fresh(position).end == date(2025, 1, 15)


def test_position_end_rejects_end_before_start(tree, member_a):
    position = PositionFactory(body=BodyFactory(organisation=tree.branch_a), member=member_a)
    with pytest.raises(ValidationError) as error:
        services.position_end(position=position, end=position.start - timedelta(days=1), actor=None)
    assert "end" in error.value.message_dict
    assert fresh(position).end is None


def test_a_body_cannot_have_two_chairs_at_once(tree, users):
    body = BodyFactory(organisation=tree.branch_a)
    chair = MemberFactory(organisation=tree.group_a1)
    PositionFactory(body=body, member=chair, title=Position.Title.CHAIR)
    second = Position(
        body=body,
        member=MemberFactory(organisation=tree.group_a2),
        title=Position.Title.CHAIR,
        start=date(2024, 1, 1),
        method=Position.Method.BY_ELECTION,
    )
    with pytest.raises(ValidationError) as error:
        services.position_save(position=second, actor=users.officer)
    assert "title" in error.value.message_dict
    # Once the first chair's term is ended, the by-election goes through.
    first = body.positions.get()
    services.position_end(position=first, end=date(2024, 1, 1), actor=users.officer)
    services.position_save(position=second, actor=users.officer)
    assert body.positions.filter(title=Position.Title.CHAIR).count() == 2


def test_several_vice_chairs_are_allowed(tree, users):
    body = BodyFactory(organisation=tree.branch_a)
    for group in (tree.group_a1, tree.group_a2):
        services.position_save(
            position=Position(
                body=body,
                member=MemberFactory(organisation=group),
                title=Position.Title.VICE_CHAIR,
                start=date(2023, 6, 1),
                method=Position.Method.ELECTED,
            ),
            actor=users.officer,
        )
    assert body.positions.count() == 2
