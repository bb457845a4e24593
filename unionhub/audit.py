"""Readable audit trail from django-simple-history: who changed what, old and new values."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import uuid4

from django.db import models
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

from .formatting import person_name, vn_date

# history_change_reason of the records of one save (see begin_save).
SAVE_MARK = "save:"


def stored_user(actor):
    """The user to record as author (created_by, posted_by, a history row's user): None when
    the system acts (actor None, as the demo and imports of the command line do)."""
    return actor if getattr(actor, "pk", None) else None


def begin_save(obj, *, actor) -> None:
    """Sign the history records the next write of `obj` makes (its row's, then one per change
    of a tracked list): `actor` is their author, and a save mark that history_entries uses to
    show them as one entry. A service that changes only a list (participants, vouchers) calls
    this before it; save_audited does for the rest."""
    obj._history_user = actor
    history = getattr(type(obj), "history", None)
    if history is not None and getattr(history.model, "_history_m2m_fields", None):
        # Only where a save writes several records: elsewhere the column stays empty.
        obj._change_reason = f"{SAVE_MARK}{uuid4().hex[:16]}"


def save_audited(obj, *, actor, exclude=None, update_fields=None) -> None:
    """Validate and save `obj` with `actor` as the author of its history entry: the one step
    every service write ends with."""
    begin_save(obj, actor=actor)
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


def _m2m_sets(model, records: list, names: list[str]) -> dict[tuple[str, int], set]:
    """(field, history id) -> the related ids the record held: one query per tracked
    many-to-many field, whatever the number of records."""
    sets: dict[tuple[str, int], set] = {}
    for name in names:
        through = getattr(records[0], name).model
        reverse = get_m2m_reverse_field_name(model._meta.get_field(name))
        for history_id, related_id in through.objects.filter(history__in=records).values_list(
            "history", reverse
        ):
            sets.setdefault((name, history_id), set()).add(related_id)
    return sets


# How many names a change of a list (participants, authors) spells out before "và N khác".
NAMES_SHOWN = 5


def _names(ids: set, rel_model, related: dict) -> str:
    listed = sorted(related.get((rel_model, pk), f"#{pk}") for pk in ids)
    more = len(listed) - NAMES_SHOWN
    text = ", ".join(listed[:NAMES_SHOWN])
    return text + (_g(" và %(n)s khác") % {"n": more} if more > 0 else "")


def _short(old: set, new: set) -> bool:
    return len(old) <= NAMES_SHOWN and len(new) <= NAMES_SHOWN


def _m2m_change(model, name: str, old: set, new: set, related: dict) -> "Change":
    """A list of related rows changed: short lists in full, before and after; longer ones as
    their size with who was added and removed (`related`: (model, pk) -> name)."""
    field = str(model._meta.get_field(name).verbose_name)
    rel_model = model._meta.get_field(name).related_model
    if _short(old, new):
        return Change(
            field=field,
            old=_names(old, rel_model, related) or "—",
            new=_names(new, rel_model, related) or "—",
        )
    added, removed = new - old, old - new
    parts = [
        _g("thêm: %(names)s") % {"names": _names(added, rel_model, related)} if added else "",
        _g("bớt: %(names)s") % {"names": _names(removed, rel_model, related)} if removed else "",
    ]
    return Change(
        field=field,
        old=str(len(old)),
        new=f"{len(new)} ({'; '.join(p for p in parts if p)})",
    )


def _merge_lists(earlier: list, later: list) -> list:
    """The list changes of two records of one save: each list from before the first to after
    the last (a set() may write a removal and an addition)."""
    before = {name: old for name, old, _new in earlier}
    for name, old, _new in later:
        before.setdefault(name, old)
    after = {name: new for name, _old, new in [*earlier, *later]}
    return [(name, before[name], new) for name, new in after.items() if before[name] != new]


def _same_save(newer, older) -> bool:
    """Were both records written by one save (begin_save's mark)? simple-history writes the
    row's record, then one more for each change of a tracked list."""
    mark = newer.history_change_reason or ""
    return mark.startswith(SAVE_MARK) and mark == older.history_change_reason


def history_entries(obj: models.Model, limit: int = 25, hidden: Iterable[str] = ()) -> list[Entry]:
    """The latest changes of one object, newest first, in a fixed number of queries.

    Changes to `hidden` fields (personal data the reader may not see) are left out. A tracked
    many-to-many field (participants, authors) shows how many rows it held before and after.
    """
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    model = type(obj)
    tracked = [f.name for f in getattr(obj.history.model, "_history_m2m_fields", [])]
    m2m = [name for name in tracked if name not in hidden]
    sets = _m2m_sets(model, records, m2m) if records and m2m else {}
    pairs = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        delta = (
            newer.diff_against(older, excluded_fields=tracked).changes if older is not None else []
        )
        # Derived columns (search and sort keys) are not something a person changed.
        shown = [
            change
            for change in delta
            if change.field not in hidden and model._meta.get_field(change.field).editable
        ]
        lists = []
        if older is not None:
            for name in m2m:
                before = sets.get((name, older.pk), set())
                after = sets.get((name, newer.pk), set())
                if before != after:
                    lists.append((name, before, after))
        pairs.append((newer, shown, lists, older is None))
    merged = []
    for record, shown, lists, first in reversed(pairs):  # oldest first
        if merged and not shown and _same_save(record, merged[-1][0]):
            earlier, earlier_shown, earlier_lists, earlier_first = merged[-1]
            lists = _merge_lists(earlier_lists, lists)
            merged[-1] = (earlier, earlier_shown, lists, earlier_first)
        else:
            merged.append((record, shown, lists, first))
    # Nothing a reader may see changed (hidden fields only, a save that changed nothing): not
    # even the entry's existence is shown.
    pairs = [
        (record, shown, lists)
        for record, shown, lists, first in reversed(merged)
        if first or shown or lists
    ][:limit]
    # Resolve foreign keys of every change in one query per related model.
    wanted: dict = {}
    for _record, delta, _lists in pairs:
        for change in delta:
            f = model._meta.get_field(change.field)
            if f.is_relation:
                wanted.setdefault(f.related_model, set()).update({change.old, change.new} - {None})
    for _record, _delta, lists in pairs:
        for name, old, new in lists:
            rel_model = model._meta.get_field(name).related_model
            wanted.setdefault(rel_model, set()).update(old | new if _short(old, new) else old ^ new)
    related = {}
    for rel_model, ids in wanted.items():
        for row in rel_model._default_manager.filter(pk__in=ids):
            related[(rel_model, row.pk)] = str(row)
    entries = []
    for record, delta, lists in pairs:
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
                ]
                + [_m2m_change(model, name, old, new, related) for name, old, new in lists],
            )
        )
    return entries
