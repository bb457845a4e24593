"""The union's structure: the organisation tree, its terms, bodies and the positions in them.

Scoping delegates to unionhub.access, so it lives in one place.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from unionhub import access
from unionhub.access import Perm
from unionhub.tree import subtree_q


class OrganisationQuerySet(MP_NodeQuerySet):
    def in_scope(self, user, perm: Perm = Perm.VIEW_ORG):
        return self.filter(access.organisation_q(user, perm))

    def subtree_of(self, organisation):
        return self.filter(subtree_q(organisation.path))


class OrganisationManager(MP_NodeManager.from_queryset(OrganisationQuerySet)):
    """Treebeard's manager (tree order, its checks) with our named filters."""

    def get_queryset(self):
        return OrganisationQuerySet(self.model, using=self._db).order_by("path")


class ScopedByOrganisationQuerySet(QuerySet):
    """Rows that belong to one organisation through an `organisation` foreign key."""

    def in_scope(self, user, perm: Perm = Perm.VIEW_ORG):
        return self.filter(access.organisation_q(user, perm, field="organisation__path"))


class PositionQuerySet(QuerySet):
    def in_scope(self, user, perm: Perm = Perm.VIEW_ORG):
        return self.filter(access.organisation_q(user, perm, field="body__organisation__path"))

    def held_on(self, day: date):
        """Who held which position on `day`: one query, history included.

        `end` is the first day the seat is no longer held, as with lifecycle events: a member
        who retires on a day (member_end closes positions on that day) and a predecessor
        replaced by a by-election that day no longer count on it.
        """
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gt=day))


class Organisation(MP_Node):
    """A node of the union hierarchy: upper union, CĐCS, công đoàn bộ phận or tổ công đoàn.

    Materialized path (django-treebeard): a subtree is `path LIKE 'prefix%'` on an indexed column.
    """

    class Kind(models.TextChoices):
        UPPER = "upper", _("Công đoàn cấp trên")
        BRANCH = "branch", _("Công đoàn cơ sở")
        SUB_BRANCH = "sub_branch", _("Công đoàn bộ phận")
        GROUP = "group", _("Tổ công đoàn")

    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    code = models.CharField(_("mã"), max_length=32, unique=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    employer_unit = models.CharField(_("đơn vị sử dụng lao động"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild"])
    objects = OrganisationManager()

    # Which kinds may sit directly under which: the parent's kind -> allowed children.
    ALLOWED_CHILDREN = {
        None: {Kind.UPPER, Kind.BRANCH},
        Kind.UPPER: {Kind.UPPER, Kind.BRANCH},
        Kind.BRANCH: {Kind.SUB_BRANCH, Kind.GROUP},
        Kind.SUB_BRANCH: {Kind.GROUP},
        Kind.GROUP: set(),
    }

    class Meta:
        verbose_name = _("tổ chức công đoàn")
        verbose_name_plural = _("tổ chức công đoàn")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("members:organisation_detail", args=[self.pk])


class Term(models.Model):
    """A term (nhiệm kỳ) of an organisation, opened by its congress (Đại hội)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="terms", verbose_name=_("tổ chức")
    )
    congress_number = models.PositiveSmallIntegerField(_("Đại hội lần thứ"))
    congress_date = models.DateField(_("ngày Đại hội"), null=True, blank=True)
    start = models.DateField(_("bắt đầu"))
    end = models.DateField(_("kết thúc"))

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["organisation", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="term_end_after_start"
            ),
            models.UniqueConstraint(
                fields=["organisation", "congress_number"], name="term_unique_congress"
            ),
        ]

    def __str__(self) -> str:
        return _("Nhiệm kỳ %(start)s–%(end)s") % {"start": self.start.year, "end": self.end.year}

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class Body(models.Model):
    """An elected or appointed body of an organisation for a term: BCH, UBKT, Ban Nữ công..."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", _("Ban Chấp hành")
        STANDING = "standing", _("Ban Thường vụ")
        INSPECTION = "inspection", _("Ủy ban Kiểm tra")
        WOMEN = "women", _("Ban Nữ công")
        PEOPLES_INSPECTION = "peoples_inspection", _("Ban Thanh tra nhân dân")
        GROUP_LEADERSHIP = "group_leadership", _("Ban điều hành tổ công đoàn")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="bodies", verbose_name=_("tổ chức")
    )
    term = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("nhiệm kỳ"),
    )
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("các cơ quan")
        ordering = ["organisation", "kind", "-term__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "term", "kind"], name="body_unique_per_term"
            ),
        ]

    def __str__(self) -> str:
        label = self.name or self.get_kind_display()
        return f"{label} ({self.term})" if self.term_id else label

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("members:body_detail", args=[self.pk])


class Position(models.Model):
    """A member holding a position in a body over a period; ending it keeps the history."""

    class Title(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
        HEAD = "head", _("Chủ nhiệm")
        VICE_HEAD = "vice_head", _("Phó Chủ nhiệm")
        LEADER = "leader", _("Trưởng ban")
        DEPUTY_LEADER = "deputy_leader", _("Phó Trưởng ban")
        GROUP_LEADER = "group_leader", _("Tổ trưởng")
        GROUP_DEPUTY = "group_deputy", _("Tổ phó")
        MEMBER = "member", _("Ủy viên")

    # Display order inside a body: leaders first.
    RANK = {title: rank for rank, title in enumerate(Title)}
    # Titles one person holds at a time in a body (a body has several vice-chairs, one chair).
    SINGLE_SEATS = {Title.CHAIR, Title.HEAD, Title.LEADER, Title.GROUP_LEADER}

    class Method(models.TextChoices):
        ELECTED = "elected", _("Bầu tại Đại hội")
        BY_ELECTION = "by_election", _("Bầu bổ sung")
        APPOINTED = "appointed", _("Chỉ định / bổ nhiệm")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="positions", verbose_name=_("cơ quan")
    )
    member = models.ForeignKey(
        "members.Member",  # by label: the registry's models build on these
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("đoàn viên"),
    )
    title = models.CharField(_("chức vụ"), max_length=16, choices=Title.choices)
    start = models.DateField(_("từ ngày"))
    # The first day the seat is no longer held (as with lifecycle events), so a successor
    # elected that day does not overlap.
    end = models.DateField(
        _("thôi giữ từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên không còn giữ chức vụ; để trống nếu đang giữ."),
    )
    method = models.CharField(_("hình thức"), max_length=16, choices=Method.choices)
    decision_no = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["body", "start", "id"]
        indexes = [models.Index(fields=["body", "start", "end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="position_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_title_display()}: {self.member}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Ngày kết thúc không được trước ngày bắt đầu.")})
