"""Production: every secret and host from the environment; refuses to start without them."""

import copy
import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to at least 50 random characters.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must point to the PostgreSQL database.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# WhiteNoise serves the collected static files, right after the security middleware.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1  # noqa: F405
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],  # noqa: F405
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files (photos, logos) on S3-compatible storage (django-storages) when a bucket is named, so
# that several app servers share them; otherwise on disk under MEDIA_ROOT. The bucket stays private:
# every link is signed and expires (photos of youths are personal information).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _s3_endpoint = os.environ.get("AWS_S3_ENDPOINT_URL", "")
    _s3_region = os.environ.get("AWS_S3_REGION_NAME", "")
    _s3_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty: boto3 finds the credentials itself (its environment variables, an instance role).
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "endpoint_url": _s3_endpoint or None,
            "region_name": _s3_region or None,
            "custom_domain": _s3_domain or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            "default_acl": None,
            "querystring_auth": True,
            "signature_version": "s3v4",
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", 3600)),
            "file_overwrite": False,
        },
    }
    # The pages show these images: the Content Security Policy must allow their origin.
    if _s3_domain:
        _media_origins = [f"https://{_s3_domain}"]
    elif _s3_endpoint:
        _endpoint = urlsplit(_s3_endpoint)
        _media_origins = [
            f"{_endpoint.scheme}://{_endpoint.netloc}",
            f"{_endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{_endpoint.netloc}",
        ]
    else:
        _media_origins = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]
        if _s3_region:
            _media_origins.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{_s3_region}.amazonaws.com")
    CONTENT_SECURITY_POLICY = copy.deepcopy(CONTENT_SECURITY_POLICY)  # noqa: F405
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [
        *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
        *_media_origins,
    ]

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# A shared cache when REDIS_URL is set (redis://host:6379/0): every worker and every app server then
# counts the same rate limits and reads the same sessions. Sessions are cached in Redis and written to
# the database too (cached_db), so that restarting or emptying Redis logs nobody out.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

LOGGING["root"]["level"] = "INFO"  # noqa: F405
# Logs go to standard output, where systemd's journal (or the container runtime) collects them.
LOGGING["handlers"]["console"]["stream"] = "ext://sys.stdout"  # noqa: F405
LOGGING["loggers"]["django.security.DisallowedHost"] = {"handlers": [], "propagate": False}  # noqa: F405
