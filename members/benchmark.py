"""The registry's benchmarks: a synthetic branch, then the member pages, an .xlsx import and
export (unionhub.benchmark measures; members.federation_benchmark builds a federation).
"""

import io
import random
import time
from collections.abc import Iterator
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from members.models import Member, MemberEvent, Organisation
from members.organisations.services import organisation_create
from members.registry import services
from unionhub.benchmark import PeakMemory, analyze, time_pages
from unionhub.models import Role, RoleAssignment

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = {
    "M": ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh"],
    "F": ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ"],
}
GIVEN = {
    "M": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Hải",
        "Hùng",
        "Khoa",
        "Long",
        "Nam",
        "Phong",
        "Quang",
        "Sơn",
        "Tài",
        "Thắng",
        "Tuấn",
        "Việt",
    ],
    "F": [
        "Anh",
        "Châu",
        "Dung",
        "Giang",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Oanh",
        "Phương",
        "Thảo",
        "Trang",
        "Yến",
    ],
}
GROUPS = 100
CHUNK = 5_000


def _name(rng: random.Random, gender: str) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"


def build_branch(members: int) -> tuple[Organisation, object]:
    """A branch with `members` members in 100 groups and an officer; reused if present."""
    code = f"BENCH-{members}"
    User = get_user_model()
    officer, _ = User.objects.get_or_create(username=f"bench-officer-{members}")
    branch = Organisation.objects.filter(code=code).first()
    if branch is not None:
        analyze()
        return branch, officer
    upper = Organisation.objects.filter(code="BENCH-UPPER").first() or organisation_create(
        parent=None,
        actor=None,
        kind=Organisation.Kind.UPPER,
        name="Công đoàn benchmark",
        code="BENCH-UPPER",
    )
    branch = organisation_create(
        parent=upper,
        actor=None,
        kind=Organisation.Kind.BRANCH,
        name=f"CĐCS benchmark {members}",
        code=code,
    )
    groups = [
        organisation_create(
            parent=branch,
            actor=None,
            kind=Organisation.Kind.GROUP,
            name=f"Tổ {i + 1}",
            code=f"{code}-T{i + 1}",
        )
        for i in range(GROUPS)
    ]
    RoleAssignment.objects.get_or_create(user=officer, organisation=branch, role=Role.OFFICER)
    rng = random.Random(members)
    created = 0
    while created < members:
        batch = []
        for i in range(created, min(created + CHUNK, members)):
            gender = "F" if i % 2 else "M"  # exactly half are women: the export's filter
            full_name = _name(rng, gender)
            batch.append(
                services.prepare_member(
                    Member(
                        organisation=groups[i % GROUPS],
                        full_name=full_name,
                        gender=gender,
                        date_of_birth=date(
                            rng.randint(1962, 2001), rng.randint(1, 12), rng.randint(1, 28)
                        ),
                        joined_on=date(
                            rng.randint(1990, 2025), rng.randint(1, 12), rng.randint(1, 28)
                        ),
                        card_number=f"B{members:07d}{i:08d}",
                        party_member=rng.random() < 0.3,
                    )
                )
            )
        with transaction.atomic():
            saved = Member.objects.bulk_create(batch)
            if not saved[0].pk:  # backends without RETURNING ids
                saved = list(
                    Member.objects.filter(card_number__in=[m.card_number for m in batch]).order_by(
                        "id"
                    )
                )
            MemberEvent.objects.bulk_create(
                MemberEvent(
                    member=m,
                    kind=MemberEvent.Kind.ADMITTED,
                    date=m.joined_on,
                    organisation_id=m.organisation_id,
                    status_after=Member.Status.ACTIVE,
                )
                for m in saved
            )
        created += len(batch)
    analyze()
    return branch, officer


