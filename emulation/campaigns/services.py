"""Phong trào thi đua: who sees which campaign, and the writes of campaigns. Rules that live
here once:
- an organisation sees the common campaigns (no organisation), those launched above it or by
  itself, and those kept in its subtree (an upper union reads its branches');
- a campaign with registrations is not deleted, nor changed so that they no longer fit it;
  every save is in the history (django-simple-history).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils.translation import gettext as _

from emulation.models import Campaign, Registration
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm
from unionhub.audit import save_audited, stored_user
from unionhub.tree import subtree_q

BRANCH_KINDS = (Organisation.Kind.BRANCH, Organisation.Kind.SUB_BRANCH)


# --- who sees which campaign -----------------------------------------------------------------


def _lineage(path: str) -> list[str]:
    """The paths of an organisation and of every organisation above it."""
    step = Organisation.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def campaigns_visible_at(org: Organisation) -> QuerySet[Campaign]:
    """The campaigns an organisation sees: the common ones, those launched by it or above it,
    and those kept by the units below it."""
    return Campaign.objects.filter(
        Q(organisation__isnull=True)
        | Q(organisation__path__in=_lineage(org.path))
        | subtree_q(org.path, "organisation__path")
    )


def campaigns_readable(user) -> QuerySet[Campaign]:
    """The campaigns a user reads anywhere (the union of what their organisations see)."""
    if access.is_admin(user):
        return Campaign.objects.all()
    above = {p for path in access.paths(user, Perm.VIEW_EMULATION) for p in _lineage(path)}
    return Campaign.objects.filter(
        Q(organisation__isnull=True)
        | Q(organisation__path__in=above)
        | access.organisation_q(user, Perm.VIEW_EMULATION, "organisation__path")
    )


def can_edit_campaign(user, campaign: Campaign) -> bool:
    """The common campaigns are the system administrators'; the others their keeper's."""
    if campaign.organisation_id is None:
        return access.is_admin(user)
    return access.can(user, Perm.MANAGE_EMULATION, campaign.organisation)


# --- campaign writes -------------------------------------------------------------------------


def _participant_errors(campaign: Campaign) -> list[str]:
    """What an edit may not take away from the registrations already made."""
    if campaign.pk is None:
        return []
    done = Registration.objects.filter(campaign=campaign).aggregate(
        first=Min("year"),
        last=Max("year"),
        members=Count("pk", filter=Q(member__isnull=False)),
        groups=Count("pk", filter=Q(collective__kind=Organisation.Kind.GROUP)),
        branches=Count("pk", filter=Q(collective__kind__in=BRANCH_KINDS)),
    )
    errors = []
    for flag, key, label in (
        ("for_members", "members", _("đoàn viên")),
        ("for_groups", "groups", _("tổ công đoàn")),
        ("for_branches", "branches", _("CĐCS, công đoàn bộ phận")),
    ):
        if done[key] and not getattr(campaign, flag):
            errors.append(
                _("Đã có %(n)s %(who)s đăng ký: không bỏ được đối tượng này.")
                % {"n": done[key], "who": label}
            )
    if campaign.starts_on and done["first"] and done["first"] < campaign.starts_on.year:
        errors.append(
            _("Đã có đăng ký năm %(year)s, trước ngày bắt đầu.") % {"year": done["first"]}
        )
    if campaign.ends_on and done["last"] and done["last"] > campaign.ends_on.year:
        errors.append(_("Đã có đăng ký năm %(year)s, sau ngày kết thúc.") % {"year": done["last"]})
    return errors


@transaction.atomic
def campaign_save(*, campaign: Campaign, actor) -> Campaign:
    """Create or change a campaign; an edit keeps what its registrations rely on (who takes
    part, the years they registered for)."""
    if errors := _participant_errors(campaign):
        raise ValidationError(errors)
    save_audited(campaign, actor=actor)
    return campaign


@transaction.atomic
def campaign_delete(*, campaign: Campaign, actor) -> None:
    """Delete a campaign nobody registered for; a common one (with a code) stays: it can be
    stopped (not active) instead."""
    if campaign.code:
        raise ValidationError(
            _("Phong trào chung của hệ thống không xóa được; có thể chuyển sang ngừng phát động.")
        )
    if n := Registration.objects.filter(campaign=campaign).count():
        raise ValidationError(
            _(
                "Phong trào đã có %(n)s lượt đăng ký thi đua: không xóa được. "
                "Có thể chuyển sang ngừng phát động."
            )
            % {"n": n}
        )
    campaign._history_user = stored_user(actor)
    campaign.delete()
