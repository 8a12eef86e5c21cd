"""The public results pages: winners, engaged employers, an employer's page, the leaderboard, the
editions. Embargo until the announcement time, opt-out, consent, filters and query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contest.domain.editions import publish_edition
from contest.domain.public_cache import invalidate_public_pages
from contest.enums import Phase
from contest.models import Edition
from jury.domain.public_queries import excerpt, initials
from jury.domain.scoring import save_evaluation
from jury.enums import AwardKind
from jury.models import Award
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer
from tests.factories import make_edition, make_employer, make_nomination
from tests.jury.fixtures_scoring import assign, make_juror, use_two_criteria

pytestmark = pytest.mark.django_db

YOUTH_DETAILS = ("Tremblay", "@example.org", "Triolet")


# Builders.


def announce(edition: Edition) -> Edition:
    """Published by staff, and the announcement time is past: the results are public."""
    now = timezone.now()
    Edition.objects.filter(pk=edition.pk).update(
        published_at=now - dt.timedelta(hours=2), announce_at=now - dt.timedelta(hours=1)
    )
    # A write outside the domain functions: it must make the cached public pages stale itself.
    invalidate_public_pages()
    edition.refresh_from_db()
    return edition


def embargo(edition: Edition) -> Edition:
    """Published by staff, but the announcement time is still to come."""
    return publish_edition(edition=edition, announce_at=timezone.now() + dt.timedelta(days=2))


def published_edition(**options) -> Edition:
    return announce(make_edition(Phase.DELIBERATION, **options))


def engaged(
    edition: Edition, name: str | None = None, *, municipality_name="Sherbrooke", **fields
) -> Employer:
    """An employer with an eligible nomination (and its candidacy) in the edition."""
    employer = Employer.objects.filter(name=name).first() if name else None
    employer = employer or make_employer(name, municipality_name=municipality_name)
    make_nomination(edition=edition, employer=employer, status=NominationStatus.ELIGIBLE, **fields)
    Candidacy.objects.get_or_create(edition=edition, employer=employer)
    return employer


def win(edition: Edition, employer: Employer) -> Award:
    return Award.objects.create(
        edition=edition,
        kind=AwardKind.TERRITORY_WINNER,
        territory=employer.territory,
        candidacy=Candidacy.objects.get(edition=edition, employer=employer),
    )


def prize(edition: Edition, employer: Employer, title: str) -> Award:
    return Award.objects.create(
        edition=edition,
        kind=AwardKind.REGIONAL_PRIZE,
        title=title,
        candidacy=Candidacy.objects.get(edition=edition, employer=employer),
    )


def opt_out(employer: Employer) -> None:
    Employer.objects.filter(pk=employer.pk).update(public_opt_out=True)


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def count_queries(client, url: str) -> int:
    """The queries of a fresh rendering: the rows were written without the domain functions, so the
    public pages' cache is emptied before and after."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    cache.clear()
    assert response.status_code == 200, url
    return len(queries)


def listed(response) -> list[str]:
    return [employer.name for employer in response.context["page"].object_list]


# Winners.


def test_winners_show_each_territory_winner_with_boss_municipality_quote_and_prizes(client):
    edition = published_edition()
    coaticook = engaged(
        edition,
        "Ferme Lait Doux",
        municipality_name="Coaticook",
        boss_name="Julie Roy",
        consent_publish_testimonial=True,
        consent_publish_first_name=True,
        first_name="Maëlle",
        testimonial="Julie me donne congé pendant les examens.",
    )
    engaged(edition, "Ferme Lait Doux", boss_name="Marc Roy")  # another boss at the same employer
    sherbrooke = engaged(edition, "Café Élan", boss_name="Ginette Roy")
    win(edition, coaticook)
    win(edition, sherbrooke)
    prize(edition, sherbrooke, "Coup de cœur")

    response = client.get(f"/en/winners/{edition.year}/")
    page = response.content.decode()

    results = response.context["results"]
    assert [(entry.territory.name, entry.employer.name) for entry in results.winners] == [
        ("Coaticook", "Ferme Lait Doux"),
        ("Sherbrooke", "Café Élan"),
    ]
    assert results.winners[0].details.boss_names == ["Julie Roy", "Marc Roy"]
    assert [(entry.award.title, entry.employer.name) for entry in results.prizes] == [
        ("Coup de cœur", "Café Élan")
    ]
    assert f'<a href="/en/employers/{coaticook.pk}/">Ferme Lait Doux</a>' in page
    assert "Boss: Julie Roy, Marc Roy" in page
    assert "« Julie me donne congé pendant les examens. »" in page
    assert "Maëlle, nominator, " in page
    assert "Coup de cœur" in page
    assert page.index("Coaticook") < page.index("Sherbrooke")


