"""`manage.py bench awards`: ten years of awards in the 200,000-member branch, then the times
of the year tables and the pages around them. Measures and prints, never asserts.

The awards are bulk-inserted (no history rows, no voucher), not entered through
emulation.awards.services one decision at a time: the reads are what is measured. Each year: Lao
động tiên tiến to 15% of the members, Chiến sĩ thi đua cơ sở to 2%, Giấy khen to 3%;
Đoàn viên công đoàn xuất sắc to 10%, Cán bộ công đoàn xuất sắc to 0.5%, Giỏi việc nước, đảm
việc nhà to 10% of the women; Tập thể lao động tiên tiến to 30 groups, Tổ công đoàn xuất sắc
to 40, and the branch's own Công đoàn cơ sở vững mạnh xuất sắc.
"""

import random
import time
from collections.abc import Iterator
from datetime import date

from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from members.benchmark import build_branch
from members.models import Member, Organisation
from unionhub.benchmark import analyze, time_call, time_pages
from unionhub.tree import subtree_q

from .awards.selectors import award_tables
from .models import Award, AwardDecision, AwardTitle, Rating
from .ratings.services import member_ratings_save

MEMBERS = 200_000
YEARS = 10
BATCH = 20_000
STATE, UNION = AwardTitle.Authority.STATE, AwardTitle.Authority.UNION
ONE, MANY = AwardTitle.Subject.INDIVIDUAL, AwardTitle.Subject.COLLECTIVE
# (authority, subject, title, share of the members, or number of groups; None: the branch)
PLAN = [
    (STATE, ONE, "Lao động tiên tiến", 0.15),
    (STATE, ONE, "Chiến sĩ thi đua cơ sở", 0.02),
    (STATE, ONE, "Giấy khen", 0.03),
    (UNION, ONE, "Đoàn viên công đoàn xuất sắc", 0.10),
    (UNION, ONE, "Cán bộ công đoàn xuất sắc", 0.005),
    (UNION, ONE, "Giỏi việc nước, đảm việc nhà", "women"),
    (STATE, MANY, "Tập thể lao động tiên tiến", 30),
    (UNION, MANY, "Tổ công đoàn xuất sắc", 40),
    (UNION, MANY, "Công đoàn cơ sở vững mạnh xuất sắc", None),
]
MARK = "BENCH-AW"


