"""Paths of the funds (included by finance.urls): dự toán and quyết toán, the charity drives
(quỹ xã hội, cuộc vận động), the loans the branch vouches for, welfare paid to members."""

from django.urls import path

from . import budget_views, drive_entry_views, drive_views, loan_views, welfare

urlpatterns = [
    path("tham-hoi/", welfare.welfare, name="welfare"),
    path("du-toan/", budget_views.budget, name="budget"),
    path("quyet-toan/", budget_views.settlement, name="settlement"),
    path("quyet-toan/quyet-toan.pdf", budget_views.settlement_pdf, name="settlement_pdf"),
    path("quyet-toan/quyet-toan.docx", budget_views.settlement_docx, name="settlement_docx"),
    path("quyet-toan/quyet-toan.xlsx", budget_views.settlement_excel, name="settlement_xlsx"),
    path("quy-xa-hoi/", drive_views.drive_list, name="drive_list"),
    path("quy-xa-hoi/them/", drive_views.drive_create, name="drive_create"),
    path("quy-xa-hoi/theo-nam/", drive_views.drive_table, name="drive_table"),
    path("quy-xa-hoi/theo-nam.pdf", drive_views.drive_table_pdf, name="drive_table_pdf"),
    path("quy-xa-hoi/theo-nam.xlsx", drive_views.drive_table_xlsx, name="drive_table_xlsx"),
    path("quy-xa-hoi/<int:pk>/", drive_views.drive_detail, name="drive_detail"),
    path("quy-xa-hoi/<int:pk>/sua/", drive_views.drive_edit, name="drive_edit"),
    path("quy-xa-hoi/<int:pk>/xoa/", drive_views.drive_delete, name="drive_delete"),
    path(
        "quy-xa-hoi/<int:pk>/ung-ho/",
        drive_entry_views.contribution_create,
        name="contribution_create",
    ),
    path(
        "quy-xa-hoi/<int:pk>/ung-ho/theo-to/",
        drive_entry_views.contribution_grid,
        name="contribution_grid",
    ),
    path(
        "quy-xa-hoi/<int:pk>/ung-ho/<int:entry>/xoa/",
        drive_entry_views.contribution_delete,
        name="contribution_delete",
    ),
    path("quy-xa-hoi/<int:pk>/chuyen-di/", drive_entry_views.forward_create, name="forward_create"),
    path(
        "quy-xa-hoi/<int:pk>/chuyen-di/<int:entry>/xoa/",
        drive_entry_views.forward_delete,
        name="forward_delete",
    ),
    path("vay-von/", loan_views.loan_list, name="loan_list"),
    path("vay-von/vay-von.xlsx", loan_views.loan_xlsx, name="loan_xlsx"),
    path("vay-von/them/", loan_views.loan_create, name="loan_create"),
    path("vay-von/<int:pk>/sua/", loan_views.loan_edit, name="loan_edit"),
    path("vay-von/<int:pk>/tra-het/", loan_views.loan_repay, name="loan_repay"),
    path("vay-von/<int:pk>/xoa/", loan_views.loan_delete, name="loan_delete"),
]
