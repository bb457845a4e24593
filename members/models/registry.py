"""The member registry: members, their lifecycle events, and the lists their profiles use."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from unionhub import access
from unionhub.access import Perm, is_admin
from unionhub.tree import subtree_q

from .organisations import Organisation

# Profile rules shared by the forms and the Excel import.
EARLIEST_BIRTH = date(1900, 1, 1)
MINIMUM_AGE = 15  # Bộ luật Lao động: a worker is at least 15 years old
# Shown only to users with Perm.VIEW_PERSONAL (profile, form, audit trail, Excel columns).
PERSONAL_FIELDS = ("national_id", "salary_basis")


def age_on(born: date, day: date) -> int:
    """Whole years: the birthday itself counts, the day before it does not."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def birth_date_problem(born: date, today: date) -> str | None:
    """Why a birth date is implausible for a worker, or None: one rule for forms and imports."""
    if not (EARLIEST_BIRTH <= born <= today):
        return _("Ngày sinh không hợp lý (phải từ 01/01/1900 đến hôm nay).")
    if age_on(born, today) < MINIMUM_AGE:
        return _("Người lao động phải từ đủ %(age)s tuổi.") % {"age": MINIMUM_AGE}
    return None


class LevelChoice(models.Model):
    """An editable entry of a profile list: professional, political, language, IT, ethnicity."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("Trình độ chuyên môn")
        POLITICAL = "political", _("Trình độ lý luận chính trị")
        LANGUAGE = "language", _("Ngoại ngữ")
        IT = "it", _("Tin học")
        ETHNICITY = "ethnicity", _("Dân tộc")

    kind = models.CharField(_("danh mục"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=100)
    aliases = models.CharField(
        _("cách viết khác"),
        max_length=255,
        blank=True,
        help_text=_("Các cách viết khác khi nhập từ Excel, cách nhau bởi dấu ;"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục danh mục")
        verbose_name_plural = _("danh mục trình độ")
        ordering = ["kind", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="levelchoice_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


def member_q(user, perm: Perm = Perm.VIEW_MEMBERS) -> Q:
    """Filter for members the user may read (or act on, for other perms)."""
    if is_admin(user):
        return Q()
    # "organisation IN (subtree ids)" lets the database use the member table's own indexes,
    # where a join on the path would make it walk organisations first.
    q = Q(pk__in=[])
    for path in access.paths(user, perm):
        subtree = Organisation.objects.subtree_of(Organisation(path=path))
        q |= Q(organisation__in=subtree.values("pk"))
    if perm == Perm.VIEW_MEMBERS and user.is_authenticated:
        # By primary key, not "user = ...": the list's covering index holds the id, so
        # the database never has to read table rows just to test this branch.
        q |= Q(pk__in=Member.objects.filter(user=user).values("pk"))
    return q


class MemberQuerySet(QuerySet):
    def in_scope(self, user, perm: Perm = Perm.VIEW_MEMBERS):
        return self.filter(member_q(user, perm))

    def active(self):
        return self.filter(status=self.model.Status.ACTIVE)

    def in_subtree(self, organisation):
        subtree = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
        return self.filter(organisation__in=subtree)

    def members_on(self, day: date, organisation=None):
        """Members on `day` (of `organisation`'s subtree, where they were then), reconstructed
        from lifecycle events, not from today's status."""
        return self.filter(membership_on_q(day, organisation))


def membership_on_q(day: date, organisation=None) -> Q:
    """Members on `day`: the filter behind Member.objects.members_on.

    A member with no event after `day` stood then where they stand now (status and group
    mirror the latest event), so only members who changed since are looked up in the event
    history: for a recent day that is a small set, and the rest is an index lookup.
    """
    changed = MemberEvent.objects.filter(date__gt=day).values("member")
    unchanged = Q(status=Member.Status.ACTIVE) & ~Q(pk__in=changed)
    standing = MemberEvent.objects.standing_on(day).filter(member__in=changed)
    if organisation is not None:
        subtree = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
        unchanged &= Q(organisation__in=subtree)
        standing = standing.in_subtree(organisation)
    return unchanged | Q(pk__in=standing.values("member"))


class MemberEventQuerySet(QuerySet):
    def standing_on(self, day: date):
        """Each member's latest event on or before `day` (ties broken by id), where it leaves
        them active: its `organisation` is where the member belonged that day."""
        later = self.model.objects.filter(member=OuterRef("member"), date__lte=day).filter(
            Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), id__gt=OuterRef("id"))
        )
        return self.filter(date__lte=day, status_after=Member.Status.ACTIVE).filter(~Exists(later))

    def in_subtree(self, organisation):
        """Events that put a member somewhere in `organisation`'s subtree."""
        subtree = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
        return self.filter(organisation__in=subtree)


