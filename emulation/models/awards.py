"""Thi đua, khen thưởng: the catalogue of titles and award decisions with their recipients.

An award belongs to a year and to one recipient, a member (cá nhân) or an organisation (tập
thể: a group, a branch); it comes from a numbered, dated decision of an issuer. The year tables
of the reports count these rows, so every award is entered once, here.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member, Organisation
from members.models.organisations import ScopedByOrganisationQuerySet

# The seeded title whose women holders the rating summary counts ("Giỏi việc nước, đảm việc
# nhà"), with the achievers of the campaign of the same code.
WOMEN_TITLE = "gioi-viec-nuoc"


class AwardTitle(models.Model):
    """A title or form of award (Lao động tiên tiến, Bằng khen của Tổng Liên đoàn, Cờ thi đua)."""

    class Authority(models.TextChoices):
        STATE = "state", _("Khen thưởng của Chính quyền")
        UNION = "union", _("Khen thưởng của Công đoàn")

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", _("Cá nhân")
        COLLECTIVE = "collective", _("Tập thể")

    name = models.CharField(_("danh hiệu, hình thức khen thưởng"), max_length=200)
    authority = models.CharField(_("khen thưởng của"), max_length=8, choices=Authority.choices)
    subject = models.CharField(_("đối tượng"), max_length=12, choices=Subject.choices)
    level = models.CharField(
        _("cấp"), max_length=64, blank=True, help_text=_("Cơ sở, tỉnh, bộ, Tổng Liên đoàn...")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)
    # Set on the seeded titles that reports recognise whatever they are renamed to.
    code = models.SlugField(max_length=32, unique=True, null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh mục khen thưởng")
        ordering = ["authority", "subject", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "authority", "subject"], name="award_title_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AwardDecision(models.Model):
    """Quyết định khen thưởng: its number, date and issuer, the title it gives and the year it
    is for, kept in the records of `organisation` (its recipients are in that subtree)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="award_decisions",
        verbose_name=_("đơn vị lưu"),
    )
    number = models.CharField(_("số quyết định"), max_length=64)
    signed_on = models.DateField(_("ngày ký"))
    issuer = models.CharField(
        _("cơ quan ra quyết định"),
        max_length=255,
        help_text=_("UBND tỉnh, Giám đốc Sở, Công đoàn Viên chức tỉnh, Tổng Liên đoàn..."),
    )
    year = models.PositiveSmallIntegerField(_("năm khen thưởng"))
    title = models.ForeignKey(
        AwardTitle, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("danh hiệu")
    )
    note = models.CharField(_("trích yếu, ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["organisation", "-signed_on", "-id"]
        indexes = [
            models.Index(
                fields=["organisation", "-signed_on", "-id"], name="award_decision_list_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class Award(models.Model):
    """One recipient of a decision: a member, or an organisation for a collective title.
    Optional prize money (whole đồng) is paid by a draft payment voucher created with it."""

    decision = models.ForeignKey(
        AwardDecision,
        on_delete=models.CASCADE,
        related_name="awards",
        verbose_name=_("quyết định"),
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("cá nhân"),
    )
    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("tập thể"),
    )
    # Copied from the decision, so that the year tables group and count one table.
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    title = models.ForeignKey(
        AwardTitle, on_delete=models.PROTECT, related_name="awards", editable=False
    )
    # Where the recipient stood when awarded (a collective: itself), for the subtree counts of
    # the year tables; a member's later transfer does not move their past awards.
    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # Đồng; 0 when the award carries no prize money.
    prize = models.BigIntegerField(_("tiền thưởng (đồng)"), default=0)
    voucher = models.ForeignKey(
        "finance.Voucher",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phiếu chi tiền thưởng"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cá nhân, tập thể được khen thưởng")
        verbose_name_plural = _("cá nhân, tập thể được khen thưởng")
        ordering = ["decision", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True, recipient__isnull=False)
                | Q(member__isnull=False, recipient__isnull=True),
                name="award_one_recipient",
            ),
            models.CheckConstraint(condition=Q(prize__gte=0), name="award_prize_not_negative"),
            models.UniqueConstraint(fields=["decision", "member"], name="award_member_once"),
            models.UniqueConstraint(fields=["decision", "recipient"], name="award_org_once"),
        ]
        indexes = [
            # The year tables: a subtree's awards per title and year.
            models.Index(fields=["unit", "year", "title"], name="award_table_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.member or self.recipient}"

    def clean(self) -> None:
        if (self.member_id is None) == (self.recipient_id is None):
            raise ValidationError(_("Chọn một cá nhân hoặc một tập thể."))
