"""Writes the reports app allows: an organisation's letterhead settings."""

from django.db import transaction

from members.models import LetterheadSettings, Organisation
from unionhub.audit import save_audited


@transaction.atomic
def letterhead_update(*, organisation: Organisation, actor, **fields) -> LetterheadSettings:
    """Save how `organisation` heads and signs its documents (history kept by simple-history)."""
    conf = LetterheadSettings.objects.select_for_update().filter(
        organisation=organisation
    ).first() or LetterheadSettings(organisation=organisation)
    for name, value in fields.items():
        setattr(conf, name, value)
    save_audited(conf, actor=actor)
    return conf