def test_winners_without_a_logo_show_their_initials_on_a_tile(client):
    edition = published_edition()
    plain = engaged(edition, "Resto Chez Ginette")
    branded = engaged(edition, "Garage Tremblay", municipality_name="Coaticook")
    Employer.objects.filter(pk=branded.pk).update(logo_thumbnail="employers/logos/garage.png")
    win(edition, plain)
    win(edition, branded)
    prize(edition, plain, "Coup de cœur")

    page = body(client, f"/en/winners/{edition.year}/")

    tile = '<svg class="employer-logo logo-placeholder" width="96" height="96" viewBox="0 0 96 96"'
    assert page.count(tile) == 2  # Resto Chez Ginette's card and its prize
    assert page.count('fill="#ffffff">RG</text></svg>') == 2
    assert '<img class="employer-logo" src="/media/employers/logos/garage.png" alt=""' in page
    assert ">GT</text>" not in page


def test_an_employer_page_without_a_logo_shows_its_initials(client):
    employer = engaged(published_edition(), "L'Érablière du Lac inc.")

    page = body(client, f"/en/employers/{employer.pk}/")

    assert 'fill="#ffffff">ÉL</text></svg>' in page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Resto Chez Ginette", "RG"),
        ("Casse-croûte La Halte", "CC"),
        ("L'Érablière du Lac inc.", "ÉL"),
        ("9123-4567 Québec inc.", "Q"),
        ("123", "1"),
        ("Chez", "C"),
        ("—", ""),
    ],
)
def test_initials_of_an_employer(name, expected):
    assert initials(name) == expected


def test_winners_without_year_show_the_latest_published_edition(client):
    older = published_edition()
    newer = published_edition()
    embargoed = embargo(make_edition(Phase.DELIBERATION))
    assert older.year < newer.year < embargoed.year

    response = client.get("/en/winners/")

    assert response.status_code == 200
    assert response.context["edition"] == newer
    assert list(response.context["other_editions"]) == [older]
    assert f'href="/en/winners/{older.year}/"' in response.content.decode()
    assert f'href="/en/winners/{embargoed.year}/"' not in response.content.decode()


def test_winners_without_any_published_edition_say_so(client):
    embargo(make_edition(Phase.DELIBERATION))

    page = body(client, "/en/winners/")

    assert "No results have been announced yet." in page
    assert "og:image" not in page


def test_winners_of_an_edition_are_hidden_until_its_announcement_time(client):
    edition = make_edition(Phase.DELIBERATION)
    win(edition, engaged(edition, "Café Élan"))
    url = f"/en/winners/{edition.year}/"

    before_publication = client.get(url).status_code
    embargo(edition)
    under_embargo = client.get(url).status_code
    latest_under_embargo = body(client, "/en/winners/")
    announce(edition)
    after = body(client, url)

    assert (before_publication, under_embargo) == (404, 404)
    assert "Café Élan" not in latest_under_embargo
    assert "Café Élan" in after


def test_winners_of_an_unknown_year_answer_404(client):
    published_edition()
    assert client.get("/en/winners/1999/").status_code == 404


def test_winners_page_has_open_graph_tags_with_the_absolute_share_image(client):
    edition = published_edition()
    win(edition, engaged(edition, "Café Élan"))

    page = body(client, f"/en/winners/{edition.year}/")

    assert (
        f'<meta property="og:image" content="http://testserver/en/winners/{edition.year}/share.png">' in page
    )
    assert f'<meta property="og:title" content="Winners {edition.year}">' in page
    assert '<meta property="og:description" content="The best bosses of edition 6' in page


def test_winner_who_opted_out_is_not_named(client):
    edition = published_edition()
    hidden = engaged(edition, "Garage Discret", boss_name="Paul Discret")
    win(edition, hidden)
    opt_out(hidden)

    response = client.get(f"/en/winners/{edition.year}/")
    page = response.content.decode()

    assert response.context["results"].winners_count == 0
    assert "The winner of this territory chose not to appear on the public pages." in page
    assert "Garage Discret" not in page
    assert "Paul Discret" not in page