class Member(models.Model):
    """A union member (đoàn viên). Status mirrors the latest lifecycle event."""

    class Gender(models.TextChoices):
        MALE = "M", _("Nam")
        FEMALE = "F", _("Nữ")

    class Employment(models.TextChoices):
        PERMANENT = "permanent", _("Biên chế")
        CONTRACT = "contract", _("Hợp đồng")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang sinh hoạt")
        TRANSFERRED_OUT = "transferred_out", _("Đã chuyển đi")
        RETIRED = "retired", _("Nghỉ hưu")
        LEFT = "left", _("Ra khỏi tổ chức")
        DECEASED = "deceased", _("Từ trần")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("tổ công đoàn / đơn vị"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    # Accent-free forms for search and Vietnamese sorting (given name first); set by services.
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    sort_name = models.CharField(max_length=200, editable=False)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnicity = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.ETHNICITY},
        verbose_name=_("dân tộc"),
    )
    party_member = models.BooleanField(_("đảng viên"), default=False)
    employment = models.CharField(
        _("loại hình"), max_length=16, choices=Employment.choices, blank=True
    )
    professional_level = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.PROFESSIONAL},
        verbose_name=_("trình độ chuyên môn"),
    )
    political_level = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.POLITICAL},
        verbose_name=_("lý luận chính trị"),
    )
    language_level = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.LANGUAGE},
        verbose_name=_("ngoại ngữ"),
    )
    it_level = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.IT},
        verbose_name=_("tin học"),
    )
    card_number = models.CharField(
        _("số thẻ đoàn viên"), max_length=32, null=True, blank=True, unique=True
    )
    national_id = models.CharField(_("số CCCD"), max_length=20, blank=True)
    # Whole đồng (the đồng has no minor unit): the salary basis dues are computed from.
    salary_basis = models.BigIntegerField(
        _("lương làm căn cứ đóng đoàn phí"), null=True, blank=True
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    joined_on = models.DateField(_("ngày vào công đoàn"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        verbose_name=_("tài khoản"),
    )

    history = HistoricalRecords()
    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")
        ordering = ["sort_name", "id"]
        indexes = [
            # Covering indexes: counts per organisation and the list page (sorted, filtered by
            # organisation and searched) are answered from the index without reading rows.
            models.Index(
                fields=[
                    "organisation",
                    "status",
                    "gender",
                    "party_member",
                    "search_name",
                    "card_number",
                ],
                name="member_org_counts_idx",
            ),
            models.Index(
                fields=["status", "sort_name", "id", "organisation", "search_name", "card_number"],
                name="member_list_idx",
            ),
            models.Index(fields=["full_name", "date_of_birth"], name="member_dup_idx"),
            # Statistics at a date (members.registry.statistics) count every profile figure from it.
            models.Index(
                fields=[
                    "organisation",
                    "status",
                    "gender",
                    "party_member",
                    "employment",
                    "date_of_birth",
                    "political_level",
                    "professional_level",
                    "language_level",
                    "it_level",
                ],
                name="member_stats_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_basis__isnull=True) | Q(salary_basis__gte=0),
                name="member_salary_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("members:member_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class MemberEvent(models.Model):
    """A dated step in a member's life in the union, with the decision that made it.

    The latest event on or before a date answers "was this person a member, and where?".
    """

    class Kind(models.TextChoices):
        ADMITTED = "admitted", _("Kết nạp")
        TRANSFERRED = "transferred", _("Chuyển sinh hoạt")
        TRANSFERRED_OUT = "transferred_out", _("Chuyển đi đơn vị khác")
        RETIRED = "retired", _("Nghỉ hưu")
        LEFT = "left", _("Ra khỏi tổ chức")
        DECEASED = "deceased", _("Từ trần")
        REINSTATED = "reinstated", _("Sinh hoạt trở lại")

    # The events that end a membership, most frequent first (forms, statistics, services).
    ENDINGS = (Kind.RETIRED, Kind.TRANSFERRED_OUT, Kind.LEFT, Kind.DECEASED)

    # The member's status once the event has happened.
    STATUS_AFTER = {
        Kind.ADMITTED: Member.Status.ACTIVE,
        Kind.TRANSFERRED: Member.Status.ACTIVE,
        Kind.TRANSFERRED_OUT: Member.Status.TRANSFERRED_OUT,
        Kind.RETIRED: Member.Status.RETIRED,
        Kind.LEFT: Member.Status.LEFT,
        Kind.DECEASED: Member.Status.DECEASED,
        Kind.REINSTATED: Member.Status.ACTIVE,
    }

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="events", verbose_name=_("đoàn viên")
    )
    kind = models.CharField(_("sự kiện"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("ngày"))
    # Where the member belongs after the event (the destination of a transfer).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("từ đơn vị"),
    )
    status_after = models.CharField(max_length=16, choices=Member.Status.choices)
    decision_no = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    destination = models.CharField(_("nơi chuyển đến"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    objects = MemberEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("quá trình sinh hoạt")
        verbose_name_plural = _("quá trình sinh hoạt")
        ordering = ["member", "date", "id"]
        indexes = [
            models.Index(fields=["member", "date", "id"]),
            models.Index(fields=["date", "id", "organisation"], name="memberevent_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
