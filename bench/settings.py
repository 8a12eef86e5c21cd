"""Benchmark settings: the test settings (DEBUG off, no SSL redirect), a bare view in the URLs."""

from config.settings.test import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
# The load runs send many requests from one address: throttling would measure refusals.
ACCOUNT_RATE_LIMITS = False
