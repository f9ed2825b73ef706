from __future__ import annotations

import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.urls import set_script_prefix
from django.utils import translation

from cortesia.core.templatetags import shared_fragments

ENGINE = Engine(libraries={"shared_fragments": "cortesia.core.templatetags.shared_fragments"})
TEMPLATE = ENGINE.from_string(
    "{% load shared_fragments %}"
    "{% shared_fragment greeting flag pairs %}"
    "{{ flag }} {{ pairs }} {{ other }}"
    "{% endshared_fragment %}"
    " {{ other }}"
)


(NODE,) = (
    node
    for node in TEMPLATE.nodelist.get_nodes_by_type(shared_fragments.SharedFragmentNode)
    if isinstance(node, shared_fragments.SharedFragmentNode)
)


@pytest.fixture(autouse=True)
def _no_fragments() -> None:
    NODE.drawn.clear()


def _render(**values: object) -> str:
    return TEMPLATE.render(Context(values))


def test_a_fragment_is_drawn_once_for_the_same_values() -> None:
    # given: a fragment drawn for flag True
    first = _render(flag=True, pairs=[("en", "English")], other="a")
    # when: drawn again with the same listed values and another unlisted one
    again = _render(flag=True, pairs=[("en", "English")], other="b")
    # then: the fragment is the first one, the rest of the page is drawn anew
    assert first == "True [(&#x27;en&#x27;, &#x27;English&#x27;)] a a"
    assert again == "True [(&#x27;en&#x27;, &#x27;English&#x27;)] a b"
    assert len(NODE.drawn) == 1


CASES = [
    ("another flag", {"flag": False}, "False [(&#x27;en&#x27;, &#x27;English&#x27;)] c c"),
    (
        "other pairs",
        {"pairs": [("it", "Italiano")]},
        "True [(&#x27;it&#x27;, &#x27;Italiano&#x27;)] c c",
    ),
]


@pytest.mark.parametrize(("_case", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_fragment_is_drawn_again_for_other_values(
    _case: str, change: dict[str, object], expected: str
) -> None:
    _render(flag=True, pairs=[("en", "English")], other="a")
    assert (
        _render(**{"flag": True, "pairs": [("en", "English")], "other": "c", **change}) == expected
    )
    assert len(NODE.drawn) == 2


def test_the_language_script_prefix_and_escaping_are_part_of_the_key() -> None:
    _render(flag=True, pairs=[], other="a")
    with translation.override("it"):
        assert _render(flag=True, pairs=[], other="b") == "True [] b b"
    set_script_prefix("/desk/")
    try:
        assert _render(flag=True, pairs=[], other="c") == "True [] c c"
    finally:
        set_script_prefix("/")
    unescaped = TEMPLATE.render(
        Context({"flag": True, "pairs": [], "other": "<d>"}, autoescape=False)
    )
    assert unescaped == "True [] <d> <d>"
    assert len(NODE.drawn) == 4


def test_past_the_bound_the_fragments_are_dropped() -> None:
    for number in range(shared_fragments.MAX_FRAGMENTS + 1):
        _render(flag=number, pairs=[], other="x")
    assert len(NODE.drawn) == 1


def test_a_fragment_needs_a_name() -> None:
    with pytest.raises(TemplateSyntaxError):
        ENGINE.from_string(
            "{% load shared_fragments %}{% shared_fragment %}{% endshared_fragment %}"
        )


def test_a_template_compiled_again_draws_its_fragments_again() -> None:
    _render(flag=True, pairs=[], other="a")
    again = ENGINE.from_string(TEMPLATE.source.replace("{{ flag }}", "{{ flag }}!"))
    assert again.render(Context({"flag": True, "pairs": [], "other": "b"})) == "True! [] b b"
