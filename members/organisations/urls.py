"""The structure's pages, under the members app's URL root (members/urls.py) and namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("to-chuc/", views.organisation_tree, name="organisation_tree"),
    path("to-chuc/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("to-chuc/<int:pk>/cay/", views.organisation_children, name="organisation_children"),
    path("to-chuc/<int:parent_pk>/them/", views.organisation_create, name="organisation_create"),
    path("to-chuc/<int:pk>/sua/", views.organisation_edit, name="organisation_edit"),
    path("to-chuc/<int:org_pk>/nhiem-ky/them/", views.term_edit, name="term_create"),
    path("to-chuc/<int:org_pk>/nhiem-ky/<int:pk>/sua/", views.term_edit, name="term_edit"),
    path("to-chuc/<int:org_pk>/co-quan/them/", views.body_edit, name="body_create"),
    path("to-chuc/<int:org_pk>/co-quan/<int:pk>/sua/", views.body_edit, name="body_edit"),
    path("co-quan/<int:pk>/", views.body_detail, name="body_detail"),
    path("co-quan/<int:body_pk>/chuc-vu/them/", views.position_edit, name="position_create"),
    path("co-quan/<int:body_pk>/chuc-vu/<int:pk>/sua/", views.position_edit, name="position_edit"),
    path("chuc-vu/<int:pk>/ket-thuc/", views.position_end, name="position_end"),
]
