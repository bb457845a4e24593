from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import LevelChoice, Member, Organisation


@admin.register(Organisation)
class OrganisationAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Organisation)
    list_display = ["name", "kind", "code"]
    search_fields = ["name", "code"]


@admin.register(LevelChoice)
class LevelChoiceAdmin(admin.ModelAdmin):
    """The editable lists of levels and ethnicities the member profile offers."""

    list_display = ["name", "kind", "order", "aliases"]
    list_filter = ["kind"]
    list_editable = ["order", "aliases"]
    search_fields = ["name", "aliases"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "organisation", "status", "card_number"]
    list_filter = ["status", "gender"]
    search_fields = ["search_name", "card_number"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation", "user"]
