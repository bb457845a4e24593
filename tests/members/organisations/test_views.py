"""Structure pages (organisations, terms, bodies, positions): who may open and change what."""

from datetime import date

import pytest
from django.urls import reverse

from members.models import Body, Organisation, Position, Term
from tests.factories import BodyFactory, MemberFactory, PositionFactory, TermFactory, make_org
from tests.pages import ROLES, count_queries, expect, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db

# Branch A reads: the branch's own roles and the upper viewer; 404 to everyone else.
A_READ = expect(group_leader=404, member=404, officer_b=404)
# Branch A writes: officers of A (and admin); readers without write permission get 403.
A_WRITE = expect(
    accountant=403, inspector=403, upper_viewer=403, group_leader=404, member=404, officer_b=404
)
B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200)
B_WRITE = expect(404, admin=200, upper_viewer=403, officer_b=200)


url = page_url("members")


def branch_a(w):
    return w.tree.branch_a.pk


def branch_b(w):
    return w.tree.branch_b.pk


PAGES = [
    ("tree", url("organisation_tree"), expect(member=403)),
    ("detail A", url("organisation_detail", branch_a), A_READ),
    ("detail B", url("organisation_detail", branch_b), B_READ),
    (
        "detail group A1",
        url("organisation_detail", lambda w: w.tree.group_a1.pk),
        expect(member=404, officer_b=404),
    ),
    (
        "detail group A2",
        url("organisation_detail", lambda w: w.tree.group_a2.pk),
        A_READ,
    ),
    ("children A", url("organisation_children", branch_a), A_READ),
    ("children B", url("organisation_children", branch_b), B_READ),
    ("create under A", url("organisation_create", branch_a), A_WRITE),
    ("create under B", url("organisation_create", branch_b), B_WRITE),
    ("edit A", url("organisation_edit", branch_a), A_WRITE),
    ("edit B", url("organisation_edit", branch_b), B_WRITE),
    ("term create A", url("term_create", branch_a), A_WRITE),
    ("term create B", url("term_create", branch_b), B_WRITE),
    ("term edit A", url("term_edit", branch_a, lambda w: w.term_a.pk), A_WRITE),
    ("term edit B", url("term_edit", branch_b, lambda w: w.term_b.pk), B_WRITE),
    ("body create A", url("body_create", branch_a), A_WRITE),
    ("body create B", url("body_create", branch_b), B_WRITE),
    ("body edit A", url("body_edit", branch_a, lambda w: w.body_a.pk), A_WRITE),
    ("body edit B", url("body_edit", branch_b, lambda w: w.body_b.pk), B_WRITE),
    ("body detail A", url("body_detail", lambda w: w.body_a.pk), A_READ),
    ("body detail B", url("body_detail", lambda w: w.body_b.pk), B_READ),
    ("position create A", url("position_create", lambda w: w.body_a.pk), A_WRITE),
    ("position create B", url("position_create", lambda w: w.body_b.pk), B_WRITE),
    (
        "position edit A",
        url("position_edit", lambda w: w.body_a.pk, lambda w: w.position_a.pk),
        A_WRITE,
    ),
    (
        "position edit B",
        url("position_edit", lambda w: w.body_b.pk, lambda w: w.position_b.pk),
        B_WRITE,
    ),
    ("position end A", url("position_end", lambda w: w.position_a.pk), A_WRITE),
    ("position end B", url("position_end", lambda w: w.position_b.pk), B_WRITE),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_structure_page_answers_by_role_and_scope(role, client, world, users):
    assert unexpected_statuses(client, users, role, world, PAGES) == {}


def test_anonymous_is_sent_to_login_from_structure_pages(client, world):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(world))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_term_body_or_position_of_branch_b_under_a_branch_a_url_is_missing(client, world, users):
    client.force_login(users.officer)
    for name, pk in [("term_edit", world.term_b.pk), ("body_edit", world.body_b.pk)]:
        response = client.get(reverse(f"members:{name}", args=[branch_a(world), pk]))
        assert response.status_code == 404, name
    response = client.get(
        reverse("members:position_edit", args=[world.body_a.pk, world.position_b.pk])
    )
    assert response.status_code == 404


# --- writes ----------------------------------------------------------------------------------


def _title(pk):
    return Position.objects.get(pk=pk).title


