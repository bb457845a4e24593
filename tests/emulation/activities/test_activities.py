"""Activities and events: the services' rules (dates, participants of the subtree, cost
vouchers, attachments), who may open and change what, the list's filters and query counts,
the participants grid, the detail page, the demo."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation.activities import services
from emulation.activities.selectors import total_cost, with_figures
from emulation.demo.activities import seed_activities
from emulation.models import Activity, ActivityAttachment, Campaign
from finance.ledger import services as finance_services
from finance.models import Account, Category, Voucher
from members.models import Member
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, expect, page_url, unexpected_statuses
from unionhub.audit import history_entries

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n% hoi thao\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"0" * 40


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def cash(org) -> Account:
    return Account.objects.create(
        organisation=org, kind="cash", name="Tiền mặt", opening_date=date(2025, 1, 1)
    )


def payment(account, *, day=date(2025, 3, 7), amount=2_000_000, post=True, **extra) -> Voucher:
    voucher = finance_services.voucher_create(
        organisation=account.organisation,
        actor=None,
        kind="payment",
        date=day,
        account=account,
        category=Category.objects.get(code=extra.pop("code", "C01")),
        amount=amount,
        description=extra.pop("description", "Tổ chức kỷ niệm ngày 8/3"),
        **extra,
    )
    return finance_services.voucher_post(voucher=voucher, actor=None) if post else voucher


def activity(org, *, name="Hội thao 26/3", starts_on=date(2025, 3, 26), **fields) -> Activity:
    return services.activity_save(
        activity=Activity(
            organisation=org,
            kind=fields.pop("kind", Activity.Kind.SPORTS),
            name=name,
            starts_on=starts_on,
            **fields,
        ),
        actor=None,
    )


def attach(a: Activity, name="ke-hoach.pdf", content=PDF_BYTES) -> ActivityAttachment:
    return services.activity_attachment_add(
        activity=a, upload=SimpleUploadedFile(name, content), actor=None
    )


@pytest.fixture
def act(tree, users):
    """Branch A: the sports day (An and Bình listed, a 2.000.000 payment voucher, 500.000 from
    other sources, a PDF) and a study session of group A1 (count only). Branch B: one activity
    with its own voucher and file."""
    an = MemberFactory(organisation=tree.group_a1, full_name="Nguyễn Văn An")
    binh = MemberFactory(
        organisation=tree.group_a2, full_name="Lê Thị Bình", gender=Member.Gender.FEMALE
    )
    khanh = MemberFactory(organisation=tree.group_b1, full_name="Trần Văn Khánh")
    cash_a, cash_b = cash(tree.branch_a), cash(tree.branch_b)
    voucher_a = payment(cash_a)
    voucher_b = payment(cash_b, description="Chi hội thao")
    a = activity(
        tree.branch_a,
        other_cost=500_000,
        results="Giải ba bóng chuyền hơi nữ\nGiải khuyến khích kéo co",
    )
    services.activity_participants_set(activity=a, members=[an, binh], actor=None)
    services.activity_voucher_link(activity=a, voucher=voucher_a, actor=None)
    group = activity(
        tree.group_a1,
        name="Học tập nghị quyết",
        kind=Activity.Kind.STUDY,
        starts_on=date(2025, 4, 16),
        participant_count=14,
        invited_count=15,
    )
    b = activity(tree.branch_b, name="Hội thao trường B")
    services.activity_voucher_link(activity=b, voucher=voucher_b, actor=None)
    return type(
        "Act",
        (),
        {
            "tree": tree,
            "an": an,
            "binh": binh,
            "khanh": khanh,
            "cash_a": cash_a,
            "voucher_a": voucher_a,
            "voucher_b": voucher_b,
            "a": a,
            "group": group,
            "b": b,
            "file_a": attach(a),
            "file_b": attach(b),
        },
    )


def figures(a: Activity) -> Activity:
    return with_figures(Activity.objects.filter(pk=a.pk)).get()


# --- services --------------------------------------------------------------------------------


def test_an_activity_may_not_end_before_it_starts(tree):
    with pytest.raises(ValidationError) as error:
        activity(tree.branch_a, starts_on=date(2025, 3, 26), ends_on=date(2025, 3, 25))
    assert "ends_on" in error.value.error_dict
    a = activity(tree.branch_a, starts_on=date(2025, 3, 24), ends_on=date(2025, 3, 26))
    assert a.ends_on == date(2025, 3, 26)


def test_saving_records_who_entered_it_and_the_history(tree, users):
    a = Activity(
        organisation=tree.branch_a, kind="tet", name="Quà Tết", starts_on=date(2025, 1, 20)
    )
    services.activity_save(activity=a, actor=users.officer)
    assert a.created_by == users.officer
    assert a.history.get().history_user == users.officer


def test_participants_outside_the_subtree_are_refused_and_nothing_changes(act):
    with pytest.raises(ValidationError) as error:
        services.activity_participants_set(activity=act.a, members=[act.an, act.khanh], actor=None)
    assert "Trần Văn Khánh" in error.value.messages[0]
    assert set(act.a.participants.all()) == {act.an, act.binh}


def test_a_member_who_left_is_refused_as_a_new_participant_but_stays_when_listed(act):
    act.binh.status = Member.Status.LEFT
    act.binh.save()
    services.activity_participants_set(activity=act.a, members=[act.binh], actor=None)
    assert list(act.a.participants.all()) == [act.binh]
    gone = MemberFactory(organisation=act.tree.group_a1, status=Member.Status.RETIRED)
    with pytest.raises(ValidationError):
        services.activity_participants_set(activity=act.a, members=[gone], actor=None)


def test_a_group_activity_takes_only_the_groups_members(act):
    with pytest.raises(ValidationError):
        services.activity_participants_set(activity=act.group, members=[act.binh], actor=None)
    services.activity_participants_set(activity=act.group, members=[act.an], actor=None)
    assert list(act.group.participants.all()) == [act.an]


def test_the_entered_count_wins_over_the_list(act):
    assert figures(act.a).listed == 2
    act.a.participant_count = 30
    services.activity_save(activity=act.a, actor=None)
    from emulation.activities.selectors import taking_part

    assert taking_part(figures(act.a)) == 30


def test_a_voucher_of_another_branch_is_refused(act):
    with pytest.raises(ValidationError) as error:
        services.activity_voucher_link(activity=act.a, voucher=act.voucher_b, actor=None)
    assert "voucher" in error.value.error_dict
    assert list(act.a.vouchers.all()) == [act.voucher_a]


def test_a_voucher_of_another_year_a_receipt_or_a_linked_one_is_refused(act):
    other_year = payment(act.cash_a, day=date(2026, 1, 5))
    receipt = finance_services.voucher_create(
        organisation=act.tree.branch_a,
        actor=None,
        kind="receipt",
        date=date(2025, 3, 1),
        account=act.cash_a,
        category=Category.objects.get(code="T01"),
        amount=1_000_000,
        description="Thu đoàn phí",
    )
    for voucher in (other_year, receipt, act.voucher_a):
        with pytest.raises(ValidationError):
            services.activity_voucher_link(activity=act.a, voucher=voucher, actor=None)


def test_a_group_activity_is_paid_from_its_branchs_books(act):
    voucher = payment(act.cash_a, day=date(2025, 4, 16), amount=300_000)
    services.activity_voucher_link(activity=act.group, voucher=voucher, actor=None)
    assert figures(act.group).voucher_cost == 300_000


def test_a_reversed_voucher_is_not_counted_in_the_cost_nor_linkable(act):
    assert total_cost(figures(act.a)) == 2_500_000
    finance_services.voucher_reverse(voucher=act.voucher_a, day=date(2025, 3, 20), actor=None)
    assert total_cost(figures(act.a)) == 500_000
    other = activity(act.tree.branch_a, name="Khác")
    with pytest.raises(ValidationError):
        services.activity_voucher_link(activity=other, voucher=act.voucher_a, actor=None)


def test_a_draft_payment_counts_until_it_is_posted_or_deleted(act):
    draft = payment(act.cash_a, amount=100_000, post=False)
    services.activity_voucher_link(activity=act.a, voucher=draft, actor=None)
    assert figures(act.a).voucher_cost == 2_100_000
    finance_services.voucher_delete(voucher=draft, actor=None)
    assert figures(act.a).voucher_cost == 2_000_000


def test_unlinking_keeps_the_voucher_and_refuses_one_not_linked(act):
    services.activity_voucher_unlink(activity=act.a, voucher=act.voucher_a, actor=None)
    assert not act.a.vouchers.exists() and Voucher.objects.filter(pk=act.voucher_a.pk).exists()
    with pytest.raises(ValidationError):
        services.activity_voucher_unlink(activity=act.a, voucher=act.voucher_a, actor=None)


def test_moving_an_activity_to_another_year_is_refused_while_that_years_vouchers_pay_it(act):
    act.a.starts_on = date(2026, 3, 26)
    with pytest.raises(ValidationError) as error:
        services.activity_save(activity=act.a, actor=None)
    assert "starts_on" in error.value.error_dict


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ....", "Chỉ đính kèm tệp PDF, JPG, PNG, DOCX hoặc XLSX."),
        ("anh.jpg", b"GIF89a", "Nội dung tệp anh.jpg không phải JPG."),
        ("bien-ban.docx", PDF_BYTES, "Nội dung tệp bien-ban.docx không phải DOCX."),
    ],
)
def test_attachments_of_the_wrong_kind_are_refused(act, name, content, message):
    with pytest.raises(ValidationError) as error:
        attach(act.a, name, content)
    assert error.value.messages == [message]
    assert act.a.attachments.count() == 1


def test_attachments_over_the_size_limit_are_refused(act, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        attach(act.a, "anh.png", PNG_BYTES + b"0" * 200)
    assert "anh.png lớn hơn" in error.value.messages[0]


def test_office_documents_and_photos_are_accepted_under_a_random_name(act):
    stored = attach(act.a, "Danh sách đội.xlsx", b"PK\x03\x04rest")
    assert stored.content_type.endswith("spreadsheetml.sheet")
    assert "Danh" not in stored.file.name and stored.file.name.endswith(".xlsx")
    assert stored.file.name.startswith(f"activities/{act.tree.branch_a.pk}/2025/")


def test_deleting_an_activity_removes_its_files_on_commit(act, django_capture_on_commit_callbacks):
    storage, name = act.file_a.file.storage, act.file_a.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_delete(activity=act.a, actor=None)
    assert not storage.exists(name)
    assert not Activity.objects.filter(pk=act.a.pk).exists()
    assert Voucher.objects.filter(pk=act.voucher_a.pk).exists()


# --- permissions -----------------------------------------------------------------------------

url = page_url("emulation")


def org_a(f):
    return f.tree.branch_a.pk


def org_b(f):
    return f.tree.branch_b.pk


def pk(attr):
    return lambda f: getattr(f, attr).pk


def voucher_of(activity_attr, voucher_attr):
    return [pk(activity_attr), pk(voucher_attr)]


# As the decisions: branch A's officers write; its accountant, inspector and the upper viewer
# read; the group leader of A1 reads only what A1 organises; plain members get 403 everywhere.
A_READ = expect(group_leader=404, member=403, officer_b=404)
A_WRITE = expect(
    accountant=403, inspector=403, upper_viewer=403, group_leader=404, member=403, officer_b=404
)
B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200, member=403)
B_WRITE = expect(404, admin=200, officer_b=200, upper_viewer=403, member=403)
GROUP_READ = expect(member=403, officer_b=404)
POST_ONLY = expect(405)

PAGES = [
    ("list", url("activity_list"), expect(member=403)),
    ("list A", url("activity_list", org=org_a), A_READ),
    ("list A filtered", url("activity_list", org=org_a, year=2025, kind="sports", q="hội"), A_READ),
    ("list B", url("activity_list", org=org_b), B_READ),
    ("list A1", url("activity_list", org=lambda f: f.tree.group_a1.pk), GROUP_READ),
    ("create A", url("activity_create", org=org_a), A_WRITE),
    ("create B", url("activity_create", org=org_b), B_WRITE),
    ("detail A", url("activity_detail", pk("a")), A_READ),
    ("detail A1", url("activity_detail", pk("group")), GROUP_READ),
    ("detail B", url("activity_detail", pk("b")), B_READ),
    ("edit A", url("activity_edit", pk("a")), A_WRITE),
    ("edit B", url("activity_edit", pk("b")), B_WRITE),
    ("delete A", url("activity_delete", pk("a")), A_WRITE),
    ("delete B", url("activity_delete", pk("b")), B_WRITE),
    ("participants A", url("activity_participants", pk("a")), A_WRITE),
    ("participants B", url("activity_participants", pk("b")), B_WRITE),
    ("link voucher A", url("activity_voucher_link", pk("a")), POST_ONLY),
    ("unlink A", url("activity_voucher_unlink", *voucher_of("a", "voucher_a")), A_WRITE),
    ("unlink B", url("activity_voucher_unlink", *voucher_of("b", "voucher_b")), B_WRITE),
    (
        "unlink B's voucher from A",
        url("activity_voucher_unlink", *voucher_of("a", "voucher_b")),
        expect(404, member=403, accountant=403, inspector=403, upper_viewer=403),
    ),
    ("attach A", url("activity_attachment_add", pk("a")), POST_ONLY),
    ("file A", url("activity_attachment_file", pk("file_a")), A_READ),
    ("file B", url("activity_attachment_file", pk("file_b")), B_READ),
    ("file delete A", url("activity_attachment_delete", pk("file_a")), A_WRITE),
    ("file delete B", url("activity_attachment_delete", pk("file_b")), B_WRITE),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_activity_page_answers_by_role_and_scope(role, client, act, users):
    assert unexpected_statuses(client, users, role, act, PAGES) == {}


def test_anonymous_is_sent_to_login_from_activity_pages(client, act):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(act))
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))


def writes(f) -> list[tuple[str, dict]]:
    """Every write on branch A's activity, with valid data."""
    return [
        (
            url("activity_create", org=org_a)(f),
            {"kind": "tet", "name": "X", "starts_on": "01/02/2025"},
        ),
        (url("activity_edit", pk("a"))(f), {"kind": "tet", "name": "X", "starts_on": "26/03/2025"}),
        (url("activity_delete", pk("a"))(f), {}),
        (url("activity_participants", pk("a"))(f), {"pick": [f.an.pk]}),
        (url("activity_voucher_link", pk("a"))(f), {"voucher": f.voucher_a.pk}),
        (url("activity_voucher_unlink", *voucher_of("a", "voucher_a"))(f), {}),
        (
            url("activity_attachment_add", pk("a"))(f),
            {"file": SimpleUploadedFile("x.pdf", PDF_BYTES)},
        ),
        (url("activity_attachment_delete", pk("file_a"))(f), {}),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("accountant", 403),
        ("inspector", 403),
        ("upper_viewer", 403),
        ("group_leader", 404),
        ("member", 403),
        ("officer_b", 404),
    ],
)
def test_writes_on_branch_a_by_readers_and_outsiders_are_refused_and_change_nothing(
    role, status, client, act, users
):
    client.force_login(getattr(users, role))
    before = Activity.history.count(), ActivityAttachment.objects.count()
    for target, data in writes(act):
        assert client.post(target, data).status_code == status, target
    assert (Activity.history.count(), ActivityAttachment.objects.count()) == before


