"""Who may do what where: a user's roles at organisations (a role covers the subtree)."""

from django.conf import settings
from django.db import models
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


from .jobs.models import Job  # noqa: E402,F401  (the model lives with the jobs' code)
