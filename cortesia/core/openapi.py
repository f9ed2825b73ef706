"""Complete the generated OpenAPI description with what every operation may answer.

Django Ninja lists only the success responses an endpoint declares. Every operation can
also be refused, always with the same body, so the refusals are added here once: clients
and the API fuzzer may rely on the status codes and the shape.
"""

from __future__ import annotations

from typing import Any

from cortesia.core.pagination import MAX_LIMIT

ERROR_SCHEMA_NAME = "Error"
ERROR_SCHEMA: dict[str, Any] = {
    "title": ERROR_SCHEMA_NAME,
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "description": "Stable, machine-readable reason."},
                "message": {"type": "string", "description": "For people, translated."},
                "details": {
                    "description": "Per-field problems: an object of field → message, or a "
                    "list of {location, message}."
                },
            },
        }
    },
}
ERRORS = {
    400: "The request breaks a rule (see the code), or its body cannot be read.",
    401: "No valid token.",
    403: "The token's user or scope may not do this.",
    404: "There is no such object, or you may not see it.",
    409: "The object changed since you read it, or already exists.",
    413: "The body or an upload is larger than allowed.",
    422: "A field is missing or not valid (details name it).",
    429: "Too many requests; retry after the Retry-After header's seconds.",
}
# Query parameters with the same meaning everywhere, and their bounds.
BOUNDED_QUERY = {"limit": {"minimum": 1, "maximum": MAX_LIMIT}}


def complete(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error responses, the bounds of shared query parameters and the UUID format
    of path ids (``uid`` or ``…_uid``) to every operation of ``schema``; return it."""
    schema.setdefault("components", {}).setdefault("schemas", {})[ERROR_SCHEMA_NAME] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():  # int keys, as Ninja writes them
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
            for parameter in operation.get("parameters", []):
                _complete_parameter(parameter)
    return schema


def _complete_parameter(parameter: dict[str, Any]) -> None:
    name, place = parameter.get("name", ""), parameter.get("in")
    parameter_schema = parameter.setdefault("schema", {})
    if place == "query" and name in BOUNDED_QUERY:
        parameter_schema.update(BOUNDED_QUERY[name])
    if place == "path" and (name == "uid" or name.endswith("_uid")):
        parameter_schema["format"] = "uuid"