# --- list ------------------------------------------------------------------------------------


def test_list_shows_the_subtrees_activities_newest_first_with_figures(client, act, users):
    client.force_login(users.officer)
    page = client.get(url("activity_list", org=org_a)(act))
    rows = page.context["rows"]
    assert [r["activity"].name for r in rows] == ["Học tập nghị quyết", "Hội thao 26/3"]
    study, sports = rows
    assert (study["taking_part"], str(study["rate"])) == (14, "93.3")
    assert (sports["taking_part"], sports["cost"]) == (2, 2_500_000)
    assert sports["result"] == "Giải ba bóng chuyền hơi nữ" and sports["more_results"] == 1
    html = page.content.decode()
    assert "Hội thao trường B" not in html
    assert "2.500.000" in html and "Tổ Văn phòng" in html


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("year=2024", ["Quà Tết 2024"]),
        ("kind=study", ["Học tập nghị quyết"]),
        ("q=HỘI+THAO", ["Hội thao 26/3"]),
        ("q=nhà+thi+đấu", ["Hội thao 26/3"]),
        ("q=hoi+thao", ["Hội thao 26/3"]),
        ("year=abc", ["Học tập nghị quyết", "Hội thao 26/3", "Quà Tết 2024"]),
    ],
)
def test_list_filters_by_year_kind_and_name(client, act, users, query, names):
    act.a.place = "Nhà thi đấu tỉnh"
    services.activity_save(activity=act.a, actor=None)
    activity(act.tree.branch_a, name="Quà Tết 2024", kind="tet", starts_on=date(2024, 2, 1))
    client.force_login(users.officer)
    page = client.get(url("activity_list", org=org_a)(act) + "&" + query)
    assert [r["activity"].name for r in page.context["rows"]] == names


