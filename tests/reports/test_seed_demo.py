"""`manage.py seed_demo`: the demo data's shape, its logins, and its internal consistency.

The seed runs once for the module (inside a transaction rolled back at the end); each test runs
in a savepoint of its own on top of it.
"""

import io
from collections import defaultdict
from datetime import date

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory

from members.demo import data as demo
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
from unionhub.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db

K = Organisation.Kind
TODAY = date.today()
COUNTED = (
    Organisation,
    Member,
    MemberEvent,
    Term,
    Body,
    Position,
    AdmissionApplication,
    PartyRecommendation,
    RoleAssignment,
    get_user_model(),
    Member.history.model,
    MemberEvent.history.model,
)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The command's output of the first run; the data is there for every test of the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def org(code):
    return Organisation.objects.get(code=code)


def branches():
    return Organisation.objects.subtree_of(org(demo.MARKER_CODE)).filter(kind=K.BRANCH)


def chairs_today(branch):
    return Position.objects.held_on(TODAY).filter(
        body__organisation=branch, body__kind=Body.Kind.EXECUTIVE, title=Position.Title.CHAIR
    )


def test_first_run_prints_the_logins(seeded):
    assert "Đã tạo dữ liệu demo" in seeded
    assert "Tài khoản demo:" in seeded
    for account in demo.DEMO_ACCOUNTS:
        assert account.username in seeded
    assert demo.DEMO_PASSWORD in seeded


def test_second_run_changes_nothing(seeded):
    before = counts()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == before
    assert "đã có" in out.getvalue()
    assert "Tài khoản demo:" in out.getvalue()
    assert out.getvalue().count(demo.DEMO_PASSWORD) >= len(demo.DEMO_ACCOUNTS)


def test_home_affairs_branch_has_56_members_28_women_in_7_groups(seeded):
    branch = org("DEMO-SNV")
    active = Member.objects.active().in_subtree(branch)
    assert active.count() == 56
    assert active.filter(gender=Member.Gender.FEMALE).count() == 28
    groups = Organisation.objects.get_children(branch)
    assert [g.kind for g in groups] == [K.GROUP] * 7
    assert "Tổ Văn phòng" in {g.name for g in groups}
    assert Member.objects.in_subtree(branch).exclude(status=Member.Status.ACTIVE).exists()


def test_university_has_815_members_in_25_groups_and_three_sub_branches(seeded):
    branch = org("DEMO-DHDK")
    assert Member.objects.active().in_subtree(branch).count() == 815
    children = list(Organisation.objects.get_children(branch))
    assert sum(c.kind == K.GROUP for c in children) == 25
    subs = [c for c in children if c.kind == K.SUB_BRANCH]
    sizes = sorted(Organisation.objects.get_children(s).filter(kind=K.GROUP).count() for s in subs)
    assert sizes == [2, 2, 17]


def test_organisations_and_levels_are_realistic(seeded):
    top = org(demo.MARKER_CODE)
    assert top.kind == K.UPPER and top.name == "Công đoàn Viên chức tỉnh Bến Tre"
    assert branches().count() == 4
    active = Member.objects.active().in_subtree(top)
    total = active.count()
    assert 0.2 < active.filter(party_member=True).count() / total < 0.4
    assert active.filter(ethnicity__name="Kinh").count() / total > 0.9
    assert active.filter(professional_level__name__in=["Đại học", "Thạc sĩ"]).count() > total / 2
    assert active.filter(professional_level__name="Tiến sĩ").exists()
    assert active.filter(employment=Member.Employment.CONTRACT).exists()
    years = [d.year for d in active.values_list("date_of_birth", flat=True)]
    assert 1965 <= min(years) and max(years) <= 2000
    salaries = list(active.values_list("salary_basis", flat=True))
    assert all(5_000_000 <= s <= 20_000_000 and s % 1000 == 0 for s in salaries)
    cards = [c for c in Member.objects.values_list("card_number", flat=True) if c]
    assert len(cards) == len(set(cards))
    assert all(c.startswith("BT") and len(c) == 10 and c[2:].isdigit() for c in cards)
    women = active.filter(gender=Member.Gender.FEMALE).values_list("full_name", flat=True)
    men = active.filter(gender=Member.Gender.MALE).values_list("full_name", flat=True)
    assert not any(" Văn " in name for name in women)
    assert not any(" Thị " in name for name in men)
    assert Member.objects.filter(search_name="").count() == 0


