"""The employer's claim link: its scope, the profile form (logo, description, website, opt-out) and the
staff's action that e-mails the link."""

import datetime as dt
import io
import re
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from contest.domain.editions import publish_edition
from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from contest.enums import Phase
from jury.enums import AwardKind
from jury.models import Award
from nominations.domain.employers import (
    CLAIM_MAX_AGE,
    employer_for_claim_token,
    make_claim_token,
    update_employer_profile,
)
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer
from tests.factories import make_edition, make_employer, make_nomination

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _profile_url(employer, language="en", token=None) -> str:
    return f"/{language}/employer/{token or make_claim_token(employer)}/"


def _form(**overrides) -> dict:
    return {"description": "", "website": "", **overrides}


def _image_bytes(fmt="PNG", size=(300, 150), mode="RGB", exif=True) -> bytes:
    colour = (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)
    image = Image.new(mode, size, colour)
    kwargs = {}
    if exif and fmt in {"JPEG", "WEBP", "PNG"}:
        data = Image.Exif()
        data[0x010E] = "secret description"
        data[0x013B] = "Ginette Roy"
        kwargs["exif"] = data.tobytes()
    output = io.BytesIO()
    image.save(output, format=fmt, **kwargs)
    return output.getvalue()


def _upload(content: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _published_edition():
    edition = make_edition(Phase.DELIBERATION)
    return publish_edition(edition=edition, announce_at=timezone.now() - dt.timedelta(days=1))


def _engage(edition, employer):
    make_nomination(edition=edition, employer=employer, status=NominationStatus.ELIGIBLE)
    return Candidacy.objects.get_or_create(edition=edition, employer=employer)[0]


# Scope of the link -------------------------------------------------------------------------------


def test_claim_page_opens_its_employer_privately(client):
    employer = make_employer("Resto Chez Ginette")

    response = client.get(_profile_url(employer))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Resto Chez Ginette" in body
    assert '<meta name="robots" content="noindex">' in body
    assert "no-store" in response.headers["Cache-Control"]


def test_claim_page_never_shows_another_employer(client):
    mine = make_employer("Resto Chez Ginette")
    make_employer("Garage Tremblay")

    body = client.get(_profile_url(mine)).content.decode()

    assert "Resto Chez Ginette" in body
    assert "Garage Tremblay" not in body


def test_altered_claim_token_answers_404(client):
    employer = make_employer()
    other = make_employer()
    token = make_claim_token(employer)
    signature = token.split(":", 1)[1]
    forged = signing.dumps(other.pk, salt="nominations.employer-claim").split(":", 1)[0] + ":" + signature

    assert client.get(_profile_url(employer, token=forged)).status_code == 404
    assert client.get(_profile_url(employer, token=token[:-2])).status_code == 404
    assert client.get(_profile_url(employer, token="not-a-token")).status_code == 404


def test_token_signed_for_another_purpose_answers_404(client):
    employer = make_employer()

    assert client.get(_profile_url(employer, token=signing.dumps(employer.pk))).status_code == 404


def test_expired_claim_token_answers_404(client, monkeypatch):
    employer = make_employer()
    real_time = time.time
    with monkeypatch.context() as patched:
        patched.setattr(time, "time", lambda: real_time() - CLAIM_MAX_AGE - 60)
        token = make_claim_token(employer)

    assert client.get(_profile_url(employer, token=token)).status_code == 404


def test_claim_token_of_a_deleted_employer_answers_404(client):
    employer = make_employer()
    token = make_claim_token(employer)
    employer.delete()

    assert client.get(f"/en/employer/{token}/").status_code == 404


def test_posting_with_one_employers_token_changes_only_that_employer(client):
    mine, other = make_employer(), make_employer()

    client.post(_profile_url(mine), _form(description="Notre équipe"))

    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.description == "Notre équipe"
    assert other.description == ""
    assert other.claimed_at is None


# Profile ---------------------------------------------------------------------------------------------


def test_first_save_claims_the_profile_and_stores_everything(client):
    employer = make_employer()

    response = client.post(
        _profile_url(employer),
        _form(
            description="  Une boulangerie familiale.  ",
            website="https://boulangerie.example",
            public_opt_out="on",
        ),
    )

    employer.refresh_from_db()
    assert response.status_code == 302
    assert response.headers["Location"] == _profile_url(
        employer, token=response.wsgi_request.path.split("/")[3]
    )
    assert employer.description == "Une boulangerie familiale."
    assert employer.website == "https://boulangerie.example"
    assert employer.public_opt_out is True
    assert employer.claimed_at is not None


def test_later_saves_keep_the_first_claim_time():
    employer = make_employer()
    first = update_employer_profile(employer=employer, description="a", website="", public_opt_out=False)
    claimed_at = first.claimed_at

    update_employer_profile(employer=employer, description="b", website="", public_opt_out=True)

    employer.refresh_from_db()
    assert employer.claimed_at == claimed_at
    assert employer.description == "b"
    assert employer.public_opt_out is True


def test_opt_out_can_be_undone(client):
    employer = make_employer()
    client.post(_profile_url(employer), _form(public_opt_out="on"))

    client.post(_profile_url(employer), _form())

    employer.refresh_from_db()
    assert employer.public_opt_out is False


def test_profile_update_leaves_the_staffs_fields_alone():
    employer = make_employer("Resto Chez Ginette")
    Employer.objects.filter(pk=employer.pk).update(contact_email="info@ginette.example")
    employer.refresh_from_db()

    update_employer_profile(employer=employer, description="x", website="", public_opt_out=False)

    employer.refresh_from_db()
    assert employer.name == "Resto Chez Ginette"
    assert employer.contact_email == "info@ginette.example"


def test_website_without_scheme_is_taken_as_https(client):
    employer = make_employer()

    client.post(_profile_url(employer), _form(website="boulangerie.example"))

    employer.refresh_from_db()
    assert employer.website == "https://boulangerie.example"


@pytest.mark.parametrize(
    "website", ["ftp://boulangerie.example", "javascript:alert(1)", "http://", "pas un site"]
)
def test_website_other_than_http_or_https_is_refused_next_to_the_field(client, website):
    employer = make_employer()

    response = client.post(_profile_url(employer), _form(website=website, description="Gardé"))

    body = response.content.decode()
    employer.refresh_from_db()
    assert response.status_code == 400
    assert (
        '<p class="error-text" id="id_website_error">'
        "Enter a valid web address that starts with http:// or https://.</p>"
    ) in body
    assert "Gardé" in body
    assert employer.website == ""
    assert employer.claimed_at is None


def test_domain_refuses_a_website_with_another_scheme():
    employer = make_employer()

    with pytest.raises(ValueError, match="website_scheme"):
        update_employer_profile(
            employer=employer, description="", website="ftp://example.org", public_opt_out=False
        )


def test_description_too_long_is_refused_and_kept_in_the_form(client):
    employer = make_employer()
    text = "é" * 601

    response = client.post(_profile_url(employer), _form(description=text))

    body = response.content.decode()
    employer.refresh_from_db()
    assert response.status_code == 400
    assert "Ensure this value has at most 600 characters (it has 601)." in body
    assert text in body
    assert employer.description == ""


def test_description_of_600_characters_is_accepted(client):
    employer = make_employer()

    response = client.post(_profile_url(employer), _form(description="a" * 600))

    employer.refresh_from_db()
    assert response.status_code == 302
    assert employer.description == "a" * 600


# Logo ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name", "content_type"),
    [
        ("PNG", "logo.png", "image/png"),
        ("JPEG", "logo.jpg", "image/jpeg"),
        ("WEBP", "logo.webp", "image/webp"),
    ],
)
def test_logo_is_reencoded_as_png_without_metadata_under_a_generated_name(client, fmt, name, content_type):
    employer = make_employer()
    upload = _upload(_image_bytes(fmt, size=(1600, 400)), f"Ginette {name}", content_type)

    response = client.post(_profile_url(employer), _form(logo_upload=upload))

    employer.refresh_from_db()
    assert response.status_code == 302
    assert re.fullmatch(r"employers/logos/[0-9a-f]{32}\.png", employer.logo.name)
    assert re.fullmatch(r"employers/logos/[0-9a-f]{32}\.png", employer.logo_thumbnail.name)
    raw = Path(employer.logo.path).read_bytes()
    logo = Image.open(employer.logo.path)
    thumbnail = Image.open(employer.logo_thumbnail.path)
    assert logo.format == "PNG"
    assert logo.size == (800, 200)
    assert thumbnail.format == "PNG"
    assert thumbnail.size == (200, 50)
    assert dict(logo.getexif()) == {}
    assert "exif" not in logo.info
    assert b"secret description" not in raw
    assert b"Ginette Roy" not in raw
    assert employer.claimed_at is not None


