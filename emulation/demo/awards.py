"""Demo award decisions and ratings of a seeded branch, entered through the services like a user
would."""

import random
from datetime import date

from django.db import transaction

from emulation.awards import services
from emulation.awards.services import Recipient
from emulation.models import AwardDecision, AwardTitle, MemberRating, Rating
from emulation.ratings.services import (
    member_ratings_save,
    organisation_ratings_save,
    rated_children,
)
from finance.ledger import services as finance_services
from finance.models import Account
from finance.selectors import branch_of
from members.models import Member, Organisation

STATE, UNION = AwardTitle.Authority.STATE, AwardTitle.Authority.UNION
ONE, MANY = AwardTitle.Subject.INDIVIDUAL, AwardTitle.Subject.COLLECTIVE
GROUP_KINDS = (Organisation.Kind.GROUP, Organisation.Kind.SUB_BRANCH)


def _title(name: str, authority: str, subject: str) -> AwardTitle:
    return AwardTitle.objects.get(name=name, authority=authority, subject=subject)


def _prize_account(org: Organisation, day: date) -> Account | None:
    """The branch's first account, when a voucher dated `day` may be entered in it."""
    books = branch_of(org)
    account = Account.objects.filter(organisation=books).order_by("pk").first() if books else None
    if account is None or account.opening_date > day:
        return None
    if finance_services.closed_period_for(books, day) is not None:
        return None
    return account


def demo_awards(org: Organisation, actor, today: date | None = None) -> int:
    """Decisions of the last three years: "Lao động tiên tiến" for many members each year, a
    collective title for a group, the union's "Đoàn viên công đoàn xuất sắc" with prize money
    (a draft payment voucher when the books allow one). Does nothing when the organisation has
    decisions already; the number of decisions created."""
    today = today or date.today()
    if AwardDecision.objects.filter(organisation=org).exists():
        return 0
    rng = random.Random(f"awards-{org.code}")
    members = list(Member.objects.active().in_subtree(org).order_by("sort_name", "pk")[:60])
    groups = list(Organisation.objects.get_children(org).filter(kind__in=GROUP_KINDS)[:8])
    if not members:
        return 0
    count = 0

    def decide(number, day, issuer, year, title, recipients, account=None, note=""):
        nonlocal count
        decision = AwardDecision(
            organisation=org,
            number=number,
            signed_on=min(day, today),
            issuer=issuer,
            year=year,
            title=title,
            note=note,
        )
        services.decision_create(
            decision=decision, recipients=recipients, actor=actor, prize_account=account
        )
        count += 1

    with transaction.atomic():
        for year in range(today.year - 3, today.year):
            chosen = rng.sample(members, k=max(1, len(members) * 2 // 3))
            decide(
                f"{rng.randrange(100, 900)}/QĐ-SGDĐT",
                date(year + 1, 1, 15),
                "Giám đốc Sở Giáo dục và Đào tạo",
                year,
                _title("Lao động tiên tiến", STATE, ONE),
                [Recipient(member=m) for m in chosen],
                note=f"Công nhận danh hiệu Lao động tiên tiến năm học {year}-{year + 1}",
            )
            best = rng.sample(members, k=min(3, len(members)))
            day = date(year, 12, 20)
            decide(
                f"{rng.randrange(10, 99)}/QĐ-CĐN",
                day,
                "Công đoàn ngành Giáo dục tỉnh",
                year,
                _title("Đoàn viên công đoàn xuất sắc", UNION, ONE),
                [Recipient(member=m, prize=500_000) for m in best],
                account=_prize_account(org, min(day, today)),
            )
            if groups:
                decide(
                    f"{rng.randrange(100, 900)}/QĐ-UBND",
                    date(year + 1, 2, 10),
                    "Ủy ban nhân dân tỉnh",
                    year,
                    _title("Tập thể lao động tiên tiến", STATE, MANY),
                    [Recipient(organisation=rng.choice(groups))],
                )
    return count


def demo_ratings(org: Organisation, year: int) -> int:
    """Last year's ratings of the branch's members, group by group, and of its groups (most
    members "tốt", some "xuất sắc", a few "hoàn thành"); nothing when the year has any."""
    groups = list(rated_children(org))
    if MemberRating.objects.filter(year=year, unit__in=[org, *groups]).exists():
        return 0
    rng = random.Random(year)
    scale = [Rating.EXCELLENT] * 2 + [Rating.GOOD] * 6 + [Rating.DONE] * 2
    count = 0
    with transaction.atomic():
        for group in groups:
            members = Member.objects.active().in_subtree(group).order_by("pk")
            ratings = {member: rng.choice(scale) for member in members}
            member_ratings_save(group=group, year=year, ratings=ratings, actor=None)
            count += len(ratings)
        organisation_ratings_save(
            parent=org,
            year=year,
            ratings={group: (rng.choice(scale[:8]), "") for group in groups},
            actor=None,
        )
    return count
