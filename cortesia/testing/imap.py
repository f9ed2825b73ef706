"""A real IMAP server on loopback for tests: Dovecot with a throwaway configuration.

Started in the foreground as a child process, on a free port, with one user whose mail
lives in a temporary folder. As root (CI), Dovecot's own unprivileged users run the login
and mail processes, as Dovecot requires; otherwise everything runs as the current user.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from cortesia.testing.processes import free_port, wait_for_port

USER = "support"
PASSWORD = "imap-test-pass"  # noqa: S105 - a throwaway test account on loopback


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )


def _config(root: Path, port: int) -> str:
    if os.geteuid() == 0:
        internal, login = "dovecot", "dovenull"
        owner = pwd.getpwnam("dovecot")
    else:
        owner = pwd.getpwuid(os.geteuid())
        internal = login = owner.pw_name
    mail = root / "mail"
    mail.mkdir()
    os.chown(mail, owner.pw_uid, owner.pw_gid)
    (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    return f"""
base_dir = {root}/run
state_dir = {root}/run
instance_name = cortesia-test-{port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 0
mail_location = maildir:{mail}/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/users
}}
userdb {{
  driver = static
  args = uid={owner.pw_uid} gid={owner.pw_gid} home={mail}/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


class ImapServer:
    """``start()``, ``append(raw)`` to deliver a mail, ``client()`` to look, ``stop()``."""

    def __init__(self) -> None:
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="cortesia-imap-"))
        self.root.chmod(0o755)  # Dovecot's own users must reach the folder
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = dovecot_binary()
        if binary is None:
            raise RuntimeError("dovecot is not installed (apt-get install dovecot-imapd)")
        (self.root / "run").mkdir(exist_ok=True)
        config = self.root / "dovecot.conf"
        if not config.exists():
            config.write_text(_config(self.root, self.port))
        self._process = subprocess.Popen(  # noqa: S603
            [binary, "-F", "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def client(self, folder: str = "INBOX") -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port)
        client.login(USER, PASSWORD)
        client.select(folder)
        return client

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        client = self.client(folder)
        try:
            client.append(folder, "", "", raw)  # no flags, the server's date
        finally:
            client.logout()

    def uids(self, criteria: str = "ALL", folder: str = "INBOX") -> list[int]:
        client = self.client(folder)
        try:
            _status, data = client.uid("SEARCH", criteria)
        finally:
            client.logout()
        return [int(uid) for uid in (data[0] or b"").split()]
