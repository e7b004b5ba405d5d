from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ijmondwerkt.accounts"
    label = "accounts"
    verbose_name = _("Gebruikers en gemeenten")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import (
            user_logged_in,
            user_logged_out,
            user_login_failed,
        )
        from django.db.models.signals import post_save

        from ijmondwerkt.accounts import security
        from ijmondwerkt.accounts.middleware import start_activity

        user_logged_in.connect(security.on_logged_in, dispatch_uid="security_login")
        user_logged_in.connect(start_activity, dispatch_uid="idle_timeout_login")
        user_login_failed.connect(
            security.on_login_failed, dispatch_uid="security_login_failed"
        )
        user_logged_out.connect(security.on_logged_out, dispatch_uid="security_logout")
        user_locked_out.connect(security.on_locked_out, dispatch_uid="security_lockout")
        post_save.connect(
            security.on_user_saved,
            sender=get_user_model(),
            dispatch_uid="security_password",
        )
