"""The organisation tree's benchmark: a federation of many organisations and members, then the
subtree queries and the pages an upper union reads (unionhub.benchmark measures).
"""

import time
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from members.benchmark import CHUNK
from members.models import Member, Organisation
from members.organisations.services import organisation_create
from members.registry import services
from unionhub.benchmark import analyze, percentiles, time_pages
from unionhub.models import Role, RoleAssignment

DISTRICTS, BRANCHES_PER_DISTRICT = 50, 20


def build_federation(organisations: int) -> tuple[Organisation, Organisation, object]:
    """A provincial federation: districts, branches, groups (about `organisations` in all),
    with a member in every fifth group. Paths are computed and rows bulk-created level by
    level, as treebeard's own bulk loading does. Returns (root, a district, a viewer)."""
    code = f"BENCHFED-{organisations}"
    User = get_user_model()
    viewer, _ = User.objects.get_or_create(username=f"bench-viewer-{organisations}")
    root = Organisation.objects.filter(code=code).first()
    if root is None:
        root = organisation_create(
            parent=None,
            actor=None,
            kind=Organisation.Kind.UPPER,
            name=f"LĐLĐ benchmark {organisations}",
            code=code,
        )
        groups_per_branch = max(
            (organisations - 1 - DISTRICTS - DISTRICTS * BRANCHES_PER_DISTRICT)
            // (DISTRICTS * BRANCHES_PER_DISTRICT),
            1,
        )
        parents = [root]
        for count, kind, label in (
            (DISTRICTS, Organisation.Kind.UPPER, "LĐLĐ huyện"),
            (BRANCHES_PER_DISTRICT, Organisation.Kind.BRANCH, "CĐCS"),
            (groups_per_branch, Organisation.Kind.GROUP, "Tổ"),
        ):
            rows = []
            for parent in parents:
                for step in range(1, count + 1):
                    path = Organisation._get_path(parent.path, parent.depth + 1, step)
                    rows.append(
                        Organisation(
                            path=path,
                            depth=parent.depth + 1,
                            numchild=0,
                            kind=kind,
                            name=f"{label} {path}",
                            code=f"{code}-{path}",
                        )
                    )
            for start in range(0, len(rows), CHUNK):
                Organisation.objects.bulk_create(rows[start : start + CHUNK])
            Organisation.objects.filter(pk__in=[p.pk for p in parents]).update(numchild=count)
            # Each level has its own kind: the rows just written are the next parents.
            parents = list(
                Organisation.objects.filter(code__startswith=f"{code}-", kind=kind).only(
                    "pk", "path", "depth"
                )
            )
        groups = parents
        members = []
        for i, group in enumerate(groups[::5]):
            full_name = f"Nguyễn Văn Liên {i}"
            members.append(
                services.prepare_member(
                    Member(
                        organisation=group,
                        full_name=full_name,
                        gender="F" if i % 2 else "M",
                        card_number=f"F{organisations:07d}{i:08d}",
                    )
                )
            )
        for start in range(0, len(members), CHUNK):
            Member.objects.bulk_create(members[start : start + CHUNK])
        RoleAssignment.objects.get_or_create(user=viewer, organisation=root, role=Role.UPPER_VIEWER)
        root.refresh_from_db()
    analyze()
    district = Organisation.objects.get_children(root).first()
    return root, district, viewer


def run_organisations(*, organisations: int, repeat: int) -> Iterator[str]:
    yield f"Database: {connection.vendor} ({connection.settings_dict['NAME']})"
    start = time.perf_counter()
    root, district, viewer = build_federation(organisations)
    total = Organisation.objects.subtree_of(root).count()
    yield (
        f"Dataset: {total:,} organisations under one federation, "
        f"{Member.objects.in_subtree(root).count():,} members, ready in "
        f"{time.perf_counter() - start:.1f} s"
    )
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        Organisation.objects.subtree_of(district).count()
        samples.append((time.perf_counter() - t) * 1000)
    p50, p95 = percentiles(samples)
    yield f"  {'subtree of a district (count)':<44} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms"
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False, SECURE_SSL_REDIRECT=False):
        client = Client()
        client.force_login(viewer)
        yield f"Pages of an upper-union viewer ({repeat} requests each):"
        yield from time_pages(
            client,
            [
                ("organisation tree", "/to-chuc/"),
                ("federation's page (counts over all)", f"/to-chuc/{root.pk}/"),
                ("a district's page", f"/to-chuc/{district.pk}/"),
                ("member list of the federation", f"/doan-vien/?org={root.pk}"),
                ("member search across the federation", f"/doan-vien/?org={root.pk}&q=lien+77"),
                ("federation's dashboard (Tổng quan)", f"/?org={root.pk}"),
                ("a district's dashboard", f"/?org={district.pk}"),
                ("federation's statistics", f"/bao-cao/thong-ke/?org={root.pk}"),
                (
                    "federation's member report (PDF)",
                    f"/bao-cao/tinh-hinh-doan-vien.pdf?org={root.pk}",
                ),
            ],
            repeat,
        )