def run_members(
    *, members: int, repeat: int, import_rows: int, exchange: bool = True
) -> Iterator[str]:
    yield f"Database: {connection.vendor} ({connection.settings_dict['NAME']})"
    start = time.perf_counter()
    branch, officer = build_branch(members)
    yield (
        f"Dataset: {members:,} members in {GROUPS} groups ready in "
        f"{time.perf_counter() - start:.1f} s"
    )
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False, SECURE_SSL_REDIRECT=False):
        client = Client()
        client.force_login(officer)
        base = f"/doan-vien/?org={branch.pk}"
        deep = members // 2 // 50
        yield f"Member list ({repeat} requests each):"
        yield from time_pages(
            client,
            [
                ("first page", base),
                (f"deep page ({deep})", f"{base}&page={deep}"),
                ("search 'nguyen van' (many hits)", f"{base}&q=nguyen+van"),
                ("search 'duong my yen' (few hits)", f"{base}&q=duong+my+yen"),
                ("search with no hit", f"{base}&q=khong+co+ai"),
                ("sorted by birth date (no index)", f"{base}&sort=dob"),
                ("organisation page", f"/to-chuc/{branch.pk}/"),
                ("dashboard (Tổng quan)", f"/?org={branch.pk}"),
                (
                    "statistics page (today, year's movements)",
                    f"/bao-cao/thong-ke/?org={branch.pk}",
                ),
                (
                    "statistics page (31/12/2024)",
                    f"/bao-cao/thong-ke/?org={branch.pk}&on=31/12/2024",
                ),
            ],
            repeat,
        )
        report = f"/bao-cao/tinh-hinh-doan-vien{{}}?org={branch.pk}&on=31/12/2024"
        yield f"Báo cáo tình hình đoàn viên ({max(repeat // 3, 1)} requests each):"
        yield from time_pages(
            client,
            [
                ("preview (HTML page)", report.format("/")),
                ("PDF", report.format(".pdf")),
                ("DOCX", report.format(".docx")),
            ],
            max(repeat // 3, 1),
        )
        if exchange:
            yield from _time_import(branch, officer, import_rows)
            yield from _time_export(client, branch)


def _sheet(rows: int, groups: list[str]) -> io.BytesIO:
    """An import file of `rows` new members, typed as an office would (text dates, Nam/Nữ)."""
    from openpyxl import Workbook

    from members.registry.columns import columns

    rng = random.Random(rows)
    headers = [header for header, _ in columns(include_personal=False)]
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["DANH SÁCH ĐOÀN VIÊN"])
    sheet.append(headers)
    for i in range(rows):
        gender = "F" if i % 2 else "M"
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1965, 2000)
        values = {
            "Họ và tên": _name(rng, gender),
            "Ngày sinh": f"{day:02d}/{month:02d}/{year}",
            "Giới tính": "Nữ" if gender == "F" else "Nam",
            "Tổ công đoàn": groups[i % len(groups)],
            "Số thẻ": f"IMP{rows:06d}{i:07d}",
            "Đảng viên": "Có" if i % 3 == 0 else "Không",
        }
        sheet.append([values.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _time_import(branch, officer, rows: int) -> Iterator[str]:
    """Preview then import `rows` new members; rolled back so the dataset stays the same."""
    from members.registry.importing import import_members_xlsx

    groups = list(
        Organisation.objects.subtree_of(branch)
        .filter(kind=Organisation.Kind.GROUP)
        .values_list("name", flat=True)[:10]
    )
    data = _sheet(rows, groups).getvalue()
    yield f"Import of {rows:,} rows (.xlsx {len(data) // 1024} KB):"
    for dry_run, label in ((True, "preview (check only)"), (False, "import (confirmed)")):
        start = time.perf_counter()
        with transaction.atomic():
            result = import_members_xlsx(
                io.BytesIO(data), organisation=branch, user=officer, dry_run=dry_run
            )
            elapsed = time.perf_counter() - start
            transaction.set_rollback(True)
        assert result.ok and result.created == rows, (result.file_error, result.errors[:3])
        yield f"  {label:<44} {elapsed:8.1f} s"


def _time_export(client: Client, branch) -> Iterator[str]:
    """Export the women of the branch (exactly half of it) through the real view."""
    url = f"/doan-vien/xuat-excel.xlsx?org={branch.pk}&gender=F"
    rows = Member.objects.in_subtree(branch).filter(gender="F").count()
    with PeakMemory() as memory:
        start = time.perf_counter()
        response = client.get(url)
        size = sum(len(chunk) for chunk in response.streaming_content)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200
    yield f"Export of {rows:,} rows (.xlsx {size // 1024} KB):"
    yield f"  {'time':<44} {elapsed:8.1f} s"
    yield (
        f"  {'memory (RssAnon) before / peak during':<44} {memory.start / 2**20:8.0f} MB / "
        f"{memory.peak / 2**20:.0f} MB"
    )


# --- a federation of 100,000 organisations ---------------------------------------------------
