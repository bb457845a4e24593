from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/trang-thai/", views.job_status, name="status"),
    path("<int:pk>/tai-ve/", views.job_file, name="file"),
]