def test_every_demo_user_logs_in_with_the_demo_password(seeded):
    request = RequestFactory().post("/")
    for account in demo.DEMO_ACCOUNTS:
        user = authenticate(request, username=account.username, password=demo.DEMO_PASSWORD)
        assert user is not None, account.username
        if account.role is None:
            assert user.is_superuser and user.is_staff
        else:
            assert RoleAssignment.objects.filter(
                user=user, role=account.role, organisation__code=account.organisation_code
            ).exists()


def test_demo_users_are_the_members_they_claim_to_be(seeded):
    User = get_user_model()
    home, university = org("DEMO-SNV"), org("DEMO-DHDK")
    for username, branch in (("chutich", home), ("chutich2", university)):
        chair = chairs_today(branch).get().member
        assert chair.user.username == username
        assert f"{chair.user.last_name} {chair.user.first_name}" == chair.full_name
    leader = User.objects.get(username="totruong")
    group = RoleAssignment.objects.get(user=leader, role=Role.GROUP_LEADER).organisation
    assert (
        Position.objects.held_on(TODAY)
        .filter(body__organisation=group, title=Position.Title.GROUP_LEADER, member__user=leader)
        .exists()
    )
    member = User.objects.get(username="doanvien").member
    assert member.organisation == group and member.is_active
    assert not member.positions.exists()
    inspector = User.objects.get(username="kiemtra").member
    assert (
        Position.objects.held_on(TODAY)
        .filter(member=inspector, body__kind=Body.Kind.INSPECTION, title=Position.Title.HEAD)
        .exists()
    )
    for username in ("ketoan", "kiemtra", "totruong", "doanvien"):
        assert User.objects.get(username=username).member.organisation.path.startswith(home.path)


def test_each_branch_has_a_chair_today_and_two_terms(seeded):
    for branch in branches():
        assert chairs_today(branch).count() == 1, branch.name
        assert Term.objects.filter(organisation=branch).count() == 2, branch.name


def test_university_executive_shrinks_from_15_to_13_with_a_by_election(seeded):
    branch = org("DEMO-DHDK")
    term = Term.objects.filter(organisation=branch).order_by("-start").first()
    bch = Body.objects.get(organisation=branch, term=term, kind=Body.Kind.EXECUTIVE)
    held = Position.objects.filter(body=bch)
    assert held.held_on(term.start).values("member").distinct().count() == 15
    assert held.held_on(TODAY).values("member").distinct().count() == 13
    assert held.filter(method=Position.Method.BY_ELECTION).exists()
    assert held.filter(end__isnull=False).exists()
    assert Body.objects.filter(organisation=branch, kind=Body.Kind.STANDING).count() == 2
    for kind in (Body.Kind.INSPECTION, Body.Kind.WOMEN):
        assert (
            Position.objects.held_on(TODAY)
            .filter(body__organisation=branch, body__kind=kind)
            .exists()
        )


def test_every_group_has_a_group_leader_today(seeded):
    groups = Organisation.objects.subtree_of(org(demo.MARKER_CODE)).filter(kind=K.GROUP)
    led = set(
        Position.objects.held_on(TODAY)
        .filter(title=Position.Title.GROUP_LEADER, body__kind=Body.Kind.GROUP_LEADERSHIP)
        .values_list("body__organisation", flat=True)
    )
    assert set(groups.values_list("pk", flat=True)) == led


def test_positions_follow_the_rules_of_the_services(seeded):
    """What services.position_save and member_end enforce holds for the bulk-created rows."""
    ended = {}
    for event in MemberEvent.objects.exclude(status_after=Member.Status.ACTIVE):
        ended[event.member_id] = event.date
    positions = Position.objects.select_related(
        "body__organisation", "body__term", "member__organisation"
    )
    for p in positions:
        assert p.member.organisation.path.startswith(p.body.organisation.path), p
        if p.body.term:
            assert p.body.term.start <= p.start <= p.body.term.end, p
        assert p.end is None or p.end >= p.start, p
        assert p.start >= p.member.joined_on, p
        if p.member.status != Member.Status.ACTIVE:
            assert p.end is not None and p.end <= ended[p.member_id], p


