"""Keep the web processes' memory down where the C library lets us."""

from __future__ import annotations

import ctypes
import ctypes.util
import os

M_ARENA_MAX = -8  # glibc's mallopt() parameter number
ARENAS = 2


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas for this process and the ones it forks.

    glibc gives threads arenas of their own, up to eight per core; a threaded web process
    then keeps memory freed in one arena that another cannot reuse, and its resident size
    creeps up under load. Returns False, changing nothing, where the C library is not glibc
    or where the operator set ``MALLOC_ARENA_MAX`` themselves (glibc obeys it already)."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_ARENA_MAX, arenas))
