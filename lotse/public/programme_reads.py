"""The small reads every public programme page makes, in SQL written out (issue 14): the
freshness stamps, the public programme with its settings, the active quarter and the site
settings. Each took the ORM several times longer to compose than the database to answer, on
pages whose own work is a few queries. Column and table names come from the models' metadata;
values are parameters. `tests/public/test_programme_reads.py` holds each to the ORM query it
replaced, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from functools import cache
from typing import TypeVar
from typing import cast

from django.conf import settings
from django.db import connection
from django.db.models import DateTimeField
from django.db.models import ForeignObjectRel
from django.db.models import Model
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from lotse.okr.models import Quarter
from lotse.portfolio.models import Programme

from .models import ProgrammePublication
from .models import PublicSiteSettings

M = TypeVar("M", bound=Model)

# The programme's settings read with it (select_related): whether budget totals, the idea
# platform and the OZG catalogue are public.
PROGRAMME_SETTINGS = ("finance_settings", "idea_settings", "ozg_settings")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _columns(model: type[Model], alias: str) -> str:
    return ", ".join(f"{alias}.{_q(f.column)}" for f in model._meta.concrete_fields)


def aware(value: datetime | str | None) -> datetime | None:
    """A stored time as the ORM gives it: aware (SQLite's driver gives it naive, or as text
    where it does not know the column's type)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def _instance(model: type[M], values: tuple) -> M:
    fields = model._meta.concrete_fields
    values = tuple(
        aware(v) if isinstance(f, DateTimeField) else v for f, v in zip(fields, values, strict=True)
    )
    return model.from_db(connection.alias, [f.attname for f in fields], values)


def _fetchone(sql: str, params: list[int | str | None]) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row: tuple | None = cursor.fetchone()
        return row


@cache
def _stamps_sql(vendor: str) -> str:
    # put together once per process and database backend, like the other statements here
    return (
        "SELECT pub.updated_at, pub.content_changed_at, s.updated_at "  # noqa: S608
        f"FROM {_q(ProgrammePublication._meta.db_table)} pub "
        f"INNER JOIN {_q(Programme._meta.db_table)} p ON pub.programme_id = p.id "
        f"LEFT OUTER JOIN {_q(PublicSiteSettings._meta.db_table)} s ON s.id = %s "
        "WHERE p.slug = %s AND pub.enabled LIMIT 1"
    )


def publication_stamps(slug: str) -> list[datetime | None] | None:
    """The enabled publication's `updated_at` and `content_changed_at` and the site settings'
    `updated_at` (None without settings); None if the programme has no public pages."""
    row = _fetchone(_stamps_sql(connection.vendor), [1, slug])
    return None if row is None else [aware(value) for value in row]


def _settings_relations() -> list[tuple[ForeignObjectRel, type[Model]]]:
    """Each setting's relation to the programme and its model."""
    relations = [getattr(Programme, name).related for name in PROGRAMME_SETTINGS]
    return [(rel, cast(type[Model], rel.related_model)) for rel in relations]


@cache
def _programme_sql(vendor: str) -> str:
    related = _settings_relations()
    joins = "".join(
        f" LEFT OUTER JOIN {_q(model._meta.db_table)} s{i} ON s{i}.{_q(rel.field.column)} = p.id"
        for i, (rel, model) in enumerate(related)
    )
    select = ", ".join(
        [_columns(Programme, "p")]
        + [_columns(model, f"s{i}") for i, (_rel, model) in enumerate(related)]
    )
    return (
        f"SELECT {select} FROM {_q(Programme._meta.db_table)} p "  # noqa: S608
        f"INNER JOIN {_q(ProgrammePublication._meta.db_table)} pub ON pub.programme_id = p.id"
        f"{joins} WHERE p.slug = %s AND pub.enabled"
    )


def public_programme(slug: str) -> Programme | None:
    """The programme with public pages switched on, with its settings as `select_related`
    gives them (a missing one raises DoesNotExist without a query); None if there is none."""
    related = _settings_relations()
    models = [Programme] + [model for _rel, model in related]
    row = _fetchone(_programme_sql(connection.vendor), [slug])
    if row is None:
        return None
    parts, start = [], 0
    for model in models:
        end = start + len(model._meta.concrete_fields)
        parts.append(row[start:end])
        start = end
    programme = _instance(Programme, parts[0])
    for (rel, model), values in zip(related, parts[1:], strict=True):
        found = _instance(model, values) if values[0] is not None else None
        if found is not None:
            rel.field.set_cached_value(found, programme)
        rel.set_cached_value(programme, found)
    return programme


@cache
def _quarter_sql(vendor: str) -> str:
    return (
        f"SELECT {_columns(Quarter, 'q')} FROM {_q(Quarter._meta.db_table)} q "  # noqa: S608
        'WHERE q.programme_id = %s AND q.state = %s ORDER BY q."year" DESC, q."number" DESC '
        "LIMIT 1"
    )


def active_quarter(programme_id: int) -> Quarter | None:
    """The programme's latest active quarter."""
    row = _fetchone(_quarter_sql(connection.vendor), [programme_id, Quarter.State.ACTIVE.value])
    return None if row is None else _instance(Quarter, row)


@cache
def _site_sql(vendor: str) -> str:
    table = _q(PublicSiteSettings._meta.db_table)
    return f"SELECT {_columns(PublicSiteSettings, 's')} FROM {table} s WHERE s.id = %s"  # noqa: S608


def site_settings() -> PublicSiteSettings:
    """`PublicSiteSettings.load()`: the stored settings, or unsaved defaults."""
    row = _fetchone(_site_sql(connection.vendor), [1])
    return PublicSiteSettings(pk=1) if row is None else _instance(PublicSiteSettings, row)
