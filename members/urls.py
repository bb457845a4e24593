"""The members app's URL root: one namespace ("members:"), the patterns of both rooms."""

from .organisations import urls as organisations
from .registry import urls as registry

app_name = "members"

urlpatterns = [*organisations.urlpatterns, *registry.urlpatterns]
