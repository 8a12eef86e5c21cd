from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


# The state of an assignment whose juror has not saved anything yet, beside the evaluation's statuses.
NOT_STARTED = "not_started"


class AwardKind(models.TextChoices):
    TERRITORY_WINNER = "territory_winner", _("Best boss of the territory")
    REGIONAL_PRIZE = "regional_prize", _("Regional prize")