def test_empty_list_says_so_and_offers_to_add_one(client, tree, users):
    client.force_login(users.officer)
    html = client.get(reverse("emulation:activity_list") + f"?org={tree.branch_a.pk}").content
    assert "Chưa ghi nhận hoạt động, sự kiện nào." in html.decode()
    assert reverse("emulation:activity_create") in html.decode()


def test_list_paginates(client, tree, users, monkeypatch):
    monkeypatch.setattr("emulation.activities.views.PAGE_SIZE", 2)
    for day in range(1, 6):
        activity(tree.branch_a, name=f"Hoạt động {day}", starts_on=date(2025, 5, day))
    client.force_login(users.officer)
    page = client.get(reverse("emulation:activity_list") + f"?org={tree.branch_a.pk}&page=3")
    assert [r["activity"].name for r in page.context["rows"]] == ["Hoạt động 1"]


def test_list_queries_do_not_grow_with_rows_participants_or_vouchers(client, act, users):
    client.force_login(users.officer)
    page = url("activity_list", org=org_a)(act)
    before = count_queries(client, page)
    members = [MemberFactory(organisation=act.tree.group_a1) for _ in range(5)]
    for n in range(6):
        a = activity(act.tree.branch_a, name=f"Thêm {n}", results="Giải nhất")
        services.activity_participants_set(activity=a, members=members, actor=None)
        voucher = payment(act.cash_a, amount=100_000 + n)
        services.activity_voucher_link(activity=a, voucher=voucher, actor=None)
    assert count_queries(client, page) == before