WRITES = {
    "organisation create": (
        url("organisation_create", branch_a),
        lambda w: {"kind": "group", "name": "Tổ Tin học", "code": "TO-TIN"},
        lambda w: (
            Organisation.objects.filter(code="TO-TIN", path__startswith=w.tree.branch_a.path)
            .values_list("name", flat=True)
            .first()
        ),
        "Tổ Tin học",
    ),
    "organisation edit": (
        url("organisation_edit", branch_a),
        lambda w: {"kind": "branch", "name": "CĐCS Trường THPT A", "code": w.tree.branch_a.code},
        lambda w: Organisation.objects.get(pk=w.tree.branch_a.pk).name,
        "CĐCS Trường THPT A",
    ),
    "term create": (
        url("term_create", branch_a),
        lambda w: {"congress_number": 9, "start": "01/05/2018", "end": "30/04/2023"},
        lambda w: Term.objects.filter(organisation=w.tree.branch_a, congress_number=9).count(),
        1,
    ),
    "term edit": (
        url("term_edit", branch_a, lambda w: w.term_a.pk),
        lambda w: {
            "congress_number": w.term_a.congress_number,
            "congress_date": "28/04/2023",
            "start": "01/05/2023",
            "end": "31/05/2028",
        },
        lambda w: Term.objects.get(pk=w.term_a.pk).end,
        date(2028, 5, 31),
    ),
    "body create": (
        url("body_create", branch_a),
        lambda w: {"kind": "women", "term": w.term_a.pk, "name": ""},
        lambda w: Body.objects.filter(organisation=w.tree.branch_a, kind="women").count(),
        1,
    ),
    "body edit": (
        url("body_edit", branch_a, lambda w: w.body_a.pk),
        lambda w: {"kind": "executive", "term": w.term_a.pk, "name": "BCH khóa IX"},
        lambda w: Body.objects.get(pk=w.body_a.pk).name,
        "BCH khóa IX",
    ),
    "position create": (
        url("position_create", lambda w: w.body_a.pk),
        lambda w: {
            "member": w.member_a2.pk,
            "title": "vice_chair",
            "start": "10/05/2023",
            "method": "elected",
        },
        lambda w: list(
            Position.objects.filter(body=w.body_a, member=w.member_a2).values_list("title")
        ),
        [("vice_chair",)],
    ),
    "position edit": (
        url("position_edit", lambda w: w.body_a.pk, lambda w: w.position_a.pk),
        lambda w: {
            "member": w.member_a.pk,
            "title": "vice_chair",
            "start": "10/05/2023",
            "method": "elected",
            "decision_no": "05/QĐ",
        },
        lambda w: _title(w.position_a.pk),
        "vice_chair",
    ),
    "position end": (
        url("position_end", lambda w: w.position_a.pk),
        lambda w: {"end": "15/01/2025"},
        lambda w: Position.objects.get(pk=w.position_a.pk).end,
        date(2025, 1, 15),
    ),
}


@pytest.mark.parametrize("case", list(WRITES))
def test_officer_post_changes_structure(case, client, world, users):
    make_url, data, probe, after = WRITES[case]
    assert probe(world) != after
    client.force_login(users.officer)
    response = client.post(make_url(world), data(world))
    assert response.status_code == 302, response.context["form"].errors
    assert probe(world) == after


@pytest.mark.parametrize("case", list(WRITES))
def test_structure_post_without_permission_changes_nothing(case, client, world, users):
    make_url, data, probe, _after = WRITES[case]
    before = probe(world)
    for role, status in [
        ("accountant", 403),
        ("inspector", 403),
        ("upper_viewer", 403),
        ("group_leader", 404),
        ("officer_b", 404),
    ]:
        client.force_login(getattr(users, role))
        assert client.post(make_url(world), data(world)).status_code == status, role
        assert probe(world) == before, role


