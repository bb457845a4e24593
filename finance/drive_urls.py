"""Charity drives (quỹ xã hội, cuộc vận động) and the loans the branch vouches for."""

from django.urls import path

from . import drive_views, loan_views

urlpatterns = [
    path("quy-xa-hoi/", drive_views.drive_list, name="drive_list"),
    path("quy-xa-hoi/them/", drive_views.drive_create, name="drive_create"),
    path("quy-xa-hoi/theo-nam/", drive_views.drive_table, name="drive_table"),
    path("quy-xa-hoi/theo-nam.pdf", drive_views.drive_table_pdf, name="drive_table_pdf"),
    path("quy-xa-hoi/theo-nam.xlsx", drive_views.drive_table_xlsx, name="drive_table_xlsx"),
    path("quy-xa-hoi/<int:pk>/", drive_views.drive_detail, name="drive_detail"),
    path("quy-xa-hoi/<int:pk>/sua/", drive_views.drive_edit, name="drive_edit"),
    path("quy-xa-hoi/<int:pk>/xoa/", drive_views.drive_delete, name="drive_delete"),
    path(
        "quy-xa-hoi/<int:pk>/ung-ho/", drive_views.contribution_create, name="contribution_create"
    ),
    path(
        "quy-xa-hoi/<int:pk>/ung-ho/theo-to/",
        drive_views.contribution_grid,
        name="contribution_grid",
    ),
    path(
        "quy-xa-hoi/<int:pk>/ung-ho/<int:entry>/xoa/",
        drive_views.contribution_delete,
        name="contribution_delete",
    ),
    path("quy-xa-hoi/<int:pk>/chuyen-di/", drive_views.forward_create, name="forward_create"),
    path(
        "quy-xa-hoi/<int:pk>/chuyen-di/<int:entry>/xoa/",
        drive_views.forward_delete,
        name="forward_delete",
    ),
    path("vay-von/", loan_views.loan_list, name="loan_list"),
    path("vay-von/vay-von.xlsx", loan_views.loan_xlsx, name="loan_xlsx"),
    path("vay-von/them/", loan_views.loan_create, name="loan_create"),
    path("vay-von/<int:pk>/sua/", loan_views.loan_edit, name="loan_edit"),
    path("vay-von/<int:pk>/tra-het/", loan_views.loan_repay, name="loan_repay"),
    path("vay-von/<int:pk>/xoa/", loan_views.loan_delete, name="loan_delete"),
]
