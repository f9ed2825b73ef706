"""REST endpoints for CSV imports: upload (optionally a dry run) and follow the progress."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from cortesia.accounts.api_auth import api_user
from cortesia.core.actor import Actor
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.customers.importing import import_get, import_list, import_start
from cortesia.customers.models import CustomerImport
from cortesia.customers.schemas import ImportErrorOut, ImportOut, ImportPageOut

router = Router(tags=["imports"])


def import_out(record: CustomerImport) -> ImportOut:
    return ImportOut.model_validate(
        {
            **{name: getattr(record, name) for name in ImportOut.model_fields if name != "errors"},
            "errors": [ImportErrorOut.model_validate(error) for error in record.errors],
        }
    )


@router.post(
    "/imports",
    response={202: ImportOut},
    summary="Upload a CSV of customers or orders; it is imported in the background",
)
def imports_create(
    request: HttpRequest,
    file: File[UploadedFile],
    kind: Form[str],
    source: Form[str] = "import",
    dry_run: Form[bool] = False,
) -> Status[ImportOut]:
    api_user(request)
    record = import_start(
        upload=file,
        kind=kind,
        source=source,
        is_dry_run=dry_run,
        actor=Actor.from_request(request),
    )
    return Status(202, import_out(record))


@router.get("/imports", response=ImportPageOut, summary="Imports, newest last")
def imports_list(
    request: HttpRequest, cursor: Query[str | None] = None, limit: int = DEFAULT_LIMIT
) -> ImportPageOut:
    page = paginate(
        import_list(viewer=api_user(request)), cursor=cursor, limit=limit, serialize=import_out
    )
    return ImportPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.get("/imports/{uid:uid}", response=ImportOut, summary="An import's status and progress")
def imports_get(request: HttpRequest, uid: str) -> ImportOut:
    return import_out(import_get(viewer=api_user(request), uid=uid))