# --- create and edit -------------------------------------------------------------------------


def form_data(**changes):
    return {
        "kind": "study",
        "name": "Học tập Nghị quyết Đại hội XIII",
        "starts_on": "16/04/2025",
        "ends_on": "",
        "place": "Hội trường",
        "partners": "Chi bộ",
        "participant_count": "",
        "invited_count": "40",
        "other_cost": "1.500.000",
        "results": "  Hoàn thành thu hoạch \n\n Đạt 100%  ",
        "note": "",
        **changes,
    }


def test_create_saves_money_dates_and_results_one_per_line(client, tree, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("emulation:activity_create") + f"?org={tree.branch_a.pk}", form_data()
    )
    a = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "emulation:activity_detail", args=[a.pk]
    )
    assert (a.organisation, a.other_cost, a.invited_count) == (tree.branch_a, 1_500_000, 40)
    assert a.results == "Hoàn thành thu hoạch\nĐạt 100%"
    assert a.created_by == users.officer


def test_save_and_pick_participants_goes_to_the_participants_page(client, tree, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("emulation:activity_create") + f"?org={tree.branch_a.pk}",
        {**form_data(), "then": "participants"},
    )
    a = Activity.objects.get()
    assert response["Location"] == reverse("emulation:activity_participants", args=[a.pk])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": "15/04/2025"}, "Ngày kết thúc: không được trước ngày bắt đầu (16/04/2025)."),
        ({"starts_on": "31/02/2025"}, "Ngày bắt đầu: ngày không hợp lệ"),
        ({"other_cost": "1,5 triệu"}, "Kinh phí từ nguồn khác (đồng): nhập số đồng nguyên"),
        ({"participant_count": "-3"}, "Số người tham gia: không được âm."),
        ({"kind": ""}, "Loại hoạt động: chọn một loại."),
    ],
)
def test_create_shows_errors_naming_the_field_and_keeps_the_input(
    client, tree, users, changes, message
):
    client.force_login(users.officer)
    response = client.post(
        reverse("emulation:activity_create") + f"?org={tree.branch_a.pk}", form_data(**changes)
    )
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "Học tập Nghị quyết Đại hội XIII" in html
    assert not Activity.objects.exists()


