#!/usr/bin/env bash
# Patterns the project forbids, which linters do not catch.
set -euo pipefail
status=0
# Views and API handlers reach rows only through selectors (which scope by viewer).
if find cortesia \( -name views.py -o -name api.py -o -name 'api_*.py' -o -path '*/api/*.py' -o -path '*/views/*.py' \) \
    -print0 | xargs -0 grep -nE '\.objects\.(get|filter|all)\('; then
  echo "Use a selector instead of querying models in views.py/api.py." >&2
  status=1
fi
# Raw SQL built from request data is never allowed; these calls need a reviewed exception.
if grep -rnE '\.(raw|extra)\(|RawSQL\(' --include=*.py cortesia | grep -v '/migrations/'; then
  echo "raw()/extra()/RawSQL are not allowed." >&2
  status=1
fi
# Templates test permission flags passed in (can_*), never role strings: the owning app's
# permission functions decide, so a page offers exactly what the service allows.
if grep -rnE '\{%[^%]*(\.role\b|\brole *(==|!=|in\b))' --include=*.html --include=*.txt cortesia; then
  echo "Templates test can_* permission flags, not roles (see accounts/context_processors.py)." >&2
  status=1
fi
# Views and API handlers take the same flags from the owning app's permissions module.
if find cortesia \( -name views.py -o -name api.py -o -name 'api_*.py' -o -path '*/api/*.py' -o -path '*/views/*.py' \) \
    -not -path '*/tests/*' -print0 | xargs -0 grep -nE '\.role *(==|!=|in\b|not in\b)|(==|!=) *Role\.|role__in'; then
  echo "Ask the owning app's permissions module (can_*/require_*) instead of comparing roles." >&2
  status=1
fi
# Pages show dates, times and numbers in CLDR's style through the culture_formats filters.
if grep -rnE '\|(date|time|localize)(:|[[:space:]]|\}|$)|\{% now ' --include=*.html cortesia; then
  echo "Use the culture_formats filters (local_datetime, local_date, local_time, number) instead of |date, |time, |localize or {% now %}." >&2
  status=1
fi
exit $status
