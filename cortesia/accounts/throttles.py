"""The rate limits that guard authentication.

Sign-in follows one rule: the attacker is slowed down, the real user still gets in.

1. Every attempt counts against the client address: 5 per 20 seconds per address.
2. A failed password counts against the pair (account, address): after 20 failures in
   5 minutes that address may not try that account again until the window ends. Other
   addresses, including the real user's, are not affected.
3. A failed password also counts against the account's budget across all addresses:
   100 failures per hour. Once it is spent, each address gets one failed guess at that
   account per hour (after that its attempts are refused until the hour ends). This bounds
   guessing from many addresses to the budget plus one guess per address and hour, while
   an address that has not failed (the real user's) is never refused: a correct password,
   followed by the second factor when the user has one, always signs in.

Nothing here locks an account: a lock-out would let anyone who knows a username keep its
owner out. The second factor has its own limit (5 wrong codes per 5 minutes per account),
which only someone who knows the password can spend. Password-reset mails are limited per
account and per address, invitation links per address.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from cortesia.core.ratelimit import RateLimit

LOGIN_PER_IP = RateLimit("login-ip", limit=5, window=timedelta(seconds=20))
LOGIN_FAILURES_PER_ACCOUNT_AND_IP = RateLimit(
    "login-account-ip", limit=20, window=timedelta(minutes=5)
)
LOGIN_FAILURE_BUDGET_PER_ACCOUNT = RateLimit("login-account", limit=100, window=timedelta(hours=1))
# Counted only while the account's budget is spent: one failed guess per address and hour.
LOGIN_FAILURES_OVER_BUDGET_PER_ACCOUNT_AND_IP = RateLimit(
    "login-account-ip-over-budget", limit=1, window=timedelta(hours=1)
)
TWO_FACTOR_PER_ACCOUNT = RateLimit("2fa-account", limit=5, window=timedelta(minutes=5))
# Invitation links, opened or submitted, per address: the sign-in page's pace, so that
# guessing links is as slow as guessing passwords.
INVITATION_PER_IP = RateLimit("invitation-ip", limit=5, window=timedelta(seconds=20))
RESET_PER_ACCOUNT = RateLimit("reset-account", limit=5, window=timedelta(hours=1))
RESET_PER_IP = RateLimit("reset-ip", limit=20, window=timedelta(hours=1))
# Requests per API token, across all web processes (CORTESIA_API_REQUESTS_PER_MINUTE).
API_REQUESTS_PER_TOKEN = RateLimit(
    "api-token", limit=settings.API_REQUESTS_PER_MINUTE, window=timedelta(minutes=1)
)