def test_winners_page_queries_do_not_grow_with_winners(client):
    edition = published_edition()
    first = engaged(edition, "A", consent_publish_testimonial=True)
    win(edition, first)
    url = f"/en/winners/{edition.year}/"
    one = count_queries(client, url)
    for name, town in (("B", "Magog"), ("C", "Coaticook")):
        employer = engaged(edition, name, municipality_name=town, consent_publish_testimonial=True)
        engaged(edition, name, consent_publish_testimonial=True)
        win(edition, employer)
    prize(edition, first, "Coup de cœur")

    three = count_queries(client, url)

    assert len(client.get(url).context["results"].winners) == 3
    assert one == three


# Consent and personal data.


def test_only_consented_testimonials_are_quoted_and_first_names_only_with_consent(client):
    edition = published_edition()
    employer = engaged(
        edition,
        "Café Élan",
        first_name="Noémie",
        testimonial="Texte privé que personne ne doit lire.",
    )
    engaged(
        edition,
        "Café Élan",
        first_name="Zoé",
        consent_publish_testimonial=True,
        testimonial="Texte public, sans prénom.",
    )
    engaged(
        edition,
        "Café Élan",
        first_name="Rosalie",
        consent_publish_first_name=True,
        testimonial="Un prénom sans témoignage.",
    )
    win(edition, employer)

    pages = [body(client, f"/en/winners/{edition.year}/"), body(client, f"/en/employers/{employer.pk}/")]

    for page in pages:
        assert "Texte privé" not in page
        assert "Un prénom sans témoignage" not in page
        assert "« Texte public, sans prénom. »" in page
        assert "A youth who nominated this employer" in page
        assert "Noémie" not in page
        assert "Zoé" not in page
        assert "Rosalie" not in page


def test_quote_prefers_the_free_text_else_the_first_answer_and_is_cut_short(client):
    edition = published_edition()
    long_text = "Mon patron est génial. " * 30
    with_free_text = engaged(edition, "A", consent_publish_testimonial=True, testimonial=long_text)
    answers_only = engaged(
        edition, "B", municipality_name="Magog", consent_publish_testimonial=True, testimonial=""
    )
    criteria = list(edition.criteria.order_by("position"))
    nomination = answers_only.nominations.get()
    nomination.answers.create(criterion=criteria[1], text="Deuxième réponse.")
    nomination.answers.create(criterion=criteria[0], text="   ")
    win(edition, with_free_text)
    win(edition, answers_only)

    winners = client.get(f"/en/winners/{edition.year}/").context["results"].winners

    quotes = {entry.employer.name: entry.details.quote.text for entry in winners}
    assert quotes["A"] == excerpt(long_text)
    assert quotes["B"] == "Deuxième réponse."
    assert len(quotes["A"]) <= 302
    assert quotes["A"].endswith("Mon patron est génial. …")


def test_excerpt_cuts_at_a_sentence_end_else_after_a_whole_word():
    assert excerpt("Un  texte\ncourt.") == "Un texte court."
    assert excerpt("abc defgh ijk", limit=8) == "abc…"
    assert excerpt("Il m'aide, vraiment beaucoup", limit=12) == "Il m'aide…"
    assert excerpt("Elle est juste. Elle m'écoute toujours.", limit=26) == "Elle est juste. …"
    assert excerpt("Oui. Elle m'écoute toujours et partout.", limit=31) == "Oui. Elle m'écoute toujours et…"


def test_no_youth_last_name_email_or_school_on_any_public_page(client):
    edition = published_edition()
    employer = engaged(
        edition,
        "Café Élan",
        consent_publish_testimonial=True,
        consent_publish_first_name=True,
        consent_tell_employer=True,
        photo="nominations/photos/youth.jpg",
    )
    win(edition, employer)
    urls = [
        "/en/winners/",
        f"/en/winners/{edition.year}/",
        "/en/employers/",
        f"/en/employers/{employer.pk}/",
        "/en/leaderboard/",
        f"/en/leaderboard/{edition.year}/",
        "/en/editions/",
    ]

    for url in urls:
        page = body(client, url)
        for detail in (*YOUTH_DETAILS, "nominations/photos/youth.jpg"):
            assert detail not in page, (url, detail)
    assert "Léa" in body(client, f"/en/employers/{employer.pk}/")  # the consented first name


# Engaged employers.


