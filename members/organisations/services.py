"""Every write a user can cause on the structure: organisations, terms, bodies, positions.

Views, management commands and the demo seeder call these, so each rule lives here once.
History (django-simple-history) records who changed what: `_history_user`.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from members.models import Body, Organisation, Position, Term
from unionhub.audit import save_audited


def _save(obj, *, actor, update_fields: list[str] | None = None) -> None:
    # treebeard owns an organisation's place in the tree.
    exclude = ["path", "depth", "numchild"] if isinstance(obj, Organisation) else None
    save_audited(obj, actor=actor, exclude=exclude, update_fields=update_fields)


def _assign(obj, data: dict) -> list[str]:
    changed = []
    for field, value in data.items():
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed.append(field)
    return changed


def _check_kind(parent: Organisation | None, kind: str) -> None:
    allowed = Organisation.ALLOWED_CHILDREN[parent.kind if parent else None]
    if kind not in allowed:
        raise ValidationError(
            {
                "kind": _("Không thể đặt loại tổ chức này dưới %(parent)s.")
                % {"parent": parent.get_kind_display() if parent else _("cấp cao nhất")}
            }
        )


@transaction.atomic
def organisation_create(*, parent: Organisation | None, actor, **fields) -> Organisation:
    """Add an organisation under `parent` (or as a root, for the top upper union)."""
    _check_kind(parent, fields.get("kind"))
    org = Organisation(**fields)
    org.full_clean(exclude=["path", "depth", "numchild"])
    org._history_user = actor
    if parent is None:
        return Organisation.objects.add_root(instance=org)
    parent = Organisation.objects.select_for_update().get(pk=parent.pk)
    return Organisation.objects.add_child(parent, instance=org)


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor, **fields) -> Organisation:
    parent = Organisation.objects.get_parent(organisation)
    if "kind" in fields and fields["kind"] != organisation.kind:
        _check_kind(parent, fields["kind"])
        if (
            Organisation.objects.get_children(organisation)
            .exclude(kind__in=Organisation.ALLOWED_CHILDREN[fields["kind"]])
            .exists()
        ):
            raise ValidationError({"kind": _("Các đơn vị trực thuộc không phù hợp với loại mới.")})
    changed = _assign(organisation, fields)
    if changed:
        _save(organisation, actor=actor, update_fields=changed)
    return organisation


# --- terms, bodies, positions ----------------------------------------------------------------


@transaction.atomic
def term_save(*, term: Term, actor) -> Term:
    """Create or update a term (nhiệm kỳ); the form has set its fields."""
    _save(term, actor=actor)
    return term


@transaction.atomic
def body_save(*, body: Body, actor) -> Body:
    if body.term_id and body.term.organisation_id != body.organisation_id:
        raise ValidationError({"term": _("Nhiệm kỳ không thuộc tổ chức này.")})
    _save(body, actor=actor)
    return body


@transaction.atomic
def position_save(*, position: Position, actor) -> Position:
    """Assign (or correct) a position; the holder must belong to the body's organisation tree."""
    body = position.body
    member = position.member
    if not member.organisation.path.startswith(body.organisation.path):
        raise ValidationError({"member": _("Đoàn viên không thuộc tổ chức của cơ quan này.")})
    if body.term_id and position.start and not (body.term.start <= position.start <= body.term.end):
        raise ValidationError({"start": _("Ngày bắt đầu phải nằm trong nhiệm kỳ của cơ quan.")})
    if position.title in Position.SINGLE_SEATS:
        clash = (
            Position.objects.filter(body=body, title=position.title)
            .exclude(pk=position.pk)
            .filter(Q(end__isnull=True) | Q(end__gt=position.start))
        )
        if position.end:
            clash = clash.filter(start__lt=position.end)
        if clash.exists():
            raise ValidationError(
                {
                    "title": _(
                        "Cơ quan đã có người giữ chức vụ này trong thời gian đó; "
                        "hãy kết thúc chức vụ của người trước."
                    )
                }
            )
    _save(position, actor=actor)
    return position


@transaction.atomic
def position_end(*, position: Position, end: date, actor) -> Position:
    """Close a position (retirement, transfer, resignation); the record stays in history."""
    if end < position.start:
        raise ValidationError({"end": _("Ngày kết thúc không được trước ngày bắt đầu.")})
    position.end = end
    _save(position, actor=actor, update_fields=["end"])
    return position
