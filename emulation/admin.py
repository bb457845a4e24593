"""The catalogue of titles is the installation's list an administrator edits here; decisions
are entered on the emulation pages, through the services, and only shown here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from finance.admin import ReadOnlyAdmin

from .models import AwardDecision, AwardTitle


@admin.register(AwardTitle)
class AwardTitleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "authority", "subject", "level", "order", "active"]
    list_filter = ["authority", "subject", "active"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.decisions.exists()


@admin.register(AwardDecision)
class AwardDecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "signed_on", "issuer", "title", "year", "organisation"]
    list_filter = ["year"]
    search_fields = ["number", "issuer"]
