from django.urls import path

from . import table_views

# The year tables of awards and the award list their cells open.
urlpatterns = [
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
