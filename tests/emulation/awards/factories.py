"""Award decisions to test on, entered through the services: the catalogue's titles, a
decision for given recipients (two spellings: the pages' tests name the title by keyword, the
services' and tables' tests by position) and a cash account to pay prizes from."""

from datetime import date

from emulation.awards import services
from emulation.models import AwardDecision, AwardTitle
from finance.models import Account

STATE, UNION = AwardTitle.Authority.STATE, AwardTitle.Authority.UNION


def title(name: str, subject: str = "individual", authority: str = STATE) -> AwardTitle:
    return AwardTitle.objects.get(name=name, subject=subject, authority=authority)


def decide(org, recipients, *, name="Lao động tiên tiến", subject="individual", **kw):
    decision = AwardDecision(
        organisation=org,
        number=kw.pop("number", "12/QĐ-SGD"),
        signed_on=kw.pop("signed_on", date(2025, 12, 20)),
        issuer="Giám đốc Sở",
        year=kw.pop("year", 2025),
        title=title(name, subject, kw.pop("authority", STATE)),
    )
    return services.decision_create(decision=decision, recipients=recipients, actor=None, **kw)


def decide_title(org, name, recipients, *, year=2025, subject="individual", authority=STATE, **kw):
    """A decision of the title `name`, numbered 12/QĐ and signed on 20/12 of its year (the
    tests of the services and the tables import it as `decide`)."""
    kw.setdefault("number", "12/QĐ")
    kw.setdefault("signed_on", date(year, 12, 20))
    return decide(org, recipients, name=name, subject=subject, year=year, authority=authority, **kw)


def cash(org) -> Account:
    return Account.objects.create(
        organisation=org, kind="cash", name="Tiền mặt", opening_date=date(2025, 1, 1)
    )
