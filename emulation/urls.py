from . import (
    activity_urls,
    activity_year_urls,
    campaign_urls,
    decision_urls,
    import_urls,
    initiative_urls,
    rating_urls,
    table_urls,
)

app_name = "emulation"

# Award decisions (entered, or imported from Excel); the year tables and award lists; ratings;
# campaigns with their registrations; initiatives; activities and their year view.
urlpatterns = (
    decision_urls.urlpatterns
    + import_urls.urlpatterns
    + table_urls.urlpatterns
    + rating_urls.urlpatterns
    + campaign_urls.urlpatterns
    + initiative_urls.urlpatterns
    + activity_urls.urlpatterns
    + activity_year_urls.urlpatterns
)