def test_engaged_list_shows_eligible_employers_of_published_editions_only(client):
    edition = published_edition()
    engaged(edition, "Café Élan")
    make_nomination(edition=edition, employer=make_employer("Pas Encore Vu"))  # confirmed, not eligible
    make_nomination(edition=edition, employer=make_employer("Refusé"), status=NominationStatus.INELIGIBLE)
    hidden = engaged(edition, "Garage Discret")
    opt_out(hidden)
    under_embargo = embargo(make_edition(Phase.DELIBERATION))
    engaged(under_embargo, "Boulangerie Secrète")

    response = client.get("/en/employers/")

    assert listed(response) == ["Café Élan"]
    assert f'href="/en/employers/{Employer.objects.get(name="Café Élan").pk}/"' in response.content.decode()


def test_engaged_list_shows_an_edition_once_its_announcement_time_passes(client):
    edition = make_edition(Phase.DELIBERATION)
    engaged(edition, "Café Élan")

    embargo(edition)
    before = listed(client.get("/en/employers/"))
    announce(edition)
    after = listed(client.get("/en/employers/"))

    assert (before, after) == ([], ["Café Élan"])


def test_engaged_list_search_ignores_accents_case_and_legal_suffixes(client):
    edition = published_edition()
    engaged(edition, "Café Élan inc.")
    engaged(edition, "Resto Ginette")

    assert listed(client.get("/en/employers/", {"q": "cafe elan"})) == ["Café Élan inc."]
    assert listed(client.get("/en/employers/", {"q": "ÉLAN"})) == ["Café Élan inc."]
    assert listed(client.get("/en/employers/", {"q": "ginette"})) == ["Resto Ginette"]
    assert listed(client.get("/en/employers/", {"q": "inc."})) == ["Café Élan inc."]
    assert listed(client.get("/en/employers/", {"q": "garage"})) == []


def test_engaged_list_filters_by_territory_and_sector(client):
    edition = published_edition()
    engaged(edition, "Café Élan")
    magog = engaged(edition, "Marina Magog", municipality_name="Magog")
    Employer.objects.filter(pk=magog.pk).update(sector="recreation")

    by_territory = listed(client.get("/en/employers/", {"territory": "memphremagog"}))
    by_sector = listed(client.get("/en/employers/", {"sector": "recreation"}))
    both = listed(client.get("/en/employers/", {"territory": "sherbrooke", "sector": "recreation"}))

    assert (by_territory, by_sector, both) == (["Marina Magog"], ["Marina Magog"], [])


def test_engaged_list_filters_by_edition_and_marks_the_winners_of_that_edition(client):
    first = published_edition()
    second = published_edition()
    both_years = engaged(first, "Café Élan")
    engaged(second, "Café Élan")
    engaged(first, "Resto Ginette")
    engaged(second, "Marina Magog", municipality_name="Magog")
    win(first, both_years)

    everyone = client.get("/en/employers/")
    of_first = client.get("/en/employers/", {"edition": first.year})
    of_second = client.get("/en/employers/", {"edition": second.year})

    assert listed(everyone) == ["Café Élan", "Marina Magog", "Resto Ginette"]
    assert listed(of_first) == ["Café Élan", "Resto Ginette"]
    assert listed(of_second) == ["Café Élan", "Marina Magog"]
    marks = {
        year: {employer.name: employer.is_winner for employer in response.context["page"].object_list}
        for year, response in (("all", everyone), ("first", of_first), ("second", of_second))
    }
    assert marks["all"]["Café Élan"] is True
    assert marks["first"]["Café Élan"] is True
    assert marks["second"]["Café Élan"] is False
    assert everyone.content.decode().count('<span class="badge badge-ok">Best boss</span>') == 1


def test_engaged_list_refuses_an_edition_under_embargo_next_to_the_field(client):
    published = published_edition()
    engaged(published, "Café Élan")
    hidden = embargo(make_edition(Phase.DELIBERATION))

    response = client.get("/en/employers/", {"edition": hidden.year})

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert f'<option value="{hidden.year}"' not in response.content.decode()
    assert listed(response) == ["Café Élan"]


