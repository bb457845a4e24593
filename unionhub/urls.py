from django.contrib import admin
from django.urls import include, path

from .password_reset import ThrottledPasswordResetView

urlpatterns = [
    path("", include("reports.home_urls")),
    # Django's reset page, throttled and mailing in the background; the other account pages
    # are Django's own.
    path(
        "tai-khoan/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("tai-khoan/", include("django.contrib.auth.urls")),
    path("quan-tri/", admin.site.urls),
    path("cong-viec/", include("unionhub.jobs.urls")),
    path("", include("members.urls")),
    path("bao-cao/", include("reports.urls")),
    path("tai-chinh/", include("finance.urls")),
    path("thi-dua/", include("emulation.urls")),
]
