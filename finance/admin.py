"""The admin shows the books but never writes them: every change of money goes through
finance.ledger.services (closed periods, numbering, reversals, history). Categories are the one
installation-wide list an administrator edits here."""

from django.contrib import admin

from unionhub.admin import HistoryAdmin

from .models import (
    Account,
    BudgetLine,
    Category,
    ClosedPeriod,
    Drive,
    DuesRule,
    Loan,
    SalaryBasis,
    Voucher,
)


class ReadOnlyAdmin(HistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Category)
class CategoryAdmin(HistoryAdmin):
    list_display = ["code", "name", "flow", "parent", "order", "active"]
    list_filter = ["flow", "active"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.vouchers.exists()


@admin.register(Voucher)
class VoucherAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "organisation", "date", "amount", "state"]
    list_filter = ["state", "kind"]
    search_fields = ["description", "counterparty"]


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "kind", "opening_balance", "opening_date"]


@admin.register(ClosedPeriod)
class ClosedPeriodAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "organisation", "closed_at", "closed_by"]


@admin.register(DuesRule)
class DuesRuleAdmin(HistoryAdmin):
    """Dues parameters with their dates: the installation's (no organisation) and branches'."""

    list_display = ["effective_from", "organisation", "rate", "cap_percent", "base_salary"]
    list_filter = ["organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(SalaryBasis)
class SalaryBasisAdmin(HistoryAdmin):
    list_display = ["member", "effective_from", "amount"]
    search_fields = ["member__full_name"]
    autocomplete_fields = ["member"]


# Budgets, drives and loans are kept on the finance pages, through their services.
@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "year", "category", "amount"]
    list_filter = ["year"]


@admin.register(Drive)
class DriveAdmin(ReadOnlyAdmin):
    list_display = ["name", "year", "organisation"]
    list_filter = ["year"]
    search_fields = ["name"]


@admin.register(Loan)
class LoanAdmin(ReadOnlyAdmin):
    list_display = ["member", "organisation", "lender", "amount", "borrowed_on", "repaid_on"]
    search_fields = ["member__full_name", "lender"]
