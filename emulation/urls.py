from . import decision_urls, import_urls, rating_urls, table_urls

app_name = "emulation"

# Award decisions (entered, or imported from Excel); the year tables and award lists; ratings.
urlpatterns = (
    decision_urls.urlpatterns
    + import_urls.urlpatterns
    + table_urls.urlpatterns
    + rating_urls.urlpatterns
)