def test_member_events_are_consistent(seeded):
    events = defaultdict(list)
    for event in MemberEvent.objects.order_by("member", "date", "id"):
        events[event.member_id].append(event)
    members = Member.objects.all()
    assert members.count() == len(events)
    kinds = set()
    for member in members:
        history = events[member.pk]
        kinds.update(e.kind for e in history)
        assert history[0].kind == MemberEvent.Kind.ADMITTED, member
        assert history[0].date == member.joined_on, member
        assert member.status == history[-1].status_after, member
        assert member.organisation_id == history[-1].organisation_id, member
        assert all(e.date <= TODAY for e in history)
        assert all(a.date < b.date for a, b in zip(history, history[1:], strict=False))
    assert kinds == set(MemberEvent.Kind)


def test_applications_and_party_recommendations(seeded):
    apps = AdmissionApplication.objects.filter(organisation__code__startswith="DEMO-")
    assert apps.filter(status=AdmissionApplication.Status.PENDING).count() >= 3
    approved = apps.get(status=AdmissionApplication.Status.APPROVED)
    admitted = approved.member.events.get(kind=MemberEvent.Kind.ADMITTED)
    assert admitted.decision_no == approved.decision_no and admitted.date == approved.decided_on
    recs = PartyRecommendation.objects.all()
    assert set(recs.values_list("year", flat=True)) == {2024, 2025}
    joined = recs.filter(outcome=PartyRecommendation.Outcome.ADMITTED)
    assert joined.exists() and recs.exclude(outcome=PartyRecommendation.Outcome.ADMITTED).exists()
    assert all(r.member.party_member and r.outcome_on for r in joined)


def test_password_option_resets_the_demo_passwords(seeded):
    out = io.StringIO()
    call_command("seed_demo", password="Khac-2027!", stdout=out)
    assert "Khac-2027!" in out.getvalue()
    request = RequestFactory().post("/")
    assert authenticate(request, username="chutich", password="Khac-2027!") is not None
    assert authenticate(request, username="chutich", password=demo.DEMO_PASSWORD) is None
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "(đã đổi)" in out.getvalue()


def test_demo_books_balance_and_last_year_is_closed(seeded):
    from datetime import date

    from finance.ledger import selectors
    from finance.models import Account, ClosedPeriod, Voucher

    assert "chứng từ của hai CĐCS" in seeded
    today = date.today()
    for code in ("DEMO-DHDK", "DEMO-SNV"):
        branch = org(code)
        accounts = Account.objects.filter(organisation=branch)
        assert {a.kind for a in accounts} == {"cash", "bank"}
        assert Voucher.objects.filter(organisation=branch, state="draft").count() == 0
        summary = selectors.finance_summary(branch, date(today.year - 1, 1, 1), today)
        assert summary.total_income > 0 and summary.total_spending > 0
        assert summary.closing == summary.opening + summary.total_income - summary.total_spending
        assert all(a.balance >= 0 for a in selectors.accounts_with_balances(branch, today))
        assert ClosedPeriod.objects.filter(organisation=branch, year=today.year - 1).exists()


def test_demo_has_awards_and_last_years_ratings_of_every_active_member(seeded):
    from emulation.models import AwardDecision, MemberRating, OrganisationRating
    from emulation.ratings.services import rated_children

    assert "quyết định khen thưởng demo" in seeded
    last_year = TODAY.year - 1
    for code in ("DEMO-DHDK", "DEMO-SNV"):
        branch = org(code)
        assert AwardDecision.objects.filter(organisation=branch).exists()
        active = Member.objects.active().in_subtree(branch)
        rated = MemberRating.objects.filter(year=last_year, member__in=active)
        assert rated.count() == active.count()
        groups = rated_children(branch)
        assert OrganisationRating.objects.filter(
            year=last_year, organisation__in=groups
        ).count() == (groups.count())
