from __future__ import annotations

import pytest

from cortesia.core.client_ip import client_ip, parse_networks

PROXIES = parse_networks(["10.0.0.0/8", "::1"])


def test_header_is_ignored_without_trusted_proxies() -> None:
    assert client_ip("203.0.113.9", "198.51.100.1", ()) == "203.0.113.9"


def test_header_is_ignored_from_an_untrusted_peer() -> None:
    assert client_ip("203.0.113.9", "198.51.100.1", PROXIES) == "203.0.113.9"


def test_rightmost_untrusted_hop_is_the_client() -> None:
    # A client may prepend anything; only hops added by our proxies are believed.
    forwarded = "1.1.1.1, 198.51.100.7, 10.1.2.3"
    assert client_ip("10.0.0.2", forwarded, PROXIES) == "198.51.100.7"


def test_garbage_hop_falls_back_to_the_peer() -> None:
    assert client_ip("10.0.0.2", "not-an-ip", PROXIES) == "10.0.0.2"


def test_bad_proxy_entry_is_named() -> None:
    with pytest.raises(ValueError, match="CORTESIA_TRUSTED_PROXIES holds 'nope'"):
        parse_networks(["nope"])
