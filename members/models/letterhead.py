"""How an organisation heads and signs its documents: a table of the reports app.

The class lives with the organisations because the documents of every domain app read it
(through members.organisations.letterhead), and the domain apps must not import reports.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organisations import Organisation


class LetterheadSettings(models.Model):
    """How an organisation heads and signs its documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

    Every field may stay empty: `members.organisations.letterhead.letterhead_for` then derives
    it from the organisation (its parent's name, its own name, its address, its chair).
    """

    class Heading(models.TextChoices):
        NATIONAL = "national", _("Quốc hiệu và Tiêu ngữ (Cộng hòa xã hội chủ nghĩa Việt Nam)")
        UNION = "union", _("Tên Công đoàn Việt Nam (văn bản của tổ chức Công đoàn)")
        CUSTOM = "custom", _("Dòng tự nhập")

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="letterhead",
        verbose_name=_("tổ chức"),
    )
    upper_body = models.CharField(
        _("tên cơ quan cấp trên"),
        max_length=255,
        blank=True,
        help_text=_("Dòng đầu bên trái, chữ in hoa. Để trống: tên tổ chức cấp trên."),
    )
    issuer = models.CharField(
        _("tên cơ quan ban hành"),
        max_length=255,
        blank=True,
        help_text=_("Dòng thứ hai bên trái, in hoa đậm. Để trống: tên tổ chức."),
    )
    code = models.CharField(
        _("chữ viết tắt tên cơ quan"),
        max_length=32,
        blank=True,
        help_text=_("Dùng trong số, ký hiệu văn bản, ví dụ “CĐCS” trong “Số: 12/BC-CĐCS”."),
    )
    place = models.CharField(
        _("địa danh"),
        max_length=64,
        blank=True,
        help_text=_("Ví dụ “Hà Nội” trong “Hà Nội, ngày 15 tháng 5 năm 2017”."),
    )
    heading = models.CharField(
        _("dòng tiêu đề bên phải"),
        max_length=16,
        choices=Heading.choices,
        default=Heading.NATIONAL,
    )
    heading_custom = models.CharField(_("dòng tiêu đề tự nhập"), max_length=255, blank=True)
    heading_custom_sub = models.CharField(
        _("dòng dưới tiêu đề tự nhập"), max_length=255, blank=True
    )
    recipients = models.TextField(
        _("nơi nhận"),
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận, dòng cuối là “Lưu: ...”. Để trống: mặc định."),
    )
    signer_on_behalf = models.CharField(
        _("thẩm quyền ký"), max_length=64, blank=True, help_text=_("Mặc định “TM. BAN CHẤP HÀNH”.")
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=64, blank=True, help_text=_("Mặc định “CHỦ TỊCH”.")
    )
    signer_name = models.CharField(
        _("họ tên người ký"),
        max_length=128,
        blank=True,
        help_text=_("Để trống: Chủ tịch Ban Chấp hành tại ngày lập văn bản."),
    )

    history = HistoricalRecords()

    class Meta:
        # Defined here because every domain app's documents read it (members must not import
        # reports); registered with the reports app, which keeps its table and its migrations
        # unchanged.
        app_label = "reports"
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")

    def __str__(self) -> str:
        return str(self.organisation)
