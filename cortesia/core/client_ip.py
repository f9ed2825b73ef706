"""Work out the client's address, trusting ``X-Forwarded-For`` only from known proxies."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries: Sequence[str]) -> tuple[Network, ...]:
    """Parse proxy addresses or CIDR ranges; raises ValueError naming a bad entry."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(
                f"CORTESIA_TRUSTED_PROXIES holds {entry!r}, which is not an address or range."
            ) from None
    return tuple(networks)


def _is_trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in proxies)


def client_ip(remote_addr: str, forwarded_for: str, proxies: tuple[Network, ...]) -> str:
    """Return the first address, walking ``X-Forwarded-For`` right to left, not a proxy.

    Without trusted proxies the header is ignored: anyone can send it.
    """
    if not proxies or not _is_trusted(remote_addr, proxies):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, proxies):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote_addr
    return remote_addr
