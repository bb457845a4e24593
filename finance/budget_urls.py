"""Dự toán and quyết toán of a branch's books (included by finance.urls)."""

from django.urls import path

from . import budget_views

urlpatterns = [
    path("du-toan/", budget_views.budget, name="budget"),
    path("quyet-toan/", budget_views.settlement, name="settlement"),
    path("quyet-toan/quyet-toan.pdf", budget_views.settlement_pdf, name="settlement_pdf"),
    path("quyet-toan/quyet-toan.docx", budget_views.settlement_docx, name="settlement_docx"),
    path("quyet-toan/quyet-toan.xlsx", budget_views.settlement_excel, name="settlement_xlsx"),
]
