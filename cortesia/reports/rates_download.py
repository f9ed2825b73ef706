"""Fetch a rates file from an http(s) address under the project's outbound rules.

The address is checked like a webhook's (``cortesia.webhooks.network``): public hosts
only, or those on ``CORTESIA_OUTBOUND_ALLOWLIST``; plain http only for allowlisted hosts.
The connection goes to the checked address (no DNS rebinding), redirects are not followed
and the body stops at :data:`cortesia.reports.rates.MAX_BYTES`.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from pathlib import Path

from django.utils.translation import gettext as _

from cortesia.core.errors import TooLarge
from cortesia.reports.rates import MAX_BYTES, RatesFileError, rates_read_file, too_large_message
from cortesia.webhooks.network import IpAddress, Target, TargetRefused, target_check

TIMEOUT = 30.0
CHUNK = 64 * 1024
USER_AGENT = "Cortesia-Rates/1"


class _Pinned(http.client.HTTPConnection):
    """HTTP to one checked address, whatever the host name resolves to now."""

    def __init__(self, target: Target, address: IpAddress) -> None:
        super().__init__(target.host, target.port, timeout=TIMEOUT)
        self.pinned = str(address)

    def connect(self) -> None:
        self.sock = socket.create_connection((self.pinned, self.port), self.timeout)


class _PinnedTls(_Pinned):
    """TLS to the checked address, with the certificate checked against the host name."""

    def connect(self) -> None:
        raw = socket.create_connection((self.pinned, self.port), self.timeout)
        self.sock = ssl.create_default_context().wrap_socket(raw, server_hostname=self.host)


def _unreachable(url: str) -> RatesFileError:
    return RatesFileError(
        _("The address %(url)s could not be reached. Download the file and import it instead.")
        % {"url": url[:200]}
    )


def rates_download(url: str) -> bytes:
    """Return the body of ``url``. Raises RatesFileError (refused address, unreachable, an
    answer other than 200) or TooLarge past the size limit."""
    try:
        target, addresses = target_check(url)
    except TargetRefused as refused:
        raise RatesFileError(str(refused)) from None
    kind = _PinnedTls if target.scheme == "https" else _Pinned
    connection = kind(target, addresses[0])
    try:
        connection.request("GET", target.path, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        if response.status != 200:
            raise RatesFileError(
                _("The address %(url)s answered %(status)d instead of a file.")
                % {"url": url[:200], "status": response.status}
            )
        declared = response.getheader("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_BYTES:
            raise TooLarge(too_large_message())
        return _read_capped(response)
    except (OSError, http.client.HTTPException):
        raise _unreachable(url) from None
    finally:
        connection.close()


def _read_capped(response: http.client.HTTPResponse) -> bytes:
    body = bytearray()
    while chunk := response.read(CHUNK):
        body.extend(chunk)
        if len(body) > MAX_BYTES:
            raise TooLarge(too_large_message())
    return bytes(body)


def rates_source_read(source: str) -> bytes:
    """Return the bytes of ``source``: an http(s) address, or else a file path."""
    if source.lower().startswith(("http://", "https://")):
        return rates_download(source)
    return rates_read_file(Path(source))