def test_engaged_list_is_paginated_by_fifty_and_keeps_the_filters(client):
    edition = published_edition()
    for number in range(51):
        engaged(edition, f"Commerce {number:02d}")

    first = client.get("/en/employers/", {"q": "commerce"})
    second = client.get("/en/employers/", {"q": "commerce", "page": 2})
    beyond = client.get("/en/employers/", {"q": "commerce", "page": "nope"})

    assert len(listed(first)) == 50
    assert listed(second) == ["Commerce 50"]
    assert listed(beyond) == listed(first)
    assert 'href="?q=commerce&amp;page=2"' in first.content.decode()
    assert "Page 1 of 2" in first.content.decode()


def test_engaged_list_queries_do_not_grow_with_rows(client):
    edition = published_edition()
    win(edition, engaged(edition, "A"))
    one = count_queries(client, "/en/employers/")
    engaged(edition, "B", municipality_name="Magog")
    engaged(edition, "C", municipality_name="Coaticook")

    three = count_queries(client, "/en/employers/")

    assert len(listed(client.get("/en/employers/"))) == 3
    assert one == three


# An employer's page.


def test_employer_page_shows_profile_editions_awards_and_share_tags(client):
    first = published_edition()
    second = published_edition()
    employer = engaged(first, "Café Élan", boss_name="Ginette Roy")
    engaged(second, "Café Élan", boss_name="Ginette Roy")
    Employer.objects.filter(pk=employer.pk).update(
        sector="food_service",
        description="Un café de quartier.",
        website="https://cafe-elan.example",
        logo_thumbnail="employers/logos/thumbnail.png",
    )
    win(second, employer)
    prize(first, employer, "Coup de cœur")

    response = client.get(f"/en/employers/{employer.pk}/")
    page = response.content.decode()

    profile = response.context["profile"]
    assert [engagement.edition for engagement in profile.engagements] == [second, first]
    assert [engagement.is_winner for engagement in profile.engagements] == [True, False]
    assert '<img class="employer-logo" src="/media/employers/logos/thumbnail.png" alt=""' in page
    assert "Restaurants and food service" in page
    assert "Un café de quartier." in page
    assert '<a href="https://cafe-elan.example" rel="nofollow noopener">' in page
    assert "Best boss of Sherbrooke" in page
    assert "Coup de cœur" in page
    assert "Boss: Ginette Roy" in page
    assert (
        f'<meta property="og:image" content="http://testserver/en/employers/{employer.pk}/share.png">' in page
    )
    assert '<meta property="og:title" content="Café Élan">' in page


def test_employer_page_answers_404_until_the_employer_is_engaged_in_an_announced_edition(client):
    edition = make_edition(Phase.DELIBERATION)
    employer = engaged(edition, "Café Élan")
    only_confirmed = make_employer("Pas Encore Vu")
    make_nomination(edition=published_edition(), employer=only_confirmed)
    url = f"/en/employers/{employer.pk}/"

    embargo(edition)
    under_embargo = client.get(url).status_code
    announce(edition)
    after = client.get(url).status_code

    assert (under_embargo, after) == (404, 200)
    assert client.get(f"/en/employers/{only_confirmed.pk}/").status_code == 404
    assert client.get("/en/employers/999999/").status_code == 404


def test_employer_page_does_not_show_editions_still_under_embargo(client):
    announced = published_edition()
    hidden = make_edition(Phase.DELIBERATION)
    employer = engaged(announced, "Café Élan")
    engaged(hidden, "Café Élan", consent_publish_testimonial=True, testimonial="Secret jusqu'à l'annonce.")
    win(hidden, employer)
    embargo(hidden)

    response = client.get(f"/en/employers/{employer.pk}/")

    assert [engagement.edition for engagement in response.context["profile"].engagements] == [announced]
    assert "Secret jusqu'à l'annonce." not in response.content.decode()
    assert "Best boss" not in response.content.decode()


def test_opted_out_employer_has_no_public_page(client):
    edition = published_edition()
    employer = engaged(edition, "Garage Discret")
    opt_out(employer)

    assert client.get(f"/en/employers/{employer.pk}/").status_code == 404


def test_employer_page_queries_do_not_grow_with_editions_and_quotes(client):
    editions = [published_edition() for _ in range(3)]
    employer = engaged(editions[0], "Café Élan", consent_publish_testimonial=True)
    url = f"/en/employers/{employer.pk}/"
    one = count_queries(client, url)
    for edition in editions[1:]:
        engaged(edition, "Café Élan", consent_publish_testimonial=True, testimonial="")
        nomination = employer.nominations.get(edition=edition)
        nomination.answers.create(criterion=edition.criteria.first(), text="Réponse.")
        win(edition, employer)

    three = count_queries(client, url)

    assert len(client.get(url).context["profile"].engagements) == 3
    assert one == three


