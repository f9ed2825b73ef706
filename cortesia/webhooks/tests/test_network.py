from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cortesia.webhooks.network import (
    TargetRefused,
    address_allowed,
    allowlist_parse,
    post,
    target_check,
)
from cortesia.webhooks.tests.conftest import Receiver

NOTHING = allowlist_parse([])

REFUSED_ADDRESSES = [
    ("loopback", "127.0.0.1"),
    ("loopback_other", "127.1.2.3"),
    ("private_10", "10.1.2.3"),
    ("private_172", "172.16.0.1"),
    ("private_192", "192.168.1.1"),
    ("shared_cgnat", "100.64.0.1"),
    ("link_local_metadata", "169.254.169.254"),
    ("link_local", "169.254.1.1"),
    ("unspecified", "0.0.0.0"),  # noqa: S104 - the address under test
    ("multicast", "224.0.0.1"),
    ("reserved", "240.0.0.1"),
    ("broadcast", "255.255.255.255"),
    ("v6_loopback", "::1"),
    ("v6_unique_local_metadata", "fd00:ec2::254"),
    ("v6_unique_local", "fd12:3456::1"),
    ("v6_link_local", "fe80::1"),
    ("v6_multicast", "ff02::1"),
    ("v6_mapped_loopback", "::ffff:127.0.0.1"),
    ("v6_mapped_metadata", "::ffff:169.254.169.254"),
]


@pytest.mark.parametrize(("_case", "address"), REFUSED_ADDRESSES)
def test_private_and_reserved_addresses_are_refused(_case: str, address: str) -> None:
    assert address_allowed(ipaddress.ip_address(address), "example.com", NOTHING) is False


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_allowed(ipaddress.ip_address(address), "example.com", NOTHING) is True


def test_the_allowlist_opens_a_network_a_host_or_an_address() -> None:
    allowlist = allowlist_parse(["10.0.0.0/8", "hooks.internal", "::1"])
    assert address_allowed(ipaddress.ip_address("10.9.8.7"), "x.example", allowlist) is True
    assert address_allowed(ipaddress.ip_address("192.168.0.1"), "hooks.internal", allowlist)
    assert address_allowed(ipaddress.ip_address("::1"), "x.example", allowlist) is True
    assert address_allowed(ipaddress.ip_address("192.168.0.1"), "x.example", allowlist) is False


def test_metadata_stays_refused_inside_an_allowed_network() -> None:
    allowlist = allowlist_parse(["169.254.0.0/16", "fd00::/8"])
    assert not address_allowed(ipaddress.ip_address("169.254.169.254"), "x.example", allowlist)
    assert not address_allowed(ipaddress.ip_address("fd00:ec2::254"), "x.example", allowlist)
    assert address_allowed(ipaddress.ip_address("169.254.1.1"), "x.example", allowlist)


@pytest.mark.parametrize(
    "entry", ["not a host", "under_score.example", "-dash.example", "10.0.0.0/33"]
)
def test_an_allowlist_entry_that_is_neither_host_nor_network_is_an_error(entry: str) -> None:
    with pytest.raises(ValueError, match="."):
        allowlist_parse([entry])


@pytest.mark.parametrize(
    ("_case", "url"),
    [
        ("file", "file:///etc/passwd"),
        ("gopher", "gopher://127.0.0.1:70/"),
        ("ftp", "ftp://example.com/"),
        ("credentials", "https://user:pass@example.com/"),
        ("no_host", "https:///path"),
        ("bad_port", "https://example.com:99999/"),
    ],
)
def test_only_plain_http_and_https_addresses_are_accepted(_case: str, url: str) -> None:
    with pytest.raises(TargetRefused):
        target_check(url)


@pytest.mark.parametrize(
    ("_case", "url"),
    [
        ("loopback", "http://127.0.0.1:{port}/"),
        ("v6_loopback", "http://[::1]:{port}/"),
        ("name_to_loopback", "http://localhost:{port}/"),
        ("decimal_loopback", "http://2130706433:{port}/"),
        ("mapped_loopback", "http://[::ffff:127.0.0.1]:{port}/"),
        ("private", "http://10.0.0.1:{port}/"),
        ("metadata", "http://169.254.169.254/latest/meta-data/"),
        ("metadata_v6", "http://[fd00:ec2::254]/"),
    ],
)
def test_private_targets_are_refused_before_any_connection(
    _case: str, url: str, receiver: Receiver
) -> None:
    # given a receiver on loopback that counts connections, and no allowlist
    # when a POST is tried (pytest-socket would also refuse any non-loopback connect)
    with pytest.raises(TargetRefused, match="private or reserved"):
        post(url.format(port=receiver.port), body=b"{}", headers={}, timeout=2, deadline=5)
    # then nothing reached the server
    assert (receiver.connections, receiver.requests) == (0, [])


