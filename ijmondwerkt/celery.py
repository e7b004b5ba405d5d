from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ijmondwerkt.settings")

app = Celery("ijmondwerkt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["ijmondwerkt.accounts", "ijmondwerkt.inbox"])
