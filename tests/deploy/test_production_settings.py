"""The production settings switch to shared services when the environment names them: Redis for the cache
and the sessions, S3-compatible storage for uploaded files; without them, the local cache and the disk.

Each case imports the settings in a fresh interpreter, since they are read once, at start-up."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_ALLOWED_HOSTS": "monboss.example.org",
    # Any valid address: reading the settings does not connect to the database.
    "DATABASE_URL": "postgres://monboss:not-a-password@127.0.0.1:5432/not_connected",
}
# Variables of the surrounding environment that would change what production reads.
LEFT_OUT = (
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_LOCATION",
    "AWS_QUERYSTRING_EXPIRE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "DJANGO_MEDIA_ROOT",
)
# Prints, as JSON, the settings these tests look at (the settings only: no connection to Redis or S3).
READ_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "session_engine": settings.SESSION_ENGINE,
    "session_cache_alias": settings.SESSION_CACHE_ALIAS,
    "default_storage": settings.STORAGES["default"],
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "log_stream": settings.LOGGING["handlers"]["console"].get("stream"),
}))
"""


def production_settings(**environment: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in LEFT_OUT}
    env.update(PRODUCTION_ENVIRONMENT, DJANGO_SECRET_KEY=secrets.token_urlsafe(64))
    env.update(environment)
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", READ_SETTINGS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_without_redis_the_cache_is_local_and_sessions_are_in_the_database():
    read = production_settings()

    assert read["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert read["session_engine"] == "django.contrib.sessions.backends.db"


def test_with_redis_url_the_cache_and_the_sessions_are_in_redis():
    read = production_settings(REDIS_URL="redis://127.0.0.1:6379/2")

    assert read["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert read["cache_location"] == "redis://127.0.0.1:6379/2"
    # Sessions are read from the Redis cache and also written to the database.
    assert read["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert read["session_cache_alias"] == "default"


def test_without_a_bucket_uploaded_files_are_on_disk_and_images_come_from_the_site_only():
    read = production_settings()

    assert read["default_storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert read["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert read["img_src"] == ["'self'", "data:"]


def test_with_s3_variables_uploaded_files_go_to_a_private_bucket():
    read = production_settings(
        AWS_STORAGE_BUCKET_NAME="monboss-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_REGION_NAME="ca-central-1",
        AWS_ACCESS_KEY_ID="an-access-key",
        AWS_SECRET_ACCESS_KEY="a-secret-key",
    )
    storage = read["default_storage"]

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "monboss-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert storage["OPTIONS"]["region_name"] == "ca-central-1"
    assert storage["OPTIONS"]["access_key"] == "an-access-key"
    assert storage["OPTIONS"]["secret_key"] == "a-secret-key"
    assert storage["OPTIONS"]["location"] == "media"
    # Private files: signed links that expire, never a public ACL, never an overwritten file.
    assert storage["OPTIONS"]["default_acl"] is None
    assert storage["OPTIONS"]["querystring_auth"] is True
    assert storage["OPTIONS"]["querystring_expire"] == 3600
    assert storage["OPTIONS"]["file_overwrite"] is False
    # The static files stay with WhiteNoise.
    assert read["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    # The pages may show images from the storage's origin, and from nowhere else.
    assert read["img_src"] == [
        "'self'",
        "data:",
        "https://s3.example.net",
        "https://monboss-media.s3.example.net",
    ]


def test_with_a_bucket_on_amazon_s3_images_are_allowed_from_the_bucket_only():
    read = production_settings(AWS_STORAGE_BUCKET_NAME="monboss-media", AWS_S3_REGION_NAME="ca-central-1")

    assert read["default_storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    # Without keys in the environment, boto3 finds them itself (an instance role, its own files).
    assert read["default_storage"]["OPTIONS"]["access_key"] is None
    assert read["default_storage"]["OPTIONS"]["secret_key"] is None
    assert read["img_src"] == [
        "'self'",
        "data:",
        "https://monboss-media.s3.amazonaws.com",
        "https://monboss-media.s3.ca-central-1.amazonaws.com",
    ]


def test_with_a_custom_domain_images_are_allowed_from_that_domain():
    read = production_settings(
        AWS_STORAGE_BUCKET_NAME="monboss-media", AWS_S3_CUSTOM_DOMAIN="media.example.org"
    )

    assert read["default_storage"]["OPTIONS"]["custom_domain"] == "media.example.org"
    assert read["img_src"] == ["'self'", "data:", "https://media.example.org"]


def test_production_logs_go_to_standard_output():
    assert production_settings()["log_stream"] == "ext://sys.stdout"