def test_the_form_explains_count_or_list(client, tree, users):
    client.force_login(users.officer)
    html = client.get(reverse("emulation:activity_create") + f"?org={tree.branch_a.pk}").content
    assert "số người nhập ở đây được dùng để tính" in html.decode()


def test_edit_shows_the_stored_values_and_saves_changes(client, act, users):
    client.force_login(users.officer)
    edit = reverse("emulation:activity_edit", args=[act.a.pk])
    assert 'value="500.000"' in client.get(edit).content.decode()
    client.post(edit, form_data(kind="sports", name="Hội thao 2025", starts_on="26/03/2025"))
    act.a.refresh_from_db()
    assert (act.a.name, act.a.other_cost) == ("Hội thao 2025", 1_500_000)


def test_edit_to_another_year_with_vouchers_is_refused_on_the_date(client, act, users):
    client.force_login(users.officer)
    edit = reverse("emulation:activity_edit", args=[act.a.pk])
    response = client.post(edit, form_data(starts_on="26/03/2026"))
    assert "bỏ liên kết các phiếu chi đó" in response.content.decode()
    act.a.refresh_from_db()
    assert act.a.starts_on.year == 2025


def test_delete_asks_first_then_removes_the_activity(client, act, users):
    client.force_login(users.officer)
    target = reverse("emulation:activity_delete", args=[act.a.pk])
    assert "1 tệp đính kèm" in client.get(target).content.decode()
    response = client.post(target)
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=act.a.pk).exists()


