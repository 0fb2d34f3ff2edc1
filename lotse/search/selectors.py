"""Searching: the full-text query on the index (PostgreSQL: `to_tsvector('german', …)`
with a GIN index; SQLite: FTS5), narrowed to the user's programmes, then every hit checked
with the permission of its object, so that a user never sees a hit they could not open."""

import re
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db import connection
from django.db.models import BooleanField
from django.db.models import F
from django.db.models import FloatField
from django.db.models import Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from lotse.accounts.roles import roles_of
from lotse.http import AnyUser

from .models import SearchEntry
from .sources import BY_LABEL
from .sources import SOURCES

# Candidates read from the index per kind (best first; the hits of a kind are checked until
# PER_KIND are shown), and hits shown per kind.
PER_KIND_CANDIDATES = 40
# Up to this many matches the hits are ranked (BM25 on SQLite); beyond, newest first.
RANKED_MAX = 1000
PER_KIND = 10
MAX_QUERY = 200
# PostgreSQL: the stored vector (a generated column, not in the model: SQLite has none).
DOCUMENT = "search_searchentry.search_document"
TSQUERY = "plainto_tsquery('german'::regconfig, %s)"


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    context: str


@dataclass
class Group:
    kind: str
    heading: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


def _terms(query: str) -> list[str]:
    return re.findall(r"\w+", query.lower())[:12]


def _fts5_query(terms: list[str]) -> str:
    # Every word quoted (no FTS5 syntax from the user); the last one as a prefix, as typed so
    # far ("glasfaser" finds "Glasfaserausbau"). Only the last: a prefix of a common word
    # ("projekt*") would make every other word of the query wade through its long list.
    *words, last = terms
    return " ".join([*(f'"{word}"' for word in words), f'"{last}"*'])


def _candidate_ids(query: str, programme_ids: set[int] | None) -> list[int]:
    terms = _terms(query)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _postgres_candidate_ids(terms, programme_ids)
    match = _fts5_query(terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s)",
            [match, RANKED_MAX + 1],
        )
        ranked = cursor.fetchone()[0] <= RANKED_MAX
    where = "search_fts MATCH %s"
    params: list[Any] = [match]
    if programme_ids is not None:
        if not programme_ids:
            return []
        where += f" AND e.programme_id IN ({', '.join(['%s'] * len(programme_ids))})"
        params += sorted(programme_ids)
    # BM25 ranks every match; a word found in thousands of entries is listed newest first.
    # At most PER_KIND_CANDIDATES of each kind, so one kind cannot crowd out the others.
    best = "search_fts.rank, e.id" if ranked else "e.id DESC"
    # Only constant SQL and placeholders are joined here; the words are parameters.
    sql = (
        "SELECT id FROM (SELECT e.id AS id, e.kind AS kind, "  # noqa: S608
        f"ROW_NUMBER() OVER (PARTITION BY e.kind ORDER BY {best}) AS position "
        "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
        f"WHERE {where}) WHERE position <= %s ORDER BY kind, position"
    )
    params.append(PER_KIND_CANDIDATES)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _postgres_candidate_ids(terms: list[str], programme_ids: set[int] | None) -> list[int]:
    """The best entries of each kind (at most PER_KIND_CANDIDATES each, so one kind with
    thousands of matches cannot crowd out the others), found in the stored German text
    vector (`search_document`, GIN index; migrations/0003). Up to RANKED_MAX matches they
    are ranked with `ts_rank`; beyond, newest first, as on SQLite."""
    text = " ".join(terms)
    matches = SearchEntry.objects.filter(
        # Constant SQL; the user's words go in as a parameter.
        RawSQL(f"{DOCUMENT} @@ {TSQUERY}", [text], output_field=BooleanField())  # noqa: S611
    )
    if programme_ids is not None:
        matches = matches.filter(programme_id__in=programme_ids)
    ranked = matches.values("pk")[: RANKED_MAX + 1].count() <= RANKED_MAX
    rank = RawSQL(f"ts_rank({DOCUMENT}, {TSQUERY})", [text], output_field=FloatField())  # noqa: S611
    best: Any = rank.desc() if ranked else F("pk").desc()
    position = Window(RowNumber(), partition_by=F("kind"), order_by=[best, F("pk").asc()])
    return list(
        matches.annotate(position=position)
        .filter(position__lte=PER_KIND_CANDIDATES)
        .order_by("kind", "position")
        .values_list("pk", flat=True)
    )


def _fill(group: Group, source: Any, found: list[SearchEntry], user: AnyUser) -> None:
    """The best hits of one kind that `user` may open: objects are loaded and checked in
    small batches, best first, until the group is full (one more tells "there is more")."""
    for start in range(0, len(found), PER_KIND + 1):
        batch = found[start : start + PER_KIND + 1]
        objects = source.queryset().in_bulk([e.object_id for e in batch])
        for entry in batch:
            obj = objects.get(entry.object_id)
            if obj is None or not source.indexed(obj) or not source.may_open(user, obj):
                continue
            if len(group.hits) >= PER_KIND:
                group.more = True
                return
            group.hits.append(Hit(entry.title, entry.url, entry.context))


def search(user: AnyUser, query: str) -> list[Group]:
    """The hits for `query` that `user` may open, grouped by kind (in the order of SOURCES),
    each group best first."""
    query = query.strip()[:MAX_QUERY]
    if not query or not user.is_authenticated:
        return []
    programme_ids = None if user.is_superuser else set(roles_of(user).visible_programme_ids())
    ids = _candidate_ids(query, programme_ids)
    if not ids:
        return []
    order = {pk: position for position, pk in enumerate(ids)}
    entries = sorted(SearchEntry.objects.filter(pk__in=ids), key=lambda e: order[e.pk])
    by_model: dict[str, list[SearchEntry]] = defaultdict(list)
    for entry in entries:
        by_model[entry.model].append(entry)
    groups = {s.kind: Group(s.kind, str(s.heading)) for s in SOURCES}
    for label, found in by_model.items():
        source = BY_LABEL.get(label)
        if source is not None:
            _fill(groups[source.kind], source, found, user)
    return [group for group in groups.values() if group.hits]
