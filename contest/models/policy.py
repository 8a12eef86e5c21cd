from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityPolicy(models.Model):
    """Site-wide security switches that staff set in the admin. A singleton: one row, pk 1."""

    SINGLETON_PK = 1

    require_mfa_for_staff = models.BooleanField(
        _("require two-factor authentication for staff"),
        default=False,
        help_text=_(
            "When on, staff accounts must activate an authenticator app before they can open the staff "
            "area or the administration."
        ),
    )

    class Meta:
        verbose_name = _("security policy")
        verbose_name_plural = _("security policy")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="security_policy_singleton")]

    def __str__(self) -> str:
        return str(_("Security policy"))

    def save(self, *args, **kwargs) -> None:
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> SecurityPolicy:
        """The policy in force; the defaults when nobody has saved one yet (nothing is written)."""
        return cls.objects.filter(pk=cls.SINGLETON_PK).first() or cls(pk=cls.SINGLETON_PK)
