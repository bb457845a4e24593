"""Hoạt động, sự kiện: what an organisation held in a year (hội thao, holidays, study sessions,
training, trips...), who took part, what it cost and what was won; with its documents."""

from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member, Organisation
from members.models.organisations import ScopedByOrganisationQuerySet


class Activity(models.Model):
    """An activity or event organised by `organisation` (which keeps it). Participants are
    listed by name, or only counted when no list exists; the cost is the payment vouchers that
    paid it plus what other sources (the employer) paid."""

    class Kind(models.TextChoices):
        SPORTS = "sports", _("Hội thao, thể dục thể thao")
        CULTURE = "culture", _("Văn nghệ")
        WOMEN_0803 = "women_0803", _("Quốc tế Phụ nữ 8/3")
        WOMEN_2010 = "women_2010", _("Phụ nữ Việt Nam 20/10")
        CHILDREN_0106 = "children_0106", _("Quốc tế Thiếu nhi 1/6")
        MID_AUTUMN = "mid_autumn", _("Tết Trung thu")
        TET = "tet", _("Tết Nguyên đán")
        MARTYRS_2707 = "martyrs_2707", _("Thương binh - Liệt sĩ 27/7")
        ELDERLY_0110 = "elderly_0110", _("Người cao tuổi 1/10")
        STUDY = "study", _("Học tập, quán triệt nghị quyết")
        TRAINING = "training", _("Tập huấn")
        TRIP = "trip", _("Tham quan, du lịch")
        HEALTH_CHECK = "health_check", _("Khám sức khỏe")
        VISIT = "visit", _("Thăm hỏi")
        OTHER = "other", _("Hoạt động khác")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("đơn vị tổ chức"),
    )
    kind = models.CharField(_("loại hoạt động"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên hoạt động"), max_length=255)
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    partners = models.CharField(
        _("phối hợp với"),
        max_length=255,
        blank=True,
        help_text=_("Chuyên môn, Đoàn Thanh niên, công đoàn cấp trên..."),
    )
    participants = models.ManyToManyField(
        Member, related_name="activities", blank=True, verbose_name=_("người tham gia")
    )
    participant_count = models.PositiveIntegerField(
        _("số người tham gia"),
        null=True,
        blank=True,
        help_text=_("Khi chỉ biết số lượng, không có danh sách."),
    )
    invited_count = models.PositiveIntegerField(
        _("số người được triệu tập"),
        null=True,
        blank=True,
        help_text=_("Để tính tỷ lệ tham dự (học tập nghị quyết, tập huấn)."),
    )
    vouchers = models.ManyToManyField(
        "finance.Voucher",
        related_name="activities",
        blank=True,
        verbose_name=_("phiếu chi kinh phí"),
    )
    # Đồng paid from outside the union's books (the employer, sponsors); 0 when none.
    other_cost = models.BigIntegerField(_("kinh phí từ nguồn khác (đồng)"), default=0)
    results = models.TextField(
        _("kết quả, giải thưởng"),
        blank=True,
        help_text=_("Mỗi dòng một kết quả, ví dụ: Giải ba bóng chuyền hơi nữ."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    # Name and place without accents, lower case: what the list's search matches.
    search_text = models.CharField(max_length=600, editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(m2m_fields=[participants, vouchers])
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động, sự kiện")
        ordering = ["organisation", "-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(other_cost__gte=0), name="activity_other_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "starts_on"], name="activity_org_date_idx")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc trước ngày bắt đầu.")})

    @property
    def result_lines(self) -> list[str]:
        return [line.strip() for line in self.results.splitlines() if line.strip()]


def _activity_file_path(attachment: "ActivityAttachment", filename: str) -> str:
    """A random name under the organisation and year: nothing of the uploaded name reaches
    the disk."""
    activity = attachment.activity
    suffix = PurePath(filename).suffix.lower()
    return f"activities/{activity.organisation_id}/{activity.starts_on.year}/{uuid4().hex}{suffix}"


class ActivityAttachment(models.Model):
    """A photo or a document of an activity, served only through a permission-checked view."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("hoạt động")
    )
    file = models.FileField(_("tệp"), upload_to=_activity_file_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=128)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp đính kèm của hoạt động")
        verbose_name_plural = _("tệp đính kèm của hoạt động")
        ordering = ["activity", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