def test_an_allowed_loopback_receiver_gets_the_post(receiver: Receiver, settings: Any) -> None:
    settings.CORTESIA_OUTBOUND_ALLOWLIST = ["127.0.0.1"]
    answer = post(receiver.url, body=b'{"a":1}', headers={"X-Test": "1"}, timeout=2, deadline=5)
    assert (answer.status, answer.excerpt) == (200, "answer 200")
    assert receiver.connections == 1
    assert receiver.requests[0].body == b'{"a":1}'
    assert receiver.requests[0].headers["Host"] == f"127.0.0.1:{receiver.port}"


def test_a_name_is_connected_to_the_address_checked_with_its_host_header(
    receiver: Receiver, settings: Any
) -> None:
    # localhost is named by the allowlist; the request still says Host: localhost:port
    settings.CORTESIA_OUTBOUND_ALLOWLIST = ["localhost"]
    post(f"http://localhost:{receiver.port}/x", body=b"{}", headers={}, timeout=2, deadline=5)
    assert receiver.requests[0].headers["Host"] == f"localhost:{receiver.port}"


def test_plain_http_to_a_public_address_is_refused(settings: Any) -> None:
    settings.CORTESIA_OUTBOUND_ALLOWLIST = []
    with pytest.raises(TargetRefused, match="https"):
        target_check("http://93.184.215.14/hook")


def test_a_redirect_is_not_followed(receiver: Receiver, loopback_allowed: None) -> None:
    receiver.statuses = [302]
    answer = post(receiver.url, body=b"{}", headers={}, timeout=2, deadline=5)
    assert answer.status == 302
    assert (receiver.connections, len(receiver.requests)) == (1, 1)


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_https_names_the_host_to_the_pinned_address_and_checks_its_certificate(
    tmp_path: Path, settings: Any
) -> None:
    # given a TLS server on 127.0.0.1 with a self-signed certificate for localhost
    cert_path, key_path = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    names: list[str | None] = []

    def remember(_socket: ssl.SSLObject, name: str | None, _context: ssl.SSLContext) -> None:
        names.append(name)

    context.sni_callback = remember
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def accept_one() -> None:
        connection, _address = listener.accept()
        with contextlib.suppress(ssl.SSLError, OSError):
            context.wrap_socket(connection, server_side=True).close()
        connection.close()

    thread = threading.Thread(target=accept_one, daemon=True)
    thread.start()
    settings.CORTESIA_OUTBOUND_ALLOWLIST = ["localhost"]
    # when a webhook is posted to it by name
    with pytest.raises(ssl.SSLCertVerificationError):
        post(f"https://localhost:{port}/hook", body=b"{}", headers={}, timeout=2, deadline=5)
    thread.join(timeout=5)
    listener.close()
    # then the server was asked for localhost, and its unknown certificate was refused
    assert names == ["localhost"]


def test_a_receiver_answering_byte_by_byte_is_cut_at_the_deadline(settings: Any) -> None:
    # given a server that starts an answer and then sends a header line every 0.2 s
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def drip() -> None:
        connection, _address = listener.accept()
        with contextlib.suppress(OSError):
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\n")
            while not stop.wait(0.2):
                connection.sendall(b"X-Slow: 1\r\n")
        connection.close()

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    settings.CORTESIA_OUTBOUND_ALLOWLIST = ["127.0.0.1"]
    # when posting with a 1 s step timeout (never reached) and a 1.5 s deadline
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        post(f"http://127.0.0.1:{port}/", body=b"{}", headers={}, timeout=1, deadline=1.5)
    # then the exchange ended at the deadline
    assert 1.4 <= time.monotonic() - started < 3
    stop.set()
    thread.join(timeout=5)
    listener.close()
