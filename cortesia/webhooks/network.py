"""The outbound guard: webhooks reach only public addresses, or those an administrator
allowed with ``CORTESIA_OUTBOUND_ALLOWLIST``.

Refused without the allowlist: private, loopback, link-local, multicast, reserved,
unspecified and shared (carrier-grade NAT) addresses, IPv4 addresses mapped into IPv6, and
the cloud metadata addresses. The metadata addresses are refused even when a network of
the allowlist contains them; naming the host itself is the only way to reach one.

The check runs on the address actually connected to: the host name is resolved once, each
address is checked, and the connection goes to a checked address while the request (Host
header, TLS server name and certificate check) still names the host. A DNS answer that
changes between the check and the connection (rebinding) therefore cannot redirect it.
Redirects are never followed: a 3xx answer is a failed attempt like any other non-2xx.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(value)
    for value in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
EXCERPT_BYTES = 500
HOST_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
USER_AGENT = "Cortesia-Webhooks/1"


class TargetRefused(Exception):
    """The address is not one webhooks may reach; the message says why, without echoing
    anything the remote side sent."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str


@dataclass(frozen=True)
class Answer:
    status: int
    excerpt: str
    duration_ms: int


@dataclass(frozen=True)
class Allowlist:
    hosts: frozenset[str]
    networks: tuple[IpNetwork, ...]

    def names(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.hosts

    def contains(self, address: IpAddress) -> bool:
        return any(address in network for network in self.networks)


def allowlist_parse(entries: list[str]) -> Allowlist:
    """Split the allowlist's entries into host names and networks (an address alone is a
    network of one). Raises ValueError for an entry that is neither."""
    hosts: set[str] = set()
    networks: list[IpNetwork] = []
    for raw in entries:
        entry = raw.strip().lower()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            name = entry.rstrip(".")
            if not all(HOST_LABEL.fullmatch(label) for label in name.split(".")):
                raise ValueError(entry) from None
            hosts.add(name)
    return Allowlist(frozenset(hosts), tuple(networks))


def current_allowlist() -> Allowlist:
    return allowlist_parse(list(settings.CORTESIA_OUTBOUND_ALLOWLIST))


def _unmapped(address: IpAddress) -> IpAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def address_allowed(address: IpAddress, host: str, allowlist: Allowlist) -> bool:
    """Whether a connection to ``address`` (found for ``host``) may be made."""
    plain = _unmapped(address)
    if allowlist.names(host):
        return True
    if plain in METADATA_ADDRESSES or address in METADATA_ADDRESSES:
        return False
    if allowlist.contains(plain) or allowlist.contains(address):
        return True
    return plain.is_global and not plain.is_multicast and not plain.is_reserved


def target_parse(url: str) -> Target:
    """Split ``url`` into what a connection needs. Raises TargetRefused for a scheme other
    than http/https, credentials in the address, or no host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise TargetRefused(_("The address is not a valid URL.")) from None
    if parts.scheme not in ("http", "https"):
        raise TargetRefused(_("Only http:// and https:// addresses can receive webhooks."))
    if parts.username or parts.password:
        raise TargetRefused(_("Put no user name or password in the address; sign with the secret."))
    if not parts.hostname:
        raise TargetRefused(_("The address has no host."))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    default = 443 if parts.scheme == "https" else 80
    return Target(parts.scheme, parts.hostname, port or default, path)


def _resolve(target: Target) -> list[IpAddress]:
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise TargetRefused(_("The host name could not be resolved.")) from None
    found: list[IpAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


def target_check(url: str) -> tuple[Target, list[IpAddress]]:
    """Parse, resolve and check ``url``; return the target and the addresses that may be
    connected to (at least one). Raises TargetRefused."""
    target = target_parse(url)
    allowlist = current_allowlist()
    addresses = [
        address for address in _resolve(target) if address_allowed(address, target.host, allowlist)
    ]
    if not addresses:
        raise TargetRefused(
            _(
                "This address points into a private or reserved network. An administrator "
                "can allow it with CORTESIA_OUTBOUND_ALLOWLIST."
            )
        )
    if target.scheme == "http" and not (
        allowlist.names(target.host) or all(allowlist.contains(a) for a in addresses)
    ):
        raise TargetRefused(
            _("Use https://. Plain http:// is allowed only for hosts on the outbound allowlist.")
        )
    return target, addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to one checked address, whatever the host name resolves to now."""

    def __init__(self, target: Target, address: IpAddress, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.pinned = str(address)

    def connect(self) -> None:
        self.sock = socket.create_connection((self.pinned, self.port), self.timeout)


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    """TLS to the checked address, verifying the certificate against the host name."""

    def connect(self) -> None:
        raw = socket.create_connection((self.pinned, self.port), self.timeout)
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(raw, server_hostname=self.host)


def _cut(connection: http.client.HTTPConnection, fired: threading.Event) -> None:
    """End an exchange that outlived its deadline (a receiver answering byte by byte
    would otherwise hold the dispatcher for as long as it likes)."""
    fired.set()
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _exchange(
    connection: http.client.HTTPConnection, target: Target, body: bytes, headers: dict[str, str]
) -> tuple[int, str]:
    connection.request(
        "POST", target.path, body=body, headers={"User-Agent": USER_AGENT, **headers}
    )
    response = connection.getresponse()
    return response.status, response.read(EXCERPT_BYTES).decode("utf-8", errors="replace")


def post(
    url: str, *, body: bytes, headers: dict[str, str], timeout: float, deadline: float
) -> Answer:
    """POST ``body`` to ``url`` over a checked, pinned connection; never follow a
    redirect. ``timeout`` bounds each step (connect, each read), ``deadline`` the whole
    exchange. Raises TargetRefused before any connection, TimeoutError past the deadline,
    other OSErrors (refused connection, TLS) or http.client.HTTPException."""
    target, addresses = target_check(url)
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    started = time.monotonic()
    last_error: OSError | None = None
    for address in addresses:
        connection = kind(target, address, timeout)
        fired = threading.Event()
        timer = threading.Timer(deadline, _cut, args=(connection, fired))
        timer.start()
        try:
            connection.connect()
            status, excerpt = _exchange(connection, target, body, headers)
            if fired.is_set():  # a cut answer can look complete: never trust it
                raise TimeoutError("deadline")
            return Answer(status, excerpt, int((time.monotonic() - started) * 1000))
        except (OSError, http.client.HTTPException) as error:
            if fired.is_set():
                raise TimeoutError("deadline") from error
            if isinstance(error, http.client.HTTPException) or connection.sock is not None:
                raise  # the address answered: trying the next one would send twice
            last_error = error
        finally:
            timer.cancel()
            connection.close()
    assert last_error is not None  # noqa: S101 - addresses is never empty
    raise last_error
