"""Who may do what where: a user's roles at organisations (a role covers the subtree)."""

from django.conf import settings
from django.db import models
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


from .jobs.models import Job  # noqa: E402,F401  (the model lives with the jobs' code)
