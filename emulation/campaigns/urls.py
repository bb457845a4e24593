from django.urls import path

from . import initiative_views, registration_views, views

# Campaigns (phong trào thi đua); registrations (đăng ký thi đua), their evaluation, the summary;
# initiatives (sáng kiến).
urlpatterns = [
    path("phong-trao/", views.campaign_list, name="campaign_list"),
    path("phong-trao/them/", views.campaign_create, name="campaign_create"),
    path("phong-trao/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("phong-trao/<int:pk>/sua/", views.campaign_edit, name="campaign_edit"),
    path("phong-trao/<int:pk>/xoa/", views.campaign_delete, name="campaign_delete"),
    path("dang-ky-thi-dua/", registration_views.registrations, name="registrations"),
    path(
        "dang-ky-thi-dua/danh-gia/",
        registration_views.registration_evaluation,
        name="registration_evaluation",
    ),
    path(
        "dang-ky-thi-dua/tong-hop/",
        registration_views.registration_summary,
        name="registration_summary",
    ),
    path(
        "dang-ky-thi-dua/tong-hop/dang-ky-thi-dua.xlsx",
        registration_views.registration_summary_excel,
        name="registration_summary_xlsx",
    ),
    path("sang-kien/", initiative_views.initiative_list, name="initiative_list"),
    path("sang-kien/sang-kien.xlsx", initiative_views.initiative_xlsx, name="initiative_xlsx"),
    path("sang-kien/them/", initiative_views.initiative_create, name="initiative_create"),
    path("sang-kien/<int:pk>/", initiative_views.initiative_detail, name="initiative_detail"),
    path("sang-kien/<int:pk>/sua/", initiative_views.initiative_edit, name="initiative_edit"),
    path("sang-kien/<int:pk>/xoa/", initiative_views.initiative_remove, name="initiative_delete"),
]
