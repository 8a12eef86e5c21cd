from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContestConfig(AppConfig):
    name = "contest"
    verbose_name = _("Contest")

    def ready(self) -> None:
        from contest.domain.roles import ensure_role_groups

        # After every app's permissions exist (jury migrates after contest).
        post_migrate.connect(ensure_role_groups, dispatch_uid="contest.ensure_role_groups")
