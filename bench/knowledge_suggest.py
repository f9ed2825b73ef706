"""Suggestion-as-you-type for bench/knowledge.py: what a customer types into the portal's
new-request form (a title's or a text's 1–4 words, the last often cut mid-word), through
the selector and through the portal's JSON endpoint end to end (django.test.Client:
middleware, portal session, view, JSON)."""

from __future__ import annotations

import random
import time
from typing import Any

LANGUAGES = ("en", "it", "fi", "bg", "ro", "ar")


def typed_samples(language: str, count: int, rng: random.Random) -> list[str]:
    from cortesia.culture.search_terms import tokens
    from cortesia.knowledge.models import SearchDocument

    ids = list(
        SearchDocument.objects.filter(language=language, passage=0, scope="public").values_list(
            "pk", flat=True
        )
    )
    found: list[str] = []
    for pk in rng.sample(ids, min(len(ids), count * 2)):
        if len(found) == count:
            break
        document = SearchDocument.objects.select_related("translation").get(pk=pk)
        text = document.translation.title if rng.random() < 0.4 else document.text[:600]
        words = text.split()
        start = rng.randrange(max(1, len(words) - 4))
        chosen = words[start : start + rng.randint(1, 4)]
        typed = " ".join(chosen) + " "
        if chosen and rng.random() < 0.6 and tokens(chosen[-1], language):
            last = chosen[-1]  # still typing the last word
            typed = " ".join([*chosen[:-1], last[: rng.randint(min(3, len(last)), len(last))]])
        if len(typed.strip()) >= 3:  # shorter: the form asks nothing
            found.append(typed)
    return found


def suggest_measure(queries: int, warm: int, percentiles: Any) -> dict[str, Any]:
    """p50/p99 of the selector and of the endpoint per language and overall, with the
    healthz floor of the same client."""
    from django.test import Client

    from cortesia.core.actor import Actor
    from cortesia.customers.services import CustomerData, customer_by_email, customer_create
    from cortesia.knowledge.suggestions import article_suggestions
    from cortesia.portal.links import link_issue

    rng = random.Random(20261206)
    selector_all: list[float] = []
    endpoint_all: list[float] = []
    floor: list[float] = []
    per_language: dict[str, Any] = {}
    for language in LANGUAGES:
        samples = typed_samples(language, 2 * queries + warm, rng)
        address = f"suggest-bench-{language}@example.com"
        customer = customer_by_email(address) or customer_create(
            data=CustomerData(given_name="Bench", language=language, emails=[address]),
            actor=Actor.system(),
        )
        client = Client()
        token = link_issue(customer=customer, address=address).token
        if client.post(f"/portal/sign-in/{token}/").status_code != 302:
            raise SystemExit("the bench customer could not sign in to the portal")
        for typed in samples[:warm]:
            article_suggestions(typed=typed, language=language)
            client.get("/portal/requests/suggestions/", {"q": typed})
        selector: list[float] = []
        endpoint: list[float] = []
        # different strings for each, so neither reads pages the other just read
        for typed, other in zip(samples[warm::2], samples[warm + 1 :: 2], strict=False):
            began = time.perf_counter()
            article_suggestions(typed=typed, language=language)
            selector.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            response = client.get("/portal/requests/suggestions/", {"q": other})
            endpoint.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"suggestions answered {response.status_code}")
            began = time.perf_counter()
            client.get("/healthz")
            floor.append((time.perf_counter() - began) * 1000)
        per_language[language] = {
            "selector": percentiles(selector),
            "portal_endpoint": percentiles(endpoint),
        }
        selector_all += selector
        endpoint_all += endpoint
    return {
        "how": "django.test.Client in this process (no server, no network)",
        "selector": percentiles(selector_all),
        "portal_endpoint": percentiles(endpoint_all),
        "floor_healthz_same_client": percentiles(floor),
        "by_language": per_language,
    }