# --- participants ----------------------------------------------------------------------------


def participants_url(a):
    return reverse("emulation:activity_participants", args=[a.pk])


def test_participants_page_lists_the_subtrees_active_members_by_group_ticked_as_stored(
    client, act, users
):
    MemberFactory(organisation=act.tree.group_a1, full_name="Phạm Văn Nghỉ", status="retired")
    client.force_login(users.officer)
    page = client.get(participants_url(act.a))
    groups = {
        g.name: [(r.member.full_name, r.checked) for r in rows]
        for g, rows in page.context["form"].groups()
    }
    assert groups == {
        "Tổ Văn phòng": [("Nguyễn Văn An", True)],
        "Tổ Toán": [("Lê Thị Bình", True)],
    }
    html = page.content.decode()
    assert "data-tick-all" in html and "Trần Văn Khánh" not in html


def test_participants_are_saved_at_once(client, act, users):
    extra = MemberFactory(organisation=act.tree.group_a1, full_name="Đỗ Văn Cường")
    client.force_login(users.officer)
    response = client.post(participants_url(act.a), {"pick": [act.an.pk, extra.pk]})
    assert response.status_code == 302
    assert set(act.a.participants.all()) == {act.an, extra}


def test_a_member_outside_the_subtree_posted_as_participant_is_refused(client, act, users):
    client.force_login(users.officer)
    response = client.post(participants_url(act.a), {"pick": [act.an.pk, act.khanh.pk]})
    assert response.status_code == 200
    assert "Danh sách đã thay đổi" in response.content.decode()
    assert set(act.a.participants.all()) == {act.an, act.binh}


def test_participants_page_queries_do_not_grow_with_members(client, act, users):
    client.force_login(users.officer)
    before = count_queries(client, participants_url(act.a))
    for group in (act.tree.group_a1, act.tree.group_a2, act.tree.branch_a):
        for _ in range(4):
            MemberFactory(organisation=group)
    assert count_queries(client, participants_url(act.a)) == before


# --- detail, vouchers, attachments -----------------------------------------------------------


def detail_url(a):
    return reverse("emulation:activity_detail", args=[a.pk])


def test_detail_shows_participants_cost_results_files_and_history(client, act, users):
    client.force_login(users.officer)
    page = client.get(detail_url(act.a))
    html = page.content.decode()
    for text in (
        "Nguyễn Văn An",
        "Tổ Toán",
        "Giải ba bóng chuyền hơi nữ</li>",
        "2.500.000",
        act.voucher_a.display_number,
        "ke-hoach.pdf",
        "Lịch sử thay đổi",
    ):
        assert text in html, text
    assert reverse("finance:voucher_detail", args=[act.voucher_a.pk]) in html


def test_detail_shows_vouchers_only_to_readers_of_the_books(client, act, users):
    client.force_login(users.inspector)
    html = client.get(detail_url(act.a)).content.decode()
    assert act.voucher_a.display_number in html
    # Inspectors read the books too; group leaders do not.
    client.force_login(users.group_leader)
    voucher = payment(act.cash_a, day=date(2025, 4, 16), amount=300_000)
    services.activity_voucher_link(activity=act.group, voucher=voucher, actor=None)
    html = client.get(detail_url(act.group)).content.decode()
    assert voucher.display_number not in html  # the books' detail is not theirs
    assert reverse("finance:voucher_detail", args=[voucher.pk]) not in html
    assert "Liên kết phiếu chi" not in html and "Tải lên" not in html


def test_detail_offers_only_the_payable_vouchers_to_link(client, act, users):
    other = payment(act.cash_a, amount=700_000, description="Chi mua cúp")
    next_year = payment(act.cash_a, day=date(2026, 1, 5), description="Năm sau")
    client.force_login(users.officer)
    choices = client.get(detail_url(act.a)).context["link_form"].fields["voucher"].queryset
    assert list(choices) == [other]
    assert next_year not in choices