# Leaderboard.


def test_leaderboard_before_publication_counts_nominations_and_employers_per_territory(client):
    edition = make_edition(Phase.NOMINATIONS)
    resto = make_employer("Resto", municipality_name="Sherbrooke")
    make_nomination(edition=edition, employer=resto)
    make_nomination(edition=edition, employer=resto, status=NominationStatus.ELIGIBLE)
    make_nomination(edition=edition, employer=make_employer(municipality_name="Sherbrooke"))
    make_nomination(edition=edition, employer=make_employer(municipality_name="Magog"))
    make_nomination(edition=edition, employer=make_employer(), status=NominationStatus.PENDING)
    make_nomination(edition=edition, employer=make_employer(), status=NominationStatus.SPAM)
    make_nomination(edition=make_edition(Phase.NOMINATIONS), employer=make_employer())

    response = client.get(f"/en/leaderboard/{edition.year}/")

    counts = {t.name: (t.nominations, t.employers_nominated) for t in response.context["territories"]}
    assert response.context["published"] is False
    assert len(counts) == 9
    assert counts["Sherbrooke"] == (3, 2)
    assert counts["Memphrémagog"] == (1, 1)
    assert counts["Coaticook"] == (0, 0)
    assert (response.context["total_nominations"], response.context["total_employers"]) == (4, 3)
    assert "Resto" not in response.content.decode()


def test_leaderboard_without_year_shows_the_current_edition(client):
    make_edition(Phase.DELIBERATION)
    current = make_edition(Phase.NOMINATIONS)

    response = client.get("/en/leaderboard/")

    assert response.context["edition"] == current


def test_leaderboard_of_an_unknown_or_upcoming_edition_answers_404(client):
    upcoming = make_edition(Phase.UPCOMING)
    assert client.get(f"/en/leaderboard/{upcoming.year}/").status_code == 404
    assert client.get("/en/leaderboard/1999/").status_code == 404


class Scored:
    """An edition in its jury window with two criteria (a juror giving (a, b) submits 15a + 10b)."""

    def __init__(self):
        self.edition = make_edition(Phase.JURY)
        self.criteria = use_two_criteria(self.edition)

    def candidacy(self, name, town, *pairs):
        """An engaged employer of the town, scored by one new juror per (a, b) pair."""
        employer = engaged(self.edition, name, municipality_name=town)
        candidacy = Candidacy.objects.get(edition=self.edition, employer=employer)
        schedule, hours = self.criteria
        for a, b in pairs:
            save_evaluation(
                assignment=assign(candidacy, make_juror()),
                values={schedule.pk: a, hours.pk: b},
                submit=True,
            )
        return employer

    def close_jury(self):
        """The jury window closes: deliberation, not yet announced."""
        now = timezone.now()
        Edition.objects.filter(pk=self.edition.pk).update(
            nominations_open_at=now - dt.timedelta(days=90),
            nominations_close_at=now - dt.timedelta(days=60),
            jury_open_at=now - dt.timedelta(days=40),
            jury_close_at=now - dt.timedelta(days=10),
            announce_at=now + dt.timedelta(days=5),
        )
        self.edition.refresh_from_db()

    def announce(self):
        self.close_jury()
        return announce(self.edition)


@pytest.fixture
def scored(db):
    return Scored()


def test_leaderboard_after_announcement_ranks_each_territory_up_to_the_leaderboard_size(client, scored):
    Edition.objects.filter(pk=scored.edition.pk).update(leaderboard_size=3)
    first = scored.candidacy("Premier", "Sherbrooke", (4, 4), (3, 2))  # 100, 65 → 82.5
    scored.candidacy("Deuxième", "Sherbrooke", (4, 4), (3, 2), (2, 1))  # 100, 65, 40 → 68.33
    scored.candidacy("Troisième", "Sherbrooke", (2, 1), (3, 1))  # 40, 55 → 47.5
    scored.candidacy("Quatrième", "Sherbrooke", (1, 1))  # 25
    scored.candidacy("Magog Seul", "Magog", (1, 2))  # 35
    engaged(scored.edition, "Sans Note")  # no submitted evaluation: no rank
    url = f"/en/leaderboard/{scored.edition.year}/"

    scored.close_jury()
    under_embargo = client.get(url)
    scored.announce()
    win(scored.edition, first)
    response = client.get(url)
    page = response.content.decode()

    assert under_embargo.context["published"] is False
    assert "Premier" not in under_embargo.content.decode()
    rankings = {
        ranking.territory.name: [
            (row.rank, row.employer.name, row.score, row.is_winner) for row in ranking.rows
        ]
        for ranking in response.context["rankings"]
    }
    assert rankings == {
        "Memphrémagog": [(1, "Magog Seul", Decimal("35.0"), False)],
        "Sherbrooke": [
            (1, "Premier", Decimal("82.5"), True),
            (2, "Deuxième", Decimal("68.3"), False),
            (3, "Troisième", Decimal("47.5"), False),
        ],
    }
    assert "Quatrième" not in page
    assert "Sans Note" not in page
    assert "68.3" in page
    assert page.index("Memphrémagog") < page.index("Premier")


