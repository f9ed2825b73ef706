"""The rate limits that guard authentication (numbers from the reliability plan, A7)."""

from __future__ import annotations

from datetime import timedelta

from cortesia.core.ratelimit import RateLimit

LOGIN_PER_IP = RateLimit("login-ip", limit=5, window=timedelta(seconds=20))
LOGIN_FAILURES_PER_ACCOUNT = RateLimit("login-account", limit=20, window=timedelta(minutes=5))
TWO_FACTOR_PER_ACCOUNT = RateLimit("2fa-account", limit=5, window=timedelta(minutes=5))
RESET_PER_ACCOUNT = RateLimit("reset-account", limit=5, window=timedelta(hours=1))
RESET_PER_IP = RateLimit("reset-ip", limit=20, window=timedelta(hours=1))
