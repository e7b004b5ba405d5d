"""/budgetten/: the overview pages and the entry pages, each module with its own routes."""

from budgets.views import entry, overview

app_name = "budgets"
urlpatterns = [*overview.urlpatterns, *entry.urlpatterns]