def test_leaderboard_leaves_out_employers_who_opted_out_but_keeps_the_ranks(client, scored):
    scored.candidacy("Premier", "Sherbrooke", (4, 4))
    hidden = scored.candidacy("Garage Discret", "Sherbrooke", (3, 3))
    scored.candidacy("Troisième", "Sherbrooke", (2, 2))
    opt_out(hidden)
    scored.announce()

    response = client.get(f"/en/leaderboard/{scored.edition.year}/")
    page = response.content.decode()

    (sherbrooke,) = response.context["rankings"]
    assert [(row.rank, row.employer.name) for row in sherbrooke.rows] == [(1, "Premier"), (3, "Troisième")]
    assert sherbrooke.hidden == 1
    assert "Garage Discret" not in page
    assert "Ranks of employers who opted out of the public pages are not shown." in page


def test_published_leaderboard_queries_do_not_grow_with_candidacies(client):
    small, large = Scored(), Scored()
    small.candidacy("A", "Sherbrooke", (4, 4))
    large.candidacy("B", "Sherbrooke", (4, 4), (2, 2))
    large.candidacy("C", "Magog", (2, 2))
    large.candidacy("D", "Coaticook", (1, 1), (3, 3))
    small.announce()
    large.announce()

    one = count_queries(client, f"/en/leaderboard/{small.edition.year}/")
    three = count_queries(client, f"/en/leaderboard/{large.edition.year}/")

    assert len(client.get(f"/en/leaderboard/{large.edition.year}/").context["rankings"]) == 3
    assert one == three


def test_counting_leaderboard_queries_do_not_grow_with_nominations(client):
    edition = make_edition(Phase.NOMINATIONS)
    make_nomination(edition=edition)
    url = f"/en/leaderboard/{edition.year}/"
    one = count_queries(client, url)
    make_nomination(edition=edition, employer=make_employer(municipality_name="Magog"))
    make_nomination(edition=edition, employer=make_employer(municipality_name="Coaticook"))

    three = count_queries(client, url)

    assert client.get(url).context["total_nominations"] == 3
    assert one == three


# Editions and navigation.


def test_editions_page_links_results_only_of_announced_editions(client):
    announced = published_edition()
    hidden = embargo(make_edition(Phase.DELIBERATION))
    running = make_edition(Phase.NOMINATIONS)
    upcoming = make_edition(Phase.UPCOMING)

    response = client.get("/en/editions/")
    page = response.content.decode()

    summaries = {summary.edition.year: summary for summary in response.context["editions"]}
    assert list(summaries) == sorted(summaries, reverse=True)
    assert (summaries[announced.year].phase, summaries[announced.year].published) == (Phase.PUBLISHED, True)
    assert (summaries[hidden.year].phase, summaries[hidden.year].published) == (Phase.DELIBERATION, False)
    assert f'href="/en/winners/{announced.year}/"' in page
    assert f'href="/en/winners/{hidden.year}/"' not in page
    assert f'href="/en/leaderboard/{running.year}/"' in page
    assert f'href="/en/leaderboard/{upcoming.year}/"' not in page


def test_main_menu_and_home_link_to_the_results(client):
    page = body(client, "/en/")

    assert '<a href="/en/winners/">Winners</a>' in page
    assert '<a href="/en/employers/">Engaged employers</a>' in page
    assert '<a href="/en/leaderboard/">Leaderboard</a>' in page
    assert "Meet the winners of the latest edition" in page
    assert 'aria-current="page">Winners</a>' in body(client, "/en/winners/")
