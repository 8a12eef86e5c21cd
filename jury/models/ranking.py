"""The deliberation's ranking, stored: computed by ``jury.domain.ranking.rank_candidacies`` and kept
by ``jury.domain.ranking_store``, so that the staff pages read pages of rows instead of ranking every
candidacy of the edition on each request.

STAFF ONLY data (per-juror totals in ``RankingTerritory.distributions``): a juror's page reads the
aggregated columns of ``RankingEntry`` only.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


class RankingState(models.Model):
    """Whether an edition's stored ranking is up to date: every change of an input adds 1 to
    ``version``; the stored rows are fresh when ``computed_version`` equals it."""

    edition = models.OneToOneField(
        "contest.Edition", on_delete=models.CASCADE, related_name="+", verbose_name=_("edition")
    )
    version = models.PositiveBigIntegerField(default=0)
    computed_version = models.PositiveBigIntegerField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.edition)

    @property
    def is_fresh(self) -> bool:
        return self.computed_version == self.version


class RankingTerritory(models.Model):
    """A territory's figures in the stored ranking: counts, the jurors' agreement, and each juror's
    totals for the staff's chart."""

    edition = models.ForeignKey("contest.Edition", on_delete=models.CASCADE, related_name="+")
    territory = models.ForeignKey("contest.Territory", on_delete=models.CASCADE, related_name="+")
    candidacies = models.PositiveIntegerField(default=0)
    evaluations = models.PositiveIntegerField(default=0)
    disagreements = models.PositiveIntegerField(default=0)
    agreement = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    # [{"juror": id, "count": 3, "mean": "62.50", …, "totals": [["50.00", 2], …]}, …]: each juror's
    # box-plot figures and distinct totals in the territory (jury.domain.ranking_store).
    distributions = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "territory"], name="unique_ranking_territory")
        ]

    def __str__(self) -> str:
        return f"{self.edition_id}/{self.territory_id}"


class RankingEntry(models.Model):
    """One candidacy's row of the stored ranking (the fields of ``RankedCandidacy``)."""

    edition = models.ForeignKey("contest.Edition", on_delete=models.CASCADE, related_name="+")
    territory = models.ForeignKey("contest.Territory", on_delete=models.CASCADE, related_name="+")
    candidacy = models.ForeignKey("nominations.Candidacy", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()  # 1, 2, 3… in the territory's order, unranked last
    rank = models.PositiveIntegerField(null=True, blank=True)
    method = models.CharField(max_length=20)  # the edition's aggregation method when computed
    score_value = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    evaluations = models.PositiveIntegerField(default=0)
    mean = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    median = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    normalised = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    spread = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    disagreement = models.BooleanField(default=False)
    criterion_means = models.JSONField(default=dict, blank=True)  # {"<criterion id>": 3.25}
    eligible_nominations = models.PositiveIntegerField(default=0)
    tie_rule = models.CharField(max_length=20, blank=True)  # jury.domain.ranking.TIE_RULES

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "candidacy"], name="unique_ranking_entry")]
        indexes = [
            models.Index(fields=["edition", "territory", "position"], name="ranking_entry_order"),
            models.Index(fields=["edition", "rank"], name="ranking_entry_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.edition_id}/{self.candidacy_id}: {self.rank}"

    @property
    def score(self) -> Decimal | None:
        """The score as ``rank_candidacies`` gives it (two decimals, three when normalised)."""
        if self.score_value is None or self.method == "normalised":
            return self.score_value
        return self.score_value.quantize(CENT)

    @property
    def employer_name(self) -> str:
        return self.candidacy.employer.name

    @property
    def municipality(self) -> str:
        return str(self.candidacy.employer.municipality)

    def criterion_mean(self, criterion_id: int) -> Decimal | None:
        value = (self.criterion_means or {}).get(str(criterion_id))
        return None if value is None else Decimal(str(value)).quantize(CENT)
