from django.urls import path

from . import views

# Ratings (xếp loại): a group's members, the units below an organisation, the summary.
urlpatterns = [
    path("xep-loai/", views.member_ratings, name="member_ratings"),
    path("xep-loai/tong-hop/", views.rating_summary, name="rating_summary"),
    path(
        "xep-loai/tong-hop/xep-loai.xlsx",
        views.rating_summary_excel,
        name="rating_summary_xlsx",
    ),
    path("phan-hang/", views.monthly_grades, name="monthly_grades"),
    path("xep-loai-don-vi/", views.organisation_ratings, name="organisation_ratings"),
]