def test_linking_and_unlinking_through_the_pages(client, act, users):
    other = payment(act.cash_a, amount=700_000, description="Chi mua cúp")
    client.force_login(users.officer)
    link = reverse("emulation:activity_voucher_link", args=[act.a.pk])
    response = client.post(link, {"voucher": other.pk}, follow=True)
    assert f"Đã liên kết {other.display_number}" in response.content.decode()
    assert total_cost(figures(act.a)) == 3_200_000
    response = client.post(link, {"voucher": act.voucher_b.pk}, follow=True)
    assert "chọn trong danh sách phiếu chi của năm" in response.content.decode()
    unlink = reverse("emulation:activity_voucher_unlink", args=[act.a.pk, other.pk])
    client.post(unlink)
    assert list(act.a.vouchers.all()) == [act.voucher_a]


def test_a_reversed_voucher_shows_as_not_counted(client, act, users):
    finance_services.voucher_reverse(voucher=act.voucher_a, day=date(2025, 3, 20), actor=None)
    client.force_login(users.officer)
    page = client.get(detail_url(act.a))
    assert "Đã điều chỉnh, không tính" in page.content.decode()
    assert page.context["total_cost"] == 500_000


def test_detail_queries_do_not_grow_with_participants_vouchers_and_files(client, act, users):
    """Two activities alike but for the length of their lists (each list added in one step,
    so that both have as many history entries: the history costs queries per entry, up to
    its limit, in unionhub.audit)."""
    members = [MemberFactory(organisation=act.tree.group_a2) for _ in range(6)]
    vouchers = [payment(act.cash_a, amount=10_000 + n) for n in range(4)]
    pages = []
    for size in (1, 4):
        a = activity(act.tree.branch_a, name=f"Hoạt động {size}")
        a.participants.add(*members[: size + 2])
        a.vouchers.add(*vouchers[:size])
        for n in range(size):
            attach(a, f"anh-{n}.png", PNG_BYTES)
        pages.append(detail_url(a))
    client.force_login(users.officer)
    small, big = (count_queries(client, page) for page in pages)
    assert big == small


def upload(client, a, *files):
    return client.post(
        reverse("emulation:activity_attachment_add", args=[a.pk]),
        {"file": [SimpleUploadedFile(name, content) for name, content in files]},
        follow=True,
    )


def test_uploads_are_checked_one_by_one_and_errors_name_the_file(client, act, users):
    client.force_login(users.officer)
    response = upload(client, act.a, ("Ảnh đội bóng.png", PNG_BYTES), ("virus.exe", b"MZ"))
    html = response.content.decode()
    assert "Đã đính kèm Ảnh đội bóng.png" in html
    assert "virus.exe: Chỉ đính kèm tệp PDF, JPG, PNG, DOCX hoặc XLSX." in html
    assert act.a.attachments.count() == 2


