from django.urls import path

from . import decision_views as views

urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/them/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/xoa/", views.decision_delete, name="decision_delete"),
    path("quyet-dinh/<int:pk>/them-nguoi/", views.award_add, name="award_add"),
    path("khen-thuong/<int:pk>/xoa/", views.award_delete, name="award_delete"),
]
