from django.urls import path

from . import initiative_views as views

urlpatterns = [
    path("sang-kien/", views.initiative_list, name="initiative_list"),
    path("sang-kien/sang-kien.xlsx", views.initiative_xlsx, name="initiative_xlsx"),
    path("sang-kien/them/", views.initiative_create, name="initiative_create"),
    path("sang-kien/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("sang-kien/<int:pk>/sua/", views.initiative_edit, name="initiative_edit"),
    path("sang-kien/<int:pk>/xoa/", views.initiative_remove, name="initiative_delete"),
]
