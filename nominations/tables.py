"""Tables of the staff's pages (django-tables2)."""

from urllib.parse import urlencode

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nominations.models import Nomination

SCREENING_PAGE_SIZE = 25


class ScreeningTable(tables.Table):
    """The screening queue. Each row links to the nomination's page, which sends the staff member
    back to the queue as they left it (``next``)."""

    employer = tables.Column(verbose_name=_("Employer"), accessor="employer__name")
    municipality = tables.Column(
        verbose_name=_("Municipality"),
        accessor="employer__municipality",
        order_by="employer__municipality__name",
    )
    territory = tables.Column(
        verbose_name=_("Territory"), accessor="employer__territory", order_by="employer__territory__name"
    )
    boss = tables.Column(verbose_name=pgettext_lazy("person", "Boss"), accessor="boss_name")
    submitted = tables.DateColumn(verbose_name=_("Submitted"), accessor="created_at", short=True)
    status = tables.Column(verbose_name=_("Status"))
    employer_eligible = tables.Column(
        verbose_name=_("Eligible nominations of the employer"),
        attrs={"td": {"class": "number"}},
    )

    class Meta:
        model = Nomination
        fields = ()
        sequence = (
            "employer",
            "municipality",
            "territory",
            "boss",
            "submitted",
            "status",
            "employer_eligible",
        )
        empty_text = _("No nomination matches these filters.")
        attrs = {"class": "screening-table"}

    def __init__(self, *args, next_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.next_url = next_url

    def render_employer(self, value, record):
        url = reverse("staff:nomination", args=[record.pk])
        if self.next_url:
            url = f"{url}?{urlencode({'next': self.next_url})}"
        return format_html('<a href="{}">{}</a>', url, value)
