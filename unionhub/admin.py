from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .models import RoleAssignment

admin.site.site_header = "UnionHub – Quản trị"
admin.site.site_title = "UnionHub"


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    raw_id_fields = ["organisation"]


admin.site.unregister(User)


@admin.register(User)
class UnionUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]
