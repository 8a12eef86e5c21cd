"""Settings shared by every environment. Secrets and hosts come from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tables2",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "contest",
    "nominations",
    "jury",
]

MIDDLEWARE = [
    "config.middleware.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Refuses (400) NUL characters, bytes that are not UTF-8 and unparsable form bodies, before
    # anything reads the request.
    "config.middleware.MalformedRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "config.middleware.StaffMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "contest.context_processors.roles",
            ],
        },
    },
]

# Persistent connections: a worker keeps its connection for DATABASE_CONN_MAX_AGE seconds instead of
# opening one per request (on PostgreSQL the connection setup alone can halve a cached page's
# throughput); the health check replaces a connection that the server closed meanwhile.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: e-mail login, no public sign-up (jurors are invited by staff).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "config.adapters.ClosedAccountAdapter"
# Tell people when their password or second factor changes; no e-mails to unknown addresses on request.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Throttling, kept in the cache (CACHES below; Redis in production when REDIS_URL is set, so that every
# worker process shares the counters). Format: "<count>/<period><unit>/<ip|key|user>", comma-separated.
# "login_failed" per key counts failed logins per e-mail address: past the limit, even the right
# password is refused until the window ends. The admin signs in through this same page.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
    "signup": "20/m/ip",
}
# The client address behind reverse proxies (same count as the nomination form's rate limit).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
# Two-factor authentication: an authenticator app (TOTP) with recovery codes, for every account; the
# security policy (contest.models.SecurityPolicy) can make it compulsory for staff.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mon boss c'est le meilleur"
# allauth refuses an authenticator while an address is unverified, against strangers signing up with
# someone else's address; here nobody signs up, staff set the addresses and none is ever verified by
# e-mail (ACCOUNT_EMAIL_VERIFICATION = "none"): a password-reset request made an unverified one, which
# locked staff out when the security policy requires two-factor authentication.
MFA_ALLOW_UNVERIFIED_EMAIL = True
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "contest:home"
DJANGO_TABLES2_TEMPLATE = "includes/table.html"

# Internationalisation: French (Québec) first, English complete.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: refuse oversized bodies early; the photo validator applies its own, smaller limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "mon-boss",
    }
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Mon boss c'est le meilleur <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Content Security Policy (django-csp 4): no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by config.middleware.PermissionsPolicyMiddleware: no page of the site uses these features.
PERMISSIONS_POLICY = {feature: [] for feature in ("camera", "microphone", "geolocation", "payment", "usb")}
SESSION_COOKIE_HTTPONLY = True

# Nominations.
NOMINATION_CONFIRM_MAX_AGE = int(os.environ.get("NOMINATION_CONFIRM_MAX_AGE", 3 * 24 * 3600))
# A human needs more than this to fill the form; faster posts are treated as bots.
NOMINATION_MIN_FILL_SECONDS = int(os.environ.get("NOMINATION_MIN_FILL_SECONDS", 5))
NOMINATION_FORM_MAX_AGE = 24 * 3600
# Per client address and hour. Schools share one address, so keep it generous.
NOMINATION_RATE_LIMIT = int(os.environ.get("NOMINATION_RATE_LIMIT", 20))
NOMINATION_RATE_WINDOW = 3600
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
# Privacy (Québec's Law 25): the person in charge of the protection of personal information (named on
# the privacy policy; empty name: the organisation's highest authority, as the law says), how many days a
# parent or tutor has to consent for a nominator under 14, and how long after its confirmation link
# expires an unconfirmed nomination is destroyed (manage.py purge_unconsented).
PRIVACY_OFFICER_NAME = os.environ.get("PRIVACY_OFFICER_NAME", "")
PRIVACY_OFFICER_EMAIL = os.environ.get("PRIVACY_OFFICER_EMAIL", "vie-privee@example.org")
PARENTAL_CONSENT_DAYS = int(os.environ.get("PARENTAL_CONSENT_DAYS", 14))
UNCONFIRMED_PURGE_MARGIN = 24 * 3600
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_MAX_SIDE = 1600

# Every handler redacts private links (request logs name the path). The "django" logger is declared so
# that Django's own handlers (a console one under DEBUG, mail_admins) are replaced by this one: errors
# are never e-mailed, since Django's report would carry the request's form data (a youth's name, e-mail
# and age); they go to the server's log (journalctl -u monboss, docs/deploy.md), redacted.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_private_links": {"()": "config.logging.RedactPrivateLinks"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_private_links"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
