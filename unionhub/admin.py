from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import RoleAssignment

admin.site.site_header = "UnionHub – Quản trị"
admin.site.site_title = "UnionHub"
# Only the installation's administrators: staff flags alone do not open it, since the admin
# is not scoped to branches.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    raw_id_fields = ["organisation"]


admin.site.unregister(User)


@admin.register(User)
class UnionUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]


class HistoryAdmin(SimpleHistoryAdmin):
    """An admin with the record's history to read, never to write back.

    django-simple-history's page for one past version saves a POST ("Revert") after checking
    only the view permission, and SIMPLE_HISTORY_REVERT_DISABLED merely hides the button: a
    read-only admin (posted vouchers, closed periods, accounts) could be rewritten through it,
    past every rule of the services. Every admin with history derives from this one.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
