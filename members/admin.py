"""The Django admin is for the installation's administrators (superusers) only.

Members and organisations are created, moved and ended through the application's pages,
which go through the services of members.organisations and members.registry (tree rules,
events, search keys); here they can only be corrected, not added, moved or deleted.
"""

from django.contrib import admin

from unionhub.admin import HistoryAdmin

from .models import LevelChoice, Member, Organisation


class CorrectOnlyAdmin(HistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(CorrectOnlyAdmin):
    list_display = ["name", "kind", "code"]
    search_fields = ["name", "code"]
    fields = ["name", "short_name", "code", "address", "employer_unit", "kind"]
    readonly_fields = ["kind"]


@admin.register(LevelChoice)
class LevelChoiceAdmin(admin.ModelAdmin):
    """The editable lists of levels and ethnicities the member profile offers."""

    list_display = ["name", "kind", "order", "aliases"]
    list_filter = ["kind"]
    list_editable = ["order", "aliases"]
    search_fields = ["name", "aliases"]


@admin.register(Member)
class MemberAdmin(CorrectOnlyAdmin):
    list_display = ["full_name", "organisation", "status", "card_number"]
    list_filter = ["status", "gender"]
    search_fields = ["search_name", "card_number"]
    list_select_related = ["organisation"]
    raw_id_fields = ["user"]
    # Status and group change through lifecycle events; the name through the profile form,
    # which also refreshes the search keys.
    readonly_fields = ["full_name", "organisation", "status"]
    exclude = ["search_name", "sort_name"]
