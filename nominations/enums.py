from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed, to be screened")
    ELIGIBLE = "eligible", pgettext_lazy("nomination", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("nomination", "Ineligible")
    DUPLICATE = "duplicate", pgettext_lazy("nomination", "Duplicate")
    SPAM = "spam", pgettext_lazy("nomination", "Spam")


# Statuses in which a nomination counts (its e-mail has been confirmed and it was not rejected).
COUNTED_STATUSES = (NominationStatus.CONFIRMED, NominationStatus.ELIGIBLE)


class SchoolLevel(models.TextChoices):
    SECONDARY = "secondary", _("High school")
    VOCATIONAL = "vocational", _("Vocational training (DEP)")
    ADULT = "adult", _("Adult general education")
    COLLEGE = "college", _("College (cégep)")
    UNIVERSITY = "university", _("University")


class Sector(models.TextChoices):
    FOOD_SERVICE = "food_service", _("Restaurants and food service")
    RETAIL = "retail", _("Retail")
    GROCERY = "grocery", _("Grocery and food stores")
    ACCOMMODATION = "accommodation", _("Tourism and accommodation")
    RECREATION = "recreation", _("Recreation, sports and culture")
    AGRICULTURE = "agriculture", _("Agriculture")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    CONSTRUCTION = "construction", _("Construction and trades")
    HEALTH = "health", _("Health and community services")
    SERVICES = "services", _("Other services")
    OTHER = "other", _("Other")
