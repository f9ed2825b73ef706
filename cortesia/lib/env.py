"""Typed readers for ``CORTESIA_*`` environment variables.

Every reader fails loudly with :class:`EnvError` naming the variable, so a typo in a
deployment stops the process at start-up instead of running with a silent default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


class EnvError(ValueError):
    """An environment variable holds a value the application cannot use."""


def _raw(name: str, environ: Mapping[str, str] | None) -> str | None:
    source = os.environ if environ is None else environ
    value = source.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str, *, environ: Mapping[str, str] | None = None) -> str:
    """Return the variable as text, or ``default`` when it is unset."""
    value = _raw(name, environ)
    return default if value is None else value


def env_bool(name: str, default: bool, *, environ: Mapping[str, str] | None = None) -> bool:
    """Return the variable as a boolean; accepts 1/0, true/false, yes/no, on/off."""
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise EnvError(f"{name} must be one of true/false, yes/no, on/off or 1/0; got {value!r}.")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Return the variable as an integer within ``[minimum, maximum]``."""
    value = _raw(name, environ)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise EnvError(f"{name} must be a whole number; got {value!r}.") from None
    if minimum is not None and number < minimum:
        raise EnvError(f"{name} must be at least {minimum}; got {number}.")
    if maximum is not None and number > maximum:
        raise EnvError(f"{name} must be at most {maximum}; got {number}.")
    return number


def env_list(
    name: str, default: list[str], *, environ: Mapping[str, str] | None = None
) -> list[str]:
    """Return a comma-separated variable as a list of non-empty, stripped items."""
    value = _raw(name, environ)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(
    name: str, default: str, choices: tuple[str, ...], *, environ: Mapping[str, str] | None = None
) -> str:
    """Return the variable if it is one of ``choices`` (case-insensitive)."""
    value = _raw(name, environ)
    if value is None or value == "":
        return default
    lowered = value.lower()
    if lowered not in choices:
        raise EnvError(f"{name} must be one of {', '.join(choices)}; got {value!r}.")
    return lowered


def env_secret(name: str, *, environ: Mapping[str, str] | None = None) -> str | None:
    """Return a secret from ``NAME`` or from the file named by ``NAME_FILE``.

    Setting both is an error, as is a ``NAME_FILE`` that cannot be read. Returns ``None``
    when neither is set.
    """
    value = _raw(name, environ)
    file_name = _raw(f"{name}_FILE", environ)
    if value and file_name:
        raise EnvError(f"Set either {name} or {name}_FILE, not both.")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise EnvError(f"{name}_FILE names a file that cannot be read: {error}.") from None
    return value or None
