from __future__ import annotations

import pytest

from cortesia.core.choices import choice_error, require_choice
from cortesia.core.errors import FieldErrors

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("open", None),
        ("bogus", "bogus is not one of: new, open, solved."),
        ("", " is not one of: new, open, solved."),
        (None, "None is not one of: new, open, solved."),
        (["open", "new"], None),
        (["fax", "open", "pigeon", "fax"], "fax, pigeon is not one of: new, open, solved."),
    ],
)
def test_choice_error(value: object, expected: str | None) -> None:
    assert choice_error(value, ["new", "open", "solved"]) == expected


def test_require_choice_names_the_field() -> None:
    require_choice("open", ("new", "open"), "status")
    with pytest.raises(FieldErrors) as refused:
        require_choice("shut", ("new", "open"), "status")
    assert refused.value.errors == {"status": "shut is not one of: new, open."}
