from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for e-mail confirmation")
    # Under 14: the youth confirmed their e-mail; a parent or tutor has not consented yet. Invisible to
    # screening, jurors and suggestions until then (Québec privacy law).
    AWAITING_PARENT = "awaiting_parent", _("Waiting for a parent's consent")
    CONFIRMED = "confirmed", _("Confirmed, to be screened")
    ELIGIBLE = "eligible", pgettext_lazy("nomination", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("nomination", "Ineligible")
    DUPLICATE = "duplicate", pgettext_lazy("nomination", "Duplicate")
    SPAM = "spam", pgettext_lazy("nomination", "Spam")


# Statuses in which a nomination counts (its e-mail has been confirmed, a parent consented where one
# must, and it was not rejected). Never AWAITING_PARENT.
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
