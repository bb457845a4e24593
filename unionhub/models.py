"""Who may do what where (roles at organisations, a role covers the subtree), password-reset
requests counted for throttling, and jobs: long work a user started (unionhub.jobs)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    OFFICER = "officer", _("Ban Chấp hành")
    ACCOUNTANT = "accountant", _("Kế toán")
    INSPECTOR = "inspector", _("Ủy ban Kiểm tra")
    GROUP_LEADER = "group_leader", _("Tổ trưởng")
    MEMBER = "member", _("Đoàn viên")
    UPPER_VIEWER = "upper_viewer", _("Công đoàn cấp trên (xem)")


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("tài khoản"),
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("tổ chức"),
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="role_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class PasswordResetRequest(models.Model):
    """A request for a password-reset mail, kept an hour to throttle them per client address
    and per account (unionhub.password_reset). In the database, so that every gunicorn worker
    counts the same requests."""

    requested_at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    address = models.CharField(_("địa chỉ mạng"), max_length=45)
    email = models.CharField(_("email"), max_length=254)  # as typed, lower-cased

    class Meta:
        verbose_name = _("yêu cầu đặt lại mật khẩu")
        verbose_name_plural = _("yêu cầu đặt lại mật khẩu")
        indexes = [
            models.Index(fields=["address", "requested_at"], name="reset_request_address"),
            models.Index(fields=["email", "requested_at"], name="reset_request_email"),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.address}"


def _job_file_path(job: "Job", filename: str) -> str:
    return f"jobs/{job.pk or 'new'}/{filename}"


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Không thành công")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("người chạy"),
    )
    # What runs it: a name unionhub.jobs.register()ed by an app ("members.import.check").
    kind = models.CharField(_("loại"), max_length=60)
    title = models.CharField(_("công việc"), max_length=300)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State, default=State.QUEUED)
    step = models.CharField(_("bước"), max_length=200, blank=True)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    # What the work needs (pks, options, the page to go back to): JSON, never objects.
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    # The file the work reads (an uploaded workbook) and the file it produced (an export).
    upload = models.FileField(_("tệp tải lên"), upload_to=_job_file_path, blank=True)
    result_file = models.FileField(_("tệp kết quả"), upload_to=_job_file_path, blank=True)
    result_name = models.CharField(_("tên tệp kết quả"), max_length=200, blank=True)
    # What it found or did: counts and flags for the pages, and an HTML report (the preview).
    summary = models.JSONField(_("kết quả"), default=dict, blank=True)
    report = models.TextField(_("báo cáo"), blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    # The job this one continues (an import's confirmation continues its check), at most once.
    parent = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_up",
        verbose_name=_("tiếp theo công việc"),
    )
    created_at = models.DateTimeField(_("bắt đầu lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="job_user_created")]
        verbose_name = _("công việc")
        verbose_name_plural = _("công việc")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def succeeded(self) -> bool:
        return self.state == self.State.DONE
