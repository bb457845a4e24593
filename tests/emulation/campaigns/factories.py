"""Campaigns, registrations and initiatives to test on, entered through the services: a common
campaign by its code, a campaign of an organisation, a unit's registrations for a year, an
initiative with its authors."""

from datetime import date

from emulation.campaigns import registrations, services
from emulation.campaigns.initiatives import initiative_save
from emulation.models import Campaign, Initiative, Registration

YEAR = 2025
ACHIEVED, FAILED = Registration.Result.ACHIEVED, Registration.Result.NOT_ACHIEVED


def seeded(code: str) -> Campaign:
    return Campaign.objects.get(code=code)


def campaign(org, name, **flags) -> Campaign:
    return services.campaign_save(
        campaign=Campaign(organisation=org, name=name, launcher=org.name, **flags), actor=None
    )


def register(unit, target, entries, year=YEAR, actor=None):
    registrations.registrations_save(
        unit=unit, year=year, target=target, entries=entries, actor=actor
    )


# --- initiatives -----------------------------------------------------------------------------

THIS_YEAR = date.today().year


def enter(org, authors=(), *, actor=None, **fields) -> Initiative:
    fields.setdefault("name", "Ứng dụng phần mềm quản lý điểm")
    fields.setdefault("year", 2025)
    return initiative_save(
        initiative=Initiative(organisation=org, **fields), authors=list(authors), actor=actor
    )
