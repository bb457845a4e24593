from django.urls import path

from . import import_views, table_views, views

# Award decisions (entered, or imported from Excel); the year tables of awards and the award
# list their cells open.
urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/them/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/xoa/", views.decision_delete, name="decision_delete"),
    path("quyet-dinh/<int:pk>/them-nguoi/", views.award_add, name="award_add"),
    path("khen-thuong/<int:pk>/xoa/", views.award_delete, name="award_delete"),
    path("quyet-dinh/nhap-excel/", import_views.award_import, name="award_import"),
    path(
        "quyet-dinh/mau-nhap.xlsx",
        import_views.award_import_template,
        name="award_import_template",
    ),
    path("bang-khen-thuong/", table_views.award_tables, name="award_tables"),
    path(
        "bang-khen-thuong/khen-thuong.xlsx",
        table_views.award_tables_excel,
        name="award_tables_xlsx",
    ),
    path("bang-khen-thuong/khen-thuong.pdf", table_views.award_tables_pdf, name="award_tables_pdf"),
    path(
        "bang-khen-thuong/khen-thuong.docx",
        table_views.award_tables_docx,
        name="award_tables_docx",
    ),
    path("khen-thuong/", table_views.award_list, name="award_list"),
]