def build_awards(members: int = MEMBERS) -> tuple[Organisation, object, int]:
    """The benchmark branch with ten years of awards; reused if present."""
    branch, officer = build_branch(members)
    units = Organisation.objects.filter(subtree_q(branch.path)).values("pk")
    existing = Award.objects.filter(unit__in=units).count()
    if AwardDecision.objects.filter(organisation=branch, number__startswith=MARK).exists():
        return branch, officer, existing
    rng = random.Random(members)
    people = list(Member.objects.in_subtree(branch).values_list("pk", "organisation_id", "gender"))
    women = [p for p in people if p[2] == "F"]
    groups = list(
        Organisation.objects.filter(subtree_q(branch.path), kind=Organisation.Kind.GROUP)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    last = date.today().year
    total = 0
    for year in range(last - YEARS + 1, last + 1):
        with transaction.atomic():
            for n, (authority, subject, name, share) in enumerate(PLAN, start=1):
                title = AwardTitle.objects.get(name=name, authority=authority, subject=subject)
                decision = AwardDecision.objects.create(
                    organisation=branch,
                    number=f"{MARK}-{year}-{n}",
                    signed_on=date(year, 12, 20),
                    issuer="Giám đốc" if authority == STATE else "Công đoàn cấp trên",
                    year=year,
                    title=title,
                )
                common = {"decision": decision, "year": year, "title": title}
                if subject == ONE:
                    pool = women if share == "women" else people
                    k = round(len(pool) * (0.10 if share == "women" else share))
                    awards = [
                        Award(member_id=pk, unit_id=org, **common)
                        for pk, org, _gender in rng.sample(pool, k)
                    ]
                else:
                    chosen = [branch.pk] if share is None else rng.sample(groups, share)
                    awards = [Award(recipient_id=pk, unit_id=pk, **common) for pk in chosen]
                Award.objects.bulk_create(awards, batch_size=BATCH)
                total += len(awards)
    analyze()
    return branch, officer, existing + total


def run_awards(*, members: int = MEMBERS, repeat: int) -> Iterator[str]:
    yield f"Database: {connection.vendor} ({connection.settings_dict['NAME']})"
    started = time.perf_counter()
    branch, officer, count = build_awards(members)
    yield (
        f"Dataset: {count:,} awards over {YEARS} years in a {members:,}-member branch, ready in "
        f"{time.perf_counter() - started:.1f} s"
    )
    last = date.today().year
    first = last - YEARS + 1
    yield f"Selectors ({repeat} runs each):"
    yield time_call(
        f"award_tables (state and union), {YEARS} years",
        lambda: award_tables(branch, first, last),
        repeat,
    )
    ldtt = AwardTitle.objects.get(name="Lao động tiên tiến", authority=STATE, subject=ONE)
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False, SECURE_SSL_REDIRECT=False):
        client = Client()
        client.force_login(officer)
        span = f"org={branch.pk}&from={first}&to={last}"
        yield f"Pages ({repeat} requests each):"
        yield from time_pages(
            client,
            [
                (f"award tables page, {YEARS} years", f"/thi-dua/bang-khen-thuong/?{span}"),
                (
                    "award tables page, 5 years (default)",
                    f"/thi-dua/bang-khen-thuong/?org={branch.pk}",
                ),
                (
                    f"award tables .xlsx, {YEARS} years",
                    f"/thi-dua/bang-khen-thuong/khen-thuong.xlsx?{span}",
                ),
                ("award list, first page", f"/thi-dua/khen-thuong/?org={branch.pk}"),
                (
                    "award list, a cell (LĐTT, last year)",
                    f"/thi-dua/khen-thuong/?org={branch.pk}&year={last}&title={ldtt.pk}",
                ),
                (
                    "award list, search 'nguyen van'",
                    f"/thi-dua/khen-thuong/?org={branch.pk}&q=nguyen+van",
                ),
                ("organisation page (with its awards)", f"/to-chuc/{branch.pk}/"),
                ("emulation front page (the year's figures)", f"/thi-dua/?org={branch.pk}"),
                (
                    f"rating summary with the women's share, {YEARS} years",
                    f"/thi-dua/xep-loai/tong-hop/?{span}",
                ),
            ],
            repeat,
        )
        few = max(repeat // 3, 1)
        yield f"Documents ({few} requests each):"
        yield from time_pages(
            client,
            [
                (
                    f"award tables PDF, {YEARS} years",
                    f"/thi-dua/bang-khen-thuong/khen-thuong.pdf?{span}",
                ),
                (
                    f"award tables DOCX, {YEARS} years",
                    f"/thi-dua/bang-khen-thuong/khen-thuong.docx?{span}",
                ),
            ],
            few,
        )
        yield from time_rating_grid(client, branch, officer, repeat)


GRID = 40


def time_rating_grid(client: Client, branch, officer, repeat: int) -> Iterator[str]:
    """Saving a 40-member rating grid (goal < 500 ms), every save changing every rating: the
    service alone, then the page's POST. Leaves last year's ratings of those members behind."""
    group = (
        Organisation.objects.filter(subtree_q(branch.path), kind=Organisation.Kind.GROUP)
        .order_by("path")
        .first()
    )
    members = list(Member.objects.active().in_subtree(group).order_by("pk")[:GRID])
    year = date.today().year - 1
    scales = [Rating.EXCELLENT, Rating.GOOD], [Rating.DONE, Rating.GOOD]
    turn = iter(range(10**9))

    def save():
        scale = scales[next(turn) % 2]
        ratings = {m: scale[i % 2] for i, m in enumerate(members)}
        member_ratings_save(group=group, year=year, ratings=ratings, actor=officer)

    def post():
        scale = scales[next(turn) % 2]
        data = {f"r{m.pk}": scale[i % 2] for i, m in enumerate(members)}
        response = client.post(f"/thi-dua/xep-loai/?group={group.pk}&year={year}", data)
        assert response.status_code == 302, response.status_code

    yield f"Rating grid ({repeat} saves each, {len(members)} members, every rating changed):"
    yield time_call("member_ratings_save", save, repeat)
    yield time_call("rating grid page, POST", post, repeat)
