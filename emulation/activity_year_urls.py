from django.urls import path

from . import activity_year_views as views

# The year view of activities: the page and its downloads.
urlpatterns = [
    path("hoat-dong/nam/", views.activity_year_page, name="activity_year"),
    path("hoat-dong/nam/hoat-dong.xlsx", views.activity_year_excel, name="activity_year_xlsx"),
    path("hoat-dong/nam/hoat-dong.pdf", views.activity_year_pdf, name="activity_year_pdf"),
    path("hoat-dong/nam/hoat-dong.docx", views.activity_year_docx, name="activity_year_docx"),
]
