from django.urls import path

from . import (
    activity_urls,
    activity_year_urls,
    campaign_urls,
    decision_urls,
    import_urls,
    index_views,
    initiative_urls,
    rating_urls,
    table_urls,
)

app_name = "emulation"

# The front page with the year's figures; award decisions (entered, or imported from Excel);
# the year tables and award lists; ratings; campaigns with their registrations; initiatives;
# activities and their year view.
urlpatterns = (
    [path("", index_views.index, name="index")]
    + decision_urls.urlpatterns
    + import_urls.urlpatterns
    + table_urls.urlpatterns
    + rating_urls.urlpatterns
    + campaign_urls.urlpatterns
    + initiative_urls.urlpatterns
    + activity_urls.urlpatterns
    + activity_year_urls.urlpatterns
)
