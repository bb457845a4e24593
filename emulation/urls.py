from . import decision_urls, table_urls

app_name = "emulation"

# Award decisions and their recipients; the year tables and a member's or unit's awards.
urlpatterns = decision_urls.urlpatterns + table_urls.urlpatterns
