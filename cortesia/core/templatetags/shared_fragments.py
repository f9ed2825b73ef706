"""Parts of the page shell drawn once per process: ``{% load shared_fragments %}``;
``{% shared_fragment name value … %}…{% endshared_fragment %}``.

The main navigation and the language switcher's choices are the same markup for everyone
with the same language and permission flags, yet drawing them (a dozen ``{% url %}`` and
``{% translate %}`` tags) cost a tenth of a list page. The tag draws its content the
first time for each combination of its values and reuses it after.

The rule it keeps: the content depends on nothing but the listed values. Each value is
part of the key, with the active language, the script prefix and URL configuration the
links are reversed with and whether the context escapes; a content that reads anything
else (the user's name, a CSRF token, the request's path) must stay outside the tag.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.template import Context, Library, Node, NodeList, TemplateSyntaxError
from django.template.base import FilterExpression, Parser, Token
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = Library()

# Per tag: languages × permission flags, or the inbox's tabs for each view and set of
# counts. Past this many the tag's fragments are all dropped and drawn again as asked for.
MAX_FRAGMENTS = 1024


def _frozen(value: Any) -> Hashable:
    """A value as part of a key: lists and tuples (of pairs, say) become tuples."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value  # type: ignore[no-any-return]


class SharedFragmentNode(Node):
    """The tag in one compiled template. It keeps what it drew: a template compiled again
    (edited, in development) starts with none."""

    def __init__(self, name: str, values: list[FilterExpression], nodelist: NodeList) -> None:
        self.name = name
        self.values = values
        self.nodelist = nodelist
        self.drawn: dict[tuple[Hashable, ...], SafeString] = {}

    def render(self, context: Context) -> SafeString:
        key = (
            get_language(),
            get_script_prefix(),
            get_urlconf(),
            context.autoescape,
            *(_frozen(value.resolve(context)) for value in self.values),
        )
        drawn = self.drawn.get(key)
        if drawn is None:
            drawn = mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered by the template
            if len(self.drawn) >= MAX_FRAGMENTS:
                self.drawn.clear()
            self.drawn[key] = drawn
        return drawn


@register.tag("shared_fragment")
def shared_fragment(parser: Parser, token: Token) -> SharedFragmentNode:
    """``{% shared_fragment "name" value … %}`` … ``{% endshared_fragment %}``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(f"{bits[0]!r} takes a name and the values its content reads.")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(bits[1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
