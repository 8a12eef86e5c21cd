from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContestConfig(AppConfig):
    name = "contest"
    verbose_name = _("Contest")

    def ready(self) -> None:
        from allauth.mfa.signals import authentication_failed
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from contest.domain.roles import ensure_role_groups
        from contest.signals import record_login, record_login_failed, record_second_factor_failed

        # After every app's permissions exist (jury migrates after contest).
        post_migrate.connect(ensure_role_groups, dispatch_uid="contest.ensure_role_groups")
        user_logged_in.connect(record_login, dispatch_uid="contest.record_login")
        user_login_failed.connect(record_login_failed, dispatch_uid="contest.record_login_failed")
        authentication_failed.connect(
            record_second_factor_failed, dispatch_uid="contest.record_second_factor_failed"
        )
