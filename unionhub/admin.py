from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

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
