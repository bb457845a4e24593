from django.urls import path

from . import index_views
from .activities import urls as activity_urls
from .awards import urls as award_urls
from .campaigns import urls as campaign_urls
from .ratings import urls as rating_urls

app_name = "emulation"

# The front page with the year's figures; award decisions (entered, or imported from Excel),
# the year tables and award lists; ratings; campaigns with their registrations, initiatives;
# activities and their year view.
urlpatterns = (
    [path("", index_views.index, name="index")]
    + award_urls.urlpatterns
    + rating_urls.urlpatterns
    + campaign_urls.urlpatterns
    + activity_urls.urlpatterns
)
