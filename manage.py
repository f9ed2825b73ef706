#!/usr/bin/env python3
"""Django's command-line utility; `cortesia` (the console script) wraps the same commands."""

from __future__ import annotations

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cortesia.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
