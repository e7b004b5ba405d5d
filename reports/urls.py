"""/rapportages/: the archive, requests, downloads, the preview and the evaluation."""

from reports.views import archive, evaluation

app_name = "reports"
urlpatterns = [*evaluation.urlpatterns, *archive.urlpatterns]
