#!/usr/bin/env bash
# Patterns the project forbids, which linters do not catch.
set -euo pipefail
status=0
# Views and API handlers reach rows only through selectors (which scope by viewer).
if grep -rnE '\.objects\.(get|filter|all)\(' --include=views.py --include=api.py cortesia; then
  echo "Use a selector instead of querying models in views.py/api.py." >&2
  status=1
fi
# Raw SQL built from request data is never allowed; these calls need a reviewed exception.
if grep -rnE '\.(raw|extra)\(|RawSQL\(' --include=*.py cortesia | grep -v '/migrations/'; then
  echo "raw()/extra()/RawSQL are not allowed." >&2
  status=1
fi
exit $status
