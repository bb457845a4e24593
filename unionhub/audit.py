"""Readable audit trail from django-simple-history: who changed what, old and new values."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .formatting import person_name, vn_date


def save_audited(obj, *, actor, exclude=None, update_fields=None) -> None:
    """Validate and save `obj` with `actor` as the author of its history entry: the one step
    every service write ends with."""
    obj._history_user = actor
    obj.full_clean(exclude=exclude)
    obj.save(update_fields=update_fields)


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    who: str
    action: str
    changes: list[Change] = field(default_factory=list)


_ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}


def _display(model, name: str, value, related: dict) -> str:
    if value in (None, ""):
        return "—"
    f = model._meta.get_field(name)
    if f.is_relation:
        return related.get((f.related_model, value), f"#{value}")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Có")) if value else str(_("Không"))
    if hasattr(value, "strftime"):
        return vn_date(value)
    return str(value)


def history_entries(obj: models.Model, limit: int = 25, hidden: Iterable[str] = ()) -> list[Entry]:
    """The latest changes of one object, newest first, in a fixed number of queries.

    Changes to `hidden` fields (personal data the reader may not see) are left out.
    """
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    model = type(obj)
    pairs = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        delta = newer.diff_against(older).changes if older is not None else []
        # Derived columns (search and sort keys) are not something a person changed.
        shown = [
            change
            for change in delta
            if change.field not in hidden and model._meta.get_field(change.field).editable
        ]
        if delta and not shown:
            continue  # an edit of hidden fields only: not even its existence is shown
        pairs.append((newer, shown))
    pairs = pairs[:limit]
    # Resolve foreign keys of every change in one query per related model.
    wanted: dict = {}
    for _record, delta in pairs:
        for change in delta:
            f = model._meta.get_field(change.field)
            if f.is_relation:
                wanted.setdefault(f.related_model, set()).update({change.old, change.new} - {None})
    related = {}
    for rel_model, ids in wanted.items():
        for row in rel_model._default_manager.filter(pk__in=ids):
            related[(rel_model, row.pk)] = str(row)
    entries = []
    for record, delta in pairs:
        who = person_name(record.history_user) if record.history_user else str(_("Hệ thống"))
        entries.append(
            Entry(
                when=record.history_date,
                who=who,
                action=_ACTIONS.get(record.history_type, record.history_type),
                changes=[
                    Change(
                        field=str(model._meta.get_field(c.field).verbose_name),
                        old=_display(model, c.field, c.old, related),
                        new=_display(model, c.field, c.new, related),
                    )
                    for c in delta
                ],
            )
        )
    return entries
