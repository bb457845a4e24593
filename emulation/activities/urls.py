from django.urls import path

from . import section_views, views, year_views

# Activities and events (hoạt động, sự kiện); their year view: the page and its downloads.
urlpatterns = [
    path("hoat-dong/", views.activity_list, name="activity_list"),
    path("hoat-dong/them/", views.activity_create, name="activity_create"),
    path("hoat-dong/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("hoat-dong/<int:pk>/sua/", views.activity_edit, name="activity_edit"),
    path("hoat-dong/<int:pk>/xoa/", views.activity_delete, name="activity_delete"),
    path(
        "hoat-dong/<int:pk>/nguoi-tham-gia/",
        section_views.activity_participants,
        name="activity_participants",
    ),
    path(
        "hoat-dong/<int:pk>/phieu-chi/",
        section_views.activity_voucher_link,
        name="activity_voucher_link",
    ),
    path(
        "hoat-dong/<int:pk>/phieu-chi/<int:voucher_pk>/bo/",
        section_views.activity_voucher_unlink,
        name="activity_voucher_unlink",
    ),
    path(
        "hoat-dong/<int:pk>/dinh-kem/",
        section_views.activity_attachment_add,
        name="activity_attachment_add",
    ),
    path(
        "hoat-dong/dinh-kem/<int:pk>/",
        section_views.activity_attachment_file,
        name="activity_attachment_file",
    ),
    path(
        "hoat-dong/dinh-kem/<int:pk>/xoa/",
        section_views.activity_attachment_delete,
        name="activity_attachment_delete",
    ),
    path("hoat-dong/nam/", year_views.activity_year_page, name="activity_year"),
    path("hoat-dong/nam/hoat-dong.xlsx", year_views.activity_year_excel, name="activity_year_xlsx"),
    path("hoat-dong/nam/hoat-dong.pdf", year_views.activity_year_pdf, name="activity_year_pdf"),
    path("hoat-dong/nam/hoat-dong.docx", year_views.activity_year_docx, name="activity_year_docx"),
]
