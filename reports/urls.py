from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/xuat-excel.xlsx", views.statistics_export, name="statistics_export"),
]