def test_small_logo_keeps_its_size_and_tall_logo_thumbnail_fits_200_pixels(client):
    employer = make_employer()

    client.post(_profile_url(employer), _form(logo_upload=_upload(_image_bytes(size=(120, 500)))))

    employer.refresh_from_db()
    assert Image.open(employer.logo.path).size == (120, 500)
    assert Image.open(employer.logo_thumbnail.path).size == (48, 200)


def test_transparent_logo_keeps_its_transparency(client):
    employer = make_employer()

    client.post(_profile_url(employer), _form(logo_upload=_upload(_image_bytes(mode="RGBA"))))

    employer.refresh_from_db()
    logo = Image.open(employer.logo.path)
    assert logo.mode == "RGBA"
    assert logo.getpixel((10, 10)) == (200, 30, 30, 128)


@pytest.mark.parametrize(
    ("content", "name", "content_type", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "image/svg+xml",
            "This file is not an image we can read, or it is damaged. Try another file.",
        ),
        (
            _image_bytes("GIF", exif=False),
            "logo.gif",
            "image/gif",
            "Only JPEG, PNG and WebP logos are accepted (no SVG or GIF).",
        ),
        (
            _image_bytes("PNG", size=(400, 400))[:300],
            "logo.png",
            "image/png",
            "This file is not an image we can read, or it is damaged. Try another file.",
        ),
    ],
    ids=["svg", "gif", "truncated"],
)
def test_bad_logo_is_refused_with_a_message_next_to_the_field(client, content, name, content_type, message):
    employer = make_employer()

    response = client.post(
        _profile_url(employer), _form(description="Gardé", logo_upload=_upload(content, name, content_type))
    )

    body = response.content.decode()
    employer.refresh_from_db()
    assert response.status_code == 400
    assert f'<p class="error-text" id="id_logo_upload_error">{message}</p>' in body.replace("&#x27;", "'")
    assert "Gardé" in body
    assert employer.logo.name == ""
    assert employer.claimed_at is None


