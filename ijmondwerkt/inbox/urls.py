from django.urls import path

from ijmondwerkt.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("<uuid:uuid>/afvinken", views.task_toggle, name="toggle"),
]
