"""JSON request bodies with a bounded nesting depth.

Python's JSON decoder and the camelCase conversion both recurse per level, so a
body of 100,000 brackets would end in a RecursionError (a 500) while DRF parses
it, before authentication has even run. No resource of the API nests deeper
than a few levels; anything beyond ``MAX_DEPTH`` is a 400 problem.

A ``\\ud800`` escape decodes to a lone surrogate, which is not text: no database
or response encoder can hold it, so it is refused here too.
"""

from __future__ import annotations

import json
import re
from typing import Any

from djangorestframework_camel_case.parser import CamelCaseJSONParser
from djangorestframework_camel_case.util import underscoreize

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32
SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(value: Any) -> bool:
    """Whether any key or string in the parsed document holds a lone surrogate."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def nesting_depth(value: Any) -> int:
    """Depth of nested lists and objects, measured without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(CamelCaseJSONParser):
    """camelCase JSON, refused as a 400 when nested deeper than ``MAX_DEPTH``."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict[str, Any] | None = None,
    ) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        too_deep = _("De JSON is dieper genest dan %(max)s niveaus.") % {
            "max": MAX_DEPTH
        }
        try:
            data = json.loads(stream.read().decode(encoding))
        except RecursionError as exc:
            raise ParseError(too_deep) from exc
        except ValueError as exc:
            raise ParseError(
                _("De JSON is ongeldig: %(error)s") % {"error": exc}
            ) from exc
        if nesting_depth(data) > MAX_DEPTH:
            raise ParseError(too_deep)
        if has_lone_surrogate(data):
            raise ParseError(_("De JSON bevat een ongeldig Unicode-teken."))
        return underscoreize(data, **self.json_underscoreize)
