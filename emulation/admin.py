"""The catalogue of titles is the installation's list an administrator edits here; decisions
are entered on the emulation pages, through the services, and only shown here."""

from django.contrib import admin

from finance.admin import ReadOnlyAdmin
from unionhub.admin import HistoryAdmin

from .models import AwardDecision, AwardTitle


@admin.register(AwardTitle)
class AwardTitleAdmin(HistoryAdmin):
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
