"""Workshop ideas from an XLSX sheet (seed 003 §2.3: workshops so that people who are not
online take part too; seed 004: the Ämter-Workshops). All rows or none: any bad row stops
the import, and the message names the row, the column and the value."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from decimal import InvalidOperation
from io import BytesIO
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from lotse.accounts.models import User
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme

from . import services
from .models import Idea

HEADERS = ["Titel", "Beschreibung", "Themenfeld", "Quelle", "Kostenschätzung (EUR)"]
MAX_ROWS = 2000


@dataclass
class Row:
    number: int
    title: str
    description: str
    field: str
    source_note: str
    cost: str


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def read_sheet(content: bytes) -> list[Row]:
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ValidationError(_("Die Datei ist keine lesbare XLSX-Datei.")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, ())]
    missing = [h for h in HEADERS[:2] if h not in header]
    if missing:
        raise ValidationError(
            _("In der ersten Zeile fehlen die Spalten: %(names)s. Erwartet: %(all)s.")
            % {"names": ", ".join(missing), "all": ", ".join(HEADERS)}
        )
    index = {name: header.index(name) for name in HEADERS if name in header}
    found: list[Row] = []
    for number, values in enumerate(rows, start=2):
        cells = list(values)

        def cell(name: str, cells: Sequence[object] = cells) -> str:
            position = index.get(name)
            return _text(cells[position]) if position is not None and position < len(cells) else ""

        if not any(_text(v) for v in cells):
            continue
        found.append(
            Row(
                number,
                cell("Titel"),
                cell("Beschreibung"),
                cell("Themenfeld"),
                cell("Quelle"),
                cell("Kostenschätzung (EUR)"),
            )
        )
        if len(found) > MAX_ROWS:
            raise ValidationError(
                _("Die Datei hat mehr als %(max)s Ideen; bitte teilen Sie sie auf.")
                % {"max": MAX_ROWS}
            )
    if not found:
        raise ValidationError(_("Die Datei enthält keine Ideen."))
    return found


def _cost(raw: str) -> Decimal | None:
    if not raw:
        return None
    cleaned = raw.replace("€", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
        raise InvalidOperation
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def workshop_import(
    *, programme: Programme, user: User, rows: list[Row], default_source: str = ""
) -> list[Idea]:
    fields = {f.name.casefold(): f for f in FieldOfAction.objects.filter(programme=programme)}
    errors: list[str] = []
    prepared: list[dict] = []
    for row in rows:
        problems: list[str] = []
        if not row.title:
            problems.append(_("„Titel“ ist leer"))
        elif len(row.title) > 200:
            problems.append(_("„Titel“ ist länger als 200 Zeichen"))
        if not row.description:
            problems.append(_("„Beschreibung“ ist leer"))
        field = None
        if row.field:
            field = fields.get(row.field.casefold())
            if field is None:
                problems.append(
                    _("Themenfeld „%(value)s“ gibt es in diesem Programm nicht")
                    % {"value": row.field}
                )
        source = row.source_note or default_source
        if not source:
            problems.append(_("„Quelle“ ist leer und kein Workshop ist angegeben"))
        elif len(source) > 200:
            problems.append(_("„Quelle“ ist länger als 200 Zeichen"))
        try:
            cost = _cost(row.cost)
        except (InvalidOperation, ValueError):
            cost = None
            problems.append(
                _("„Kostenschätzung (EUR)“ „%(value)s“ ist kein Betrag") % {"value": row.cost}
            )
        if problems:
            errors.append(
                _("Zeile %(row)s: %(problems)s.")
                % {"row": row.number, "problems": "; ".join(problems)}
            )
            continue
        prepared.append(
            {
                "title": row.title,
                "description": row.description,
                "field_of_action": field,
                "source_note": source,
                "cost_estimate": cost,
            }
        )
    if errors:
        raise ValidationError(errors)
    return [
        services.idea_create(programme=programme, user=user, data=data, source=Idea.Source.WORKSHOP)
        for data in prepared
    ]
