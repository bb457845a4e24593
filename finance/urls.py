"""The finance app's URLs: each room's paths, under one namespace ("finance:...")."""

from .dues import urls as dues_urls
from .funds import urls as funds_urls
from .ledger import urls as ledger_urls

app_name = "finance"

urlpatterns = ledger_urls.urlpatterns + dues_urls.urlpatterns + funds_urls.urlpatterns
