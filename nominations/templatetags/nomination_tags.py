"""Values that templates (pages and e-mails) state and that code or settings decide."""

from django import template
from django.conf import settings
from django.utils.translation import ngettext

from nominations.domain import privacy

register = template.Library()

MINUTE, HOUR, DAY = 60, 3600, 86400


def duration_text(seconds: int) -> str:
    """« 3 days », « 36 hours », « 30 minutes »: in whole days when it is a whole number of days,
    otherwise rounded down (a link is never said to last longer than it does)."""
    if seconds >= DAY and seconds % DAY == 0:
        days = seconds // DAY
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if seconds >= HOUR:
        hours = seconds // HOUR
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(seconds // MINUTE, 1)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


@register.simple_tag
def confirmation_link_lifetime() -> str:
    """How long a confirmation link works (settings.NOMINATION_CONFIRM_MAX_AGE), in the current language."""
    return duration_text(settings.NOMINATION_CONFIRM_MAX_AGE)


@register.simple_tag
def consent_text_version() -> str:
    """The version of the consent and privacy-policy wording that the consent records name."""
    return privacy.CONSENT_TEXT_VERSION
