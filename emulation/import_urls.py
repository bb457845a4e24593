from django.urls import path

from . import import_views as views

urlpatterns = [
    path("quyet-dinh/nhap-excel/", views.award_import, name="award_import"),
    path("quyet-dinh/mau-nhap.xlsx", views.award_import_template, name="award_import_template"),
]