def test_duplicate_congress_number_or_body_is_a_form_error_not_a_crash(client, world, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:term_create", args=[branch_a(world)]),
        {
            "congress_number": world.term_a.congress_number,
            "start": "01/05/2018",
            "end": "30/04/2023",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.post(
        reverse("members:body_create", args=[branch_a(world)]),
        {"kind": world.body_a.kind, "term": world.term_a.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Term.objects.filter(organisation=world.tree.branch_a).count() == 1
    assert Body.objects.filter(organisation=world.tree.branch_a).count() == 1


def test_organisation_create_offers_only_kinds_allowed_under_parent(client, world, users):
    client.force_login(users.officer)
    response = client.get(reverse("members:organisation_create", args=[branch_a(world)]))
    kinds = [value for value, _label in response.context["form"].fields["kind"].choices]
    assert sorted(kinds) == ["group", "sub_branch"]
    response = client.post(
        reverse("members:organisation_create", args=[branch_a(world)]),
        {"kind": "branch", "name": "Sai", "code": "SAI"},
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(code="SAI").exists()


def test_position_form_rejects_member_of_another_branch(client, world, users):
    client.force_login(users.admin)
    response = client.post(
        reverse("members:position_create", args=[world.body_a.pk]),
        {
            "member": world.member_b.pk,
            "title": "member",
            "start": "10/05/2023",
            "method": "elected",
        },
    )
    assert response.status_code == 200
    assert "member" in response.context["form"].errors
    assert not Position.objects.filter(member=world.member_b, body=world.body_a).exists()


def test_position_outside_term_is_shown_on_the_start_field(client, world, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:position_create", args=[world.body_a.pk]),
        {
            "member": world.member_a2.pk,
            "title": "member",
            "start": "01/01/2020",
            "method": "elected",
        },
    )
    assert "start" in response.context["form"].errors


def test_breadcrumbs_skip_ancestors_the_user_cannot_open(client, world, users):
    client.force_login(users.officer)
    response = client.get(reverse("members:organisation_detail", args=[world.tree.group_a1.pk]))
    labels = [label for label, _url in response.context["crumbs"]]
    assert labels == ["Tổ chức", "CĐCS Trường A", "Tổ Văn phòng"]
    client.force_login(users.upper_viewer)
    response = client.get(reverse("members:organisation_detail", args=[world.tree.group_a1.pk]))
    assert [label for label, _ in response.context["crumbs"]][1] == "Công đoàn Viên chức tỉnh"


def test_organisation_page_shows_holders_on_the_chosen_date(client, world, users):
    client.force_login(users.officer)
    page = reverse("members:organisation_detail", args=[branch_a(world)])

    def holders(day):
        return [p.member for p in client.get(f"{page}?date={day}").context["holders"]]

    assert holders("01/06/2024") == [world.member_a]
    assert holders("2023-01-01") == []


def test_organisation_history_is_shown_to_inspector_not_to_accountant(client, world, users):
    client.force_login(users.officer)
    client.post(
        reverse("members:organisation_edit", args=[branch_a(world)]),
        {"kind": "branch", "name": "CĐCS Trường THPT A", "code": world.tree.branch_a.code},
    )
    page = reverse("members:organisation_detail", args=[branch_a(world)])
    client.force_login(users.inspector)
    assert "CĐCS Trường A → CĐCS Trường THPT A" in client.get(page).content.decode()
    client.force_login(users.accountant)
    assert "Lịch sử thay đổi" not in client.get(page).content.decode()


# --- query counts ----------------------------------------------------------------------------


def _grow_structure(world, n=30):
    """n more child organisations, members, terms, bodies and office holders in branch A."""
    tree = world.tree
    for i in range(n):
        group = make_org(Organisation.Kind.GROUP, parent=tree.branch_a, name=f"Tổ số {i}")
        member = MemberFactory(organisation=group)
        body = BodyFactory(organisation=tree.branch_a, kind="group_leadership", term=None)
        PositionFactory(body=body, member=member, title="group_leader")
        PositionFactory(body=world.body_a, member=member)
        TermFactory(
            organisation=tree.branch_a, start=date(1990 + i, 1, 1), end=date(1991 + i, 1, 1)
        )


@pytest.mark.parametrize(
    "make_url",
    [
        url("organisation_tree"),
        url("organisation_detail", branch_a),
        url("organisation_children", branch_a),
        url("body_detail", lambda w: w.body_a.pk),
    ],
    ids=["tree", "organisation", "children", "body"],
)
def test_structure_page_queries_do_not_grow_with_rows(make_url, client, world, users):
    client.force_login(users.officer)
    page = make_url(world)
    client.get(page)  # warm caches (content types, session)
    few = count_queries(client, page)
    _grow_structure(world)
    assert count_queries(client, page) == few


def test_only_administrators_change_an_organisations_kind(client, users, tree):
    url = reverse("members:organisation_edit", args=[tree.branch_a.pk])
    client.force_login(users.officer)
    assert "kind" not in client.get(url).context["form"].fields
    client.post(url, {"kind": "upper", "name": "CĐCS Trường A", "code": tree.branch_a.code})
    tree.branch_a.refresh_from_db()
    assert tree.branch_a.kind == "branch"
    client.force_login(users.admin)
    assert "kind" in client.get(url).context["form"].fields