def test_download_serves_the_file_under_its_name_to_readers_only(client, act, users):
    client.force_login(users.inspector)
    response = client.get(reverse("emulation:activity_attachment_file", args=[act.file_a.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "ke-hoach.pdf" in response["Content-Disposition"]
    client.force_login(users.officer_b)
    response = client.get(reverse("emulation:activity_attachment_file", args=[act.file_a.pk]))
    assert response.status_code == 404


def test_deleting_an_attachment_asks_then_removes_the_file(
    client, act, users, django_capture_on_commit_callbacks
):
    client.force_login(users.officer)
    target = reverse("emulation:activity_attachment_delete", args=[act.file_a.pk])
    assert "ke-hoach.pdf" in client.get(target).content.decode()
    storage, name = act.file_a.file.storage, act.file_a.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(target)
    assert not act.a.attachments.exists() and not storage.exists(name)


# --- demo ------------------------------------------------------------------------------------


def test_demo_activities_are_seeded_once_with_lists_counts_and_matching_vouchers(tree):
    branch = tree.branch_a
    for n in range(6):
        gender = Member.Gender.FEMALE if n % 2 else Member.Gender.MALE
        MemberFactory(organisation=tree.group_a1 if n < 3 else tree.group_a2, gender=gender)
    books = cash(branch)
    payment(books, day=date(2025, 2, 5), description="Nộp đoàn phí tháng 2/2025")
    women_day = payment(books, day=date(2025, 3, 8), description="Tổ chức kỷ niệm ngày 8/3")
    assert seed_activities(branch, 2025, today=date(2025, 12, 31)) == 10
    assert seed_activities(branch, 2025, today=date(2025, 12, 31)) == 0
    seeded = Activity.objects.filter(organisation=branch)
    assert "Giải ba bóng chuyền hơi nữ" in seeded.get(kind="sports").result_lines
    march = seeded.get(kind="women_0803")
    assert list(march.vouchers.all()) == [women_day]
    assert set(march.participants.values_list("gender", flat=True)) == {"F"}
    assert Activity.objects.filter(vouchers__isnull=False).count() == 1
    study = seeded.get(kind="study")
    assert study.invited_count == 6 and study.participant_count <= 6


def test_demo_skips_activities_still_to_come(tree):
    MemberFactory(organisation=tree.group_a1)
    assert seed_activities(tree.branch_b, 2025, today=date(2025, 3, 10)) == 0  # no members
    assert seed_activities(tree.branch_a, 2025, today=date(2025, 3, 10)) == 2  # Tết, 8/3


# --- the history of the lists ----------------------------------------------------------------


def _changes(obj):
    return [(e.action, [(c.field, c.old, c.new) for c in e.changes]) for e in history_entries(obj)]


def test_history_spells_out_a_short_list_of_participants_and_counts_a_long_one(act, users):
    many = [MemberFactory(organisation=act.tree.group_a1, full_name=f"Người {i}") for i in range(6)]
    services.activity_participants_set(activity=act.a, members=[act.an], actor=users.officer)
    assert _changes(act.a)[0] == (
        "Sửa",
        [("người tham gia", "Lê Thị Bình, Nguyễn Văn An", "Nguyễn Văn An")],
    )
    services.activity_participants_set(activity=act.a, members=[act.an, *many], actor=users.officer)
    action, [(field, old, new)] = _changes(act.a)[0]
    assert (field, old) == ("người tham gia", "1")
    assert new == "7 (thêm: Người 0, Người 1, Người 2, Người 3, Người 4 và 1 khác)"


def test_history_of_an_object_without_records_is_empty(tree):
    assert history_entries(Campaign.objects.get(code="lao-dong-gioi")) == []


def test_history_reads_lists_in_a_fixed_number_of_queries(
    act, users, django_assert_max_num_queries
):
    for i in range(4):
        member = MemberFactory(organisation=act.tree.group_a1, full_name=f"Thêm {i}")
        services.activity_participants_set(
            activity=act.a, members=[act.an, member], actor=users.officer
        )
    with django_assert_max_num_queries(6):
        entries = history_entries(act.a)
    assert len(entries) >= 5


# --- one voucher, one activity; vouchers only for readers of the books -----------------------


def test_a_voucher_paying_one_activity_is_refused_for_another(act):
    second = activity(act.tree.branch_a, name="Văn nghệ 20/10", starts_on=date(2025, 10, 20))
    with pytest.raises(ValidationError, match="đã là kinh phí của hoạt động “Hội thao 26/3”"):
        services.activity_voucher_link(activity=second, voucher=act.voucher_a, actor=None)
    assert total_cost(figures(second)) == 0


def test_readers_without_the_books_see_the_cost_but_not_the_vouchers(client, act, users):
    page = reverse("emulation:activity_detail", args=[act.group.pk])
    voucher = payment(act.cash_a, day=date(2025, 4, 16), amount=300_000, description="Nước uống")
    services.activity_voucher_link(activity=act.group, voucher=voucher, actor=None)
    client.force_login(users.group_leader)
    html = client.get(page).content.decode()
    assert "300.000" in html and "Nước uống" not in html and voucher.display_number not in html
    client.force_login(users.inspector)
    html = client.get(page).content.decode()
    assert "Nước uống" in html


def test_linking_vouchers_needs_the_books(client, act, users, monkeypatch):
    """An officer whose roles do not read the books (none here by default: make one) may not
    link or unlink."""
    monkeypatch.setattr(
        "emulation.activities.pages.access.can",
        lambda user, perm, org: perm != "view_finance",
    )
    client.force_login(users.officer)
    link = reverse("emulation:activity_voucher_link", args=[act.a.pk])
    assert client.post(link, {"voucher": act.voucher_a.pk}).status_code == 403
    unlink = reverse("emulation:activity_voucher_unlink", args=[act.a.pk, act.voucher_a.pk])
    assert client.post(unlink).status_code == 403
    assert act.a.vouchers.filter(pk=act.voucher_a.pk).exists()
