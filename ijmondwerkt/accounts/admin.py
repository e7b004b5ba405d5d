from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.models import Municipality, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "active"]
    list_filter = ["active"]
    search_fields = ["name", "cbs_code"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active", "groups", "municipalities"]
    filter_horizontal = ["groups", "user_permissions", "municipalities"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Werkgebied"), {"fields": ["municipalities"]}),
    )
