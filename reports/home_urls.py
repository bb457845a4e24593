"""The site's root page, included by unionhub.urls at "" (reports' own pages: bao-cao/)."""

from django.urls import path

from .home import home

urlpatterns = [path("", home, name="home")]