def test_decompression_bomb_logo_is_refused(client, settings):
    settings.PHOTO_MAX_PIXELS = 10_000
    employer = make_employer()

    response = client.post(_profile_url(employer), _form(logo_upload=_upload(_image_bytes(size=(200, 200)))))

    employer.refresh_from_db()
    assert response.status_code == 400
    assert "This logo has too many pixels. Send a smaller image." in response.content.decode()
    assert employer.logo.name == ""


def test_oversize_logo_file_is_refused(client, settings):
    settings.PHOTO_MAX_BYTES = 1_048_576
    employer = make_employer()

    response = client.post(_profile_url(employer), _form(logo_upload=_upload(b"\x89PNG" + b"\0" * 1_300_000)))

    employer.refresh_from_db()
    assert response.status_code == 400
    assert "This logo is too large (1.2 MB). The limit is 1 MB." in response.content.decode()
    assert employer.logo.name == ""


def test_replacing_the_logo_deletes_the_old_files(client, django_capture_on_commit_callbacks):
    employer = make_employer()
    client.post(_profile_url(employer), _form(logo_upload=_upload(_image_bytes())))
    employer.refresh_from_db()
    old = [Path(employer.logo.path), Path(employer.logo_thumbnail.path)]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _profile_url(employer), _form(logo_upload=_upload(_image_bytes("JPEG"), "b.jpg", "image/jpeg"))
        )

    employer.refresh_from_db()
    assert [path.exists() for path in old] == [False, False]
    assert Path(employer.logo.path).exists()
    assert Path(employer.logo_thumbnail.path).exists()


def test_removing_the_logo_deletes_its_files(client, django_capture_on_commit_callbacks):
    employer = make_employer()
    client.post(_profile_url(employer), _form(logo_upload=_upload(_image_bytes())))
    employer.refresh_from_db()
    old = [Path(employer.logo.path), Path(employer.logo_thumbnail.path)]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_profile_url(employer), _form(remove_logo="on"))

    employer.refresh_from_db()
    assert response.status_code == 302
    assert employer.logo.name == ""
    assert employer.logo_thumbnail.name == ""
    assert [path.exists() for path in old] == [False, False]


def test_saving_without_a_new_logo_keeps_the_current_one(client):
    employer = make_employer()
    client.post(_profile_url(employer), _form(logo_upload=_upload(_image_bytes())))
    employer.refresh_from_db()
    logo = employer.logo.name

    client.post(_profile_url(employer), _form(description="Autre"))

    employer.refresh_from_db()
    assert employer.logo.name == logo


# Editions and downloads on the page -------------------------------------------------------------------


def test_page_lists_published_editions_with_downloads_and_not_the_embargoed_ones(client):
    employer = make_employer()
    published = _published_edition()
    _engage(published, employer)
    embargoed = make_edition(Phase.DELIBERATION)
    publish_edition(edition=embargoed, announce_at=timezone.now() + dt.timedelta(days=3))
    _engage(embargoed, employer)
    token = make_claim_token(employer)

    body = client.get(f"/en/employer/{token}/").content.decode()

    assert f"/en/employer/{token}/badge.png?year={published.year}&amp;lang=fr" in body
    assert f"/en/employer/{token}/badge.png?year={published.year}&amp;lang=en" in body
    assert f"/en/employer/{token}/certificate.pdf?year={published.year}&amp;lang=fr" in body
    assert f"/en/employer/{token}/certificate.pdf?year={published.year}&amp;lang=en" in body
    assert f"year={embargoed.year}" not in body


