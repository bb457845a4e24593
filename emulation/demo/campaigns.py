"""Demo registrations (đăng ký thi đua) of a seeded branch, entered through the services group
by group like an officer would, with the year-end evaluation of most of them."""

import random

from django.db import transaction

from emulation.campaigns.registrations import (
    registrations_at,
    registrations_evaluate,
    registrations_save,
)
from emulation.models import WOMEN_CAMPAIGN, Campaign, Registration
from members.models import Member, Organisation

GOOD_WORKER = "lao-dong-gioi"
GREEN_CLEAN = "xanh-sach-dep"


def seed_registrations(branch: Organisation, year: int, actor=None, evaluate: bool = True) -> int:
    """Register the branch's members for `year`: about half of each group in "Lao động giỏi",
    the women in "Giỏi việc nước, đảm việc nhà", two groups in "Xanh - Sạch - Đẹp"; then, with
    `evaluate` (a year that is over), evaluate most (a few not achieved, some not yet). Nothing
    when the branch has any registration that year; the number of registrations made."""
    subtree = Organisation.objects.subtree_of(branch)
    if Registration.objects.filter(year=year, unit__in=subtree.values("pk")).exists():
        return 0
    campaigns = Campaign.objects.in_bulk(
        [GOOD_WORKER, WOMEN_CAMPAIGN, GREEN_CLEAN], field_name="code"
    )
    if len(campaigns) < 3:
        return 0
    good, women, green = campaigns[GOOD_WORKER], campaigns[WOMEN_CAMPAIGN], campaigns[GREEN_CLEAN]
    rng = random.Random(f"registrations-{branch.code}-{year}")
    groups = list(subtree.filter(kind=Organisation.Kind.GROUP))
    count = 0
    with transaction.atomic():
        for n, unit in enumerate([*groups, branch]):
            members = list(
                Member.objects.active().filter(organisation=unit).order_by("sort_name", "pk")
            )
            chosen = rng.sample(members, k=len(members) // 2)
            if chosen:
                registrations_save(
                    unit=unit,
                    year=year,
                    target=good,
                    entries={
                        m: "Hoàn thành xuất sắc nhiệm vụ chuyên môn được giao" for m in chosen
                    },
                    actor=actor,
                )
            female = [m for m in members if m.gender == Member.Gender.FEMALE]
            if female:
                registrations_save(
                    unit=unit,
                    year=year,
                    target=women,
                    entries={m: "Giỏi việc nước, đảm việc nhà" for m in female},
                    actor=actor,
                )
            if unit.kind == Organisation.Kind.GROUP and n < 2:
                registrations_save(
                    unit=unit,
                    year=year,
                    target=green,
                    entries={unit: "Giữ phòng làm việc xanh - sạch - đẹp, an toàn"},
                    actor=actor,
                )
                count += 1
            count += len(chosen) + len(female)
        for target in (good, women, green) if evaluate else ():
            results = {}
            for registration in registrations_at(branch, year, target):
                draw = rng.random()
                if draw < 0.15:
                    continue  # not evaluated yet
                result = (
                    Registration.Result.NOT_ACHIEVED
                    if draw < 0.25
                    else Registration.Result.ACHIEVED
                )
                results[registration] = (result, "")
            registrations_evaluate(
                unit=branch, year=year, target=target, results=results, actor=actor
            )
    return count
