from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/bien-dong/", views.movements, name="movements"),
    path("thong-ke/xuat-excel.xlsx", views.statistics_export, name="statistics_export"),
    path("tinh-hinh-doan-vien/", views.member_report_preview, name="member_report"),
    path("tinh-hinh-doan-vien.pdf", views.member_report_pdf, name="member_report_pdf"),
    path("tinh-hinh-doan-vien.docx", views.member_report_docx, name="member_report_docx"),
    path("mau-van-ban/<int:org_pk>/", views.letterhead_edit, name="letterhead_edit"),
]