def test_page_without_published_edition_says_the_badge_comes_later(client):
    employer = make_employer()
    _engage(make_edition(Phase.JURY), employer)

    body = client.get(_profile_url(employer)).content.decode()

    assert "badge.png" not in body
    assert "Your badge and certificate will be here once the results" in body


def test_profile_page_queries_do_not_grow_with_its_editions(client):
    def queries_for(count):
        employer = make_employer()
        for _ in range(count):
            candidacy = _engage(_published_edition(), employer)
            Award.objects.create(
                edition=candidacy.edition,
                kind=AwardKind.TERRITORY_WINNER,
                territory=employer.territory,
                candidacy=candidacy,
            )
        url = _profile_url(employer)
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url).content.decode()
        # A winner is offered both badges, each in two languages.
        assert body.count("badge.png?year=") == 4 * count
        return len(queries)

    assert queries_for(1) == queries_for(3)


# The staff's action ----------------------------------------------------------------------------------


@pytest.fixture
def staff_client(db):
    user = User.objects.create_user("coordo@example.org", "coordo@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def _with_contact(employer, email="info@ginette.example"):
    Employer.objects.filter(pk=employer.pk).update(contact_email=email)
    employer.refresh_from_db()
    return employer


def test_staff_sends_the_claim_link_in_french_then_english(staff_client):
    employer = _with_contact(make_employer("Resto Chez Ginette"))

    response = staff_client.post(f"/en/staff/employers/{employer.pk}/send-claim-link/", follow=True)

    assert response.redirect_chain == [("/en/staff/", 302)]
    assert "The claim link was sent to the contact of Resto Chez Ginette." in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert message.to == ["info@ginette.example"]
    assert message.subject == (
        "Le profil de votre entreprise au concours « Mon boss c'est le meilleur » / Your business's profile"
    )
    assert message.body.index("Bonjour") < message.body.index("Hello")
    french = re.findall(r"http://testserver/fr/employer/([^/\s]+)/", message.body)
    english = re.findall(r"http://testserver/en/employer/([^/\s]+)/", message.body)
    assert len(french) == len(english) == 1
    assert french == english
    assert employer_for_claim_token(french[0]) == employer
    assert f'href="http://testserver/fr/employer/{french[0]}/"' in html
    assert f'href="http://testserver/en/employer/{french[0]}/"' in html


def test_the_e_mailed_claim_link_opens_the_profile(staff_client, client):
    employer = _with_contact(make_employer("Resto Chez Ginette"))
    staff_client.post(f"/en/staff/employers/{employer.pk}/send-claim-link/")
    url = re.search(r"http://testserver(/en/employer/\S+/)", mail.outbox[0].body).group(1)

    response = client.get(url)

    assert response.status_code == 200
    assert "Resto Chez Ginette" in response.content.decode()


def test_claim_link_goes_back_to_a_safe_next_page(staff_client):
    employer = _with_contact(make_employer())

    back = staff_client.post(
        f"/en/staff/employers/{employer.pk}/send-claim-link/", {"next": "/en/staff/screening/?page=2"}
    )
    away = staff_client.post(
        f"/en/staff/employers/{employer.pk}/send-claim-link/", {"next": "https://evil.example/"}
    )

    assert back.headers["Location"] == "/en/staff/screening/?page=2"
    assert away.headers["Location"] == "/en/staff/"


def test_claim_link_without_contact_e_mail_says_so_and_sends_nothing(staff_client):
    employer = make_employer("Garage Tremblay")

    response = staff_client.post(f"/en/staff/employers/{employer.pk}/send-claim-link/", follow=True)

    assert "Garage Tremblay has no contact e-mail: add one before sending the claim link." in (
        response.content.decode()
    )
    assert mail.outbox == []


def test_claim_link_of_an_unknown_employer_answers_404(staff_client):
    assert staff_client.post("/en/staff/employers/999999/send-claim-link/").status_code == 404


def test_claim_link_is_post_only_and_for_staff_only(staff_client, client):
    employer = _with_contact(make_employer())
    juror = User.objects.create_user("jure@example.org", "jure@example.org", "pw")
    juror.groups.add(Group.objects.get(name=JUROR_GROUP))
    client.force_login(juror, backend=MODEL_BACKEND)
    url = f"/en/staff/employers/{employer.pk}/send-claim-link/"

    assert staff_client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert mail.outbox == []
