from django.urls import path

from . import exchange, views

app_name = "members"

urlpatterns = [
    path("to-chuc/", views.organisation_tree, name="organisation_tree"),
    path("to-chuc/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("to-chuc/<int:pk>/cay/", views.organisation_children, name="organisation_children"),
    path("to-chuc/<int:parent_pk>/them/", views.organisation_create, name="organisation_create"),
    path("to-chuc/<int:pk>/sua/", views.organisation_edit, name="organisation_edit"),
    path("to-chuc/<int:org_pk>/nhiem-ky/them/", views.term_edit, name="term_create"),
    path("to-chuc/<int:org_pk>/nhiem-ky/<int:pk>/sua/", views.term_edit, name="term_edit"),
    path("to-chuc/<int:org_pk>/co-quan/them/", views.body_edit, name="body_create"),
    path("to-chuc/<int:org_pk>/co-quan/<int:pk>/sua/", views.body_edit, name="body_edit"),
    path("co-quan/<int:pk>/", views.body_detail, name="body_detail"),
    path("co-quan/<int:body_pk>/chuc-vu/them/", views.position_edit, name="position_create"),
    path("co-quan/<int:body_pk>/chuc-vu/<int:pk>/sua/", views.position_edit, name="position_edit"),
    path("chuc-vu/<int:pk>/ket-thuc/", views.position_end, name="position_end"),
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
