from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("reports.home_urls")),
    path("tai-khoan/", include("django.contrib.auth.urls")),
    path("quan-tri/", admin.site.urls),
    path("cong-viec/", include("unionhub.jobs.urls")),
    path("", include("members.urls")),
    path("bao-cao/", include("reports.urls")),
    path("tai-chinh/", include("finance.urls")),
    path("thi-dua/", include("emulation.urls")),
]
