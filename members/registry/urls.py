"""The registry's pages, under the members app's URL root (members/urls.py) and namespace."""

from django.urls import path

from . import exchange, views

urlpatterns = [
    path("doan-vien/", views.member_list, name="member_list"),
    path("doan-vien/nhap-excel/", exchange.member_import, name="member_import"),
    path(
        "doan-vien/nhap-excel/mau.xlsx",
        exchange.member_import_template,
        name="member_import_template",
    ),
    path("doan-vien/xuat-excel.xlsx", exchange.member_export, name="member_export"),
    path("doan-vien/them/", views.member_create, name="member_create"),
    path("doan-vien/<int:pk>/", views.member_detail, name="member_detail"),
    path("doan-vien/<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("doan-vien/<int:pk>/chuyen-sinh-hoat/", views.member_transfer, name="member_transfer"),
    path("doan-vien/<int:pk>/ket-thuc/", views.member_end, name="member_end"),
    path("doan-vien/<int:pk>/sinh-hoat-lai/", views.member_reinstate, name="member_reinstate"),
    path(
        "doan-vien/<int:member_pk>/gioi-thieu-dang/them/",
        views.recommendation_edit,
        name="recommendation_create",
    ),
    path(
        "doan-vien/<int:member_pk>/gioi-thieu-dang/<int:pk>/sua/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path("don-gia-nhap/", views.application_list, name="application_list"),
    path("don-gia-nhap/them/", views.application_edit, name="application_create"),
    path("don-gia-nhap/<int:pk>/sua/", views.application_edit, name="application_edit"),
    path("don-gia-nhap/<int:pk>/ket-nap/", views.application_approve, name="application_approve"),
    path("don-gia-nhap/<int:pk>/tu-choi/", views.application_reject, name="application_reject"),
]
