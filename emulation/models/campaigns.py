"""Phong trào thi đua: campaigns, the members' and groups' registrations for a campaign or a
title in a year with their year-end evaluation, and work-improvement initiatives (sáng kiến)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member, Organisation

from .awards import AwardTitle

# The seeded campaign whose achievers the rating summary counts among the women members.
WOMEN_CAMPAIGN = "gioi-viec-nuoc"


class Campaign(models.Model):
    """A campaign launched by an organisation (the branch or a level above it). The common
    campaigns of the whole union are seeded without an organisation and seen by everyone;
    an organisation's own campaigns are seen in its subtree and by the levels above it."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("đơn vị lưu"),
    )
    code = models.SlugField(max_length=32, unique=True, null=True, blank=True, editable=False)
    name = models.CharField(_("tên phong trào"), max_length=255)
    launcher = models.CharField(
        _("đơn vị phát động"),
        max_length=255,
        blank=True,
        help_text=_("Tổng Liên đoàn, Liên đoàn Lao động tỉnh, công đoàn cấp trên, CĐCS..."),
    )
    starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    for_members = models.BooleanField(_("đoàn viên tham gia"), default=True)
    for_groups = models.BooleanField(_("tổ công đoàn tham gia"), default=False)
    for_branches = models.BooleanField(_("CĐCS, công đoàn bộ phận tham gia"), default=False)
    description = models.TextField(_("nội dung, tiêu chí"), blank=True)
    active = models.BooleanField(_("đang phát động"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-active", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc trước ngày bắt đầu.")})
        if not (self.for_members or self.for_groups or self.for_branches):
            raise ValidationError(_("Chọn ít nhất một đối tượng tham gia."))


class Registration(models.Model):
    """Đăng ký thi đua: a member or a collective (a group, a branch) registers for a campaign
    or for a title in a year, with a commitment; the year-end evaluation says whether it was
    achieved."""

    class Result(models.TextChoices):
        ACHIEVED = "achieved", _("Đạt")
        NOT_ACHIEVED = "not_achieved", _("Không đạt")

    year = models.PositiveSmallIntegerField(_("năm"))
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("phong trào"),
    )
    title = models.ForeignKey(
        AwardTitle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("danh hiệu"),
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("đoàn viên"),
    )
    collective = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("tập thể"),
    )
    # Where the registrant stood (a collective: itself), for the subtree counts and the scope.
    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", editable=False
    )
    commitment = models.TextField(_("nội dung đăng ký, cam kết"), blank=True)
    result = models.CharField(
        _("kết quả đánh giá"), max_length=16, choices=Result.choices, blank=True
    )
    result_note = models.CharField(_("nhận xét"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["year", "unit", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(campaign__isnull=True, title__isnull=False)
                | Q(campaign__isnull=False, title__isnull=True),
                name="registration_one_target",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=True, collective__isnull=False)
                | Q(member__isnull=False, collective__isnull=True),
                name="registration_one_registrant",
            ),
            *(
                models.UniqueConstraint(
                    fields=["year", target, who],
                    condition=Q(**{f"{target}__isnull": False, f"{who}__isnull": False}),
                    name=f"registration_{target}_{who}_once",
                )
                for target in ("campaign", "title")
                for who in ("member", "collective")
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="registration_unit_year_idx")]

    def __str__(self) -> str:
        return f"{self.member or self.collective}: {self.campaign or self.title} {self.year}"

    @property
    def target(self):
        return self.campaign or self.title

    @property
    def registrant(self):
        return self.member or self.collective

    def clean(self) -> None:
        if (self.campaign_id is None) == (self.title_id is None):
            raise ValidationError(_("Chọn một phong trào hoặc một danh hiệu."))
        if (self.member_id is None) == (self.collective_id is None):
            raise ValidationError(_("Chọn một đoàn viên hoặc một tập thể."))


class Initiative(models.Model):
    """Sáng kiến: a work-improvement initiative of one or more authors, from its registration
    to its recognition at some level."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Đã đăng ký")
        ACCEPTED = "accepted", _("Được chấp nhận")
        RECOGNISED = "recognised", _("Được công nhận")
        REJECTED = "rejected", _("Không được công nhận")

    class Level(models.TextChoices):
        UNIT = "unit", _("Cấp cơ sở")
        SECTOR = "sector", _("Cấp ngành, cấp tỉnh")
        NATIONAL = "national", _("Cấp toàn quốc")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("đơn vị"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên sáng kiến"), max_length=500)
    field = models.CharField(
        _("lĩnh vực"), max_length=128, blank=True, help_text=_("Chuyên môn, quản lý, kỹ thuật...")
    )
    authors = models.ManyToManyField(
        Member, related_name="initiatives", blank=True, verbose_name=_("tác giả")
    )
    other_authors = models.CharField(
        _("đồng tác giả khác"),
        max_length=255,
        blank=True,
        help_text=_("Người không phải đoàn viên của đơn vị."),
    )
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    level = models.CharField(_("cấp công nhận"), max_length=16, choices=Level.choices, blank=True)
    decision = models.CharField(_("quyết định công nhận"), max_length=255, blank=True)
    benefit = models.TextField(_("hiệu quả, lợi ích"), blank=True)
    # Name and outside authors without accents, lower case: what the list's search matches.
    search_text = models.CharField(max_length=800, editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(m2m_fields=[authors])

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "name", "id"]
        indexes = [models.Index(fields=["organisation", "year"], name="initiative_org_year_idx")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.status == self.Status.RECOGNISED and not self.level:
            raise ValidationError({"level": _("Chọn cấp công nhận sáng kiến.")})
        if self.level and self.status != self.Status.RECOGNISED:
            raise ValidationError(
                {"level": _("Chỉ ghi cấp công nhận khi sáng kiến đã được công nhận.")}
            )
