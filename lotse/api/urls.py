"""The REST API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.operation import Operation

from lotse.portfolio.api import router as portfolio_router
from lotse.portfolio.services import EditConflict

from .auth import api_auth
from .errors import errors_by_field
from .guard import complete_openapi
from .guard import guard_operations

# Every endpoint names its request body `payload`; error locations drop that name.
BODY_PARAMS = {"payload"}


class LotseAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return complete_openapi(super().get_openapi_schema(*args, **kwargs))

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """Never a derived id: every route names its `operation_id` (`project_list`, not a
        module path), so clients generated from the schema keep their method names when a
        view is renamed. tests/api/test_openapi_conventions.py checks that every id is
        explicit, unique and snake_case."""
        view = operation.view_func
        raise ImproperlyConfigured(f"{view.__module__}.{view.__name__}: operation_id fehlt.")


api = LotseAPI(
    title="Lotse API",
    version="1",
    description=(
        "JSON-Schnittstelle von Lotse. Anmeldung über die Browsersitzung oder ein persönliches "
        "API-Token (`Authorization: Bearer lotse_…`), das Sie in Ihrem Profil anlegen.\n\n"
        "Auswahlfelder werden als Code übertragen (z. B. `stage`: `running`), dazu liefert die "
        "API die deutsche Bezeichnung (`stage_label`). Verweise auf andere Objekte sind Ids. "
        "Ungültige Eingaben beantwortet die API mit Status 422 und "
        '`{"detail": …, "errors": {"<feld>": ["<meldung>"]}}`; wer ein Objekt ändert, das '
        "inzwischen jemand anderes geändert hat (`version` veraltet), erhält Status 409; "
        "einen Inhalt, der kein gültiges JSON ist, mit Status 400. Texte dürfen keine "
        "Steuerzeichen enthalten (mehrzeilige Texte: Tabulator und Zeilenumbrüche), Daten "
        "liegen zwischen 1900-01-01 und 2200-12-31, Zeiten sind Ortszeit ohne Zeitzone.\n\n"
        "Listen kommen seitenweise: `?page=1&page_size=100` (höchstens 100 je Seite), "
        'Antwort `{"count": …, "next": URL|null, "previous": URL|null, "items": […]}`; '
        "`next` und `previous` behalten alle übrigen Filter."
    ),
    auth=api_auth,
    urls_namespace="api",
)


def _invalid(request: HttpRequest, errors: dict[str, Any]) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Ungültige Eingabe."), "errors": errors}, status=422
    )


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) if exc.args else _("Für diese Aktion fehlt Ihnen die Berechtigung.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Nicht gefunden.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": _("Bitte melden Sie sich an oder senden Sie ein API-Token.")},
        status=401,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = str(exc)
    if exc.status_code == 400:
        detail = _("Der Inhalt der Anfrage ist kein gültiges JSON.")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return _invalid(request, errors)


@api.exception_handler(SchemaValidationError)
def schema_validation_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    return _invalid(request, errors_by_field(exc.errors, BODY_PARAMS))


@api.exception_handler(EditConflict)
def edit_conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


for router in (
    portfolio_router,
    "lotse.reporting.api.router",
    "lotse.okr.api.router",
    "lotse.boards.api.router",
    "lotse.governance.api.router",
    "lotse.ideas.api.router",
    "lotse.discussion.api.router",
    "lotse.attachments.api.router",
    "lotse.council_reports.api.router",
    "lotse.api.jobs.router",
    "lotse.finance.api.router",
    "lotse.ozg.api.router",
    "lotse.planning.api.router",
    "lotse.planning.api_roadmap.router",
):
    api.add_router("/", router)

# Last, once every router is added: ids, pages and filters keep the database's limits.
guard_operations(api)
