"""Back up, restore and transfer a whole Lotse installation, on SQLite and PostgreSQL alike.

The backup is a zip file (format "lotse-backup", version 1):

- `data/<app_label>.<model_name>.jsonl`: every row of one model, one JSON object per line,
  in Django's serialisation (`{"model": …, "pk": …, "fields": {…}}`), ordered by primary key,
  with sorted keys. Primary keys are kept, so every reference and the history stay as they
  were. Binary fields (the report archive) are Base64, datetimes keep their microseconds
  (Django's own JSON encoder would cut them to milliseconds). The tables behind
  many-to-many fields are backed up as models of their own.
- Content types and permissions are written by their natural keys (`app_label`, `model`,
  `codename`), because `migrate` creates them with ids of its own in the target; rows that
  refer to them are written with those natural keys too.
- `files/<app_label>.<model_name>/<name>`: every stored file a row refers to through a
  file field (the attachments), copied from that field's storage (disk or S3) under its
  storage name, and written back to it on restore.
- `manifest.json`: format and version, the schema (the migration leaf nodes of the code
  that wrote it), per model the number of rows and the SHA-256 of its data file, and per
  stored file its model, field, storage name, size and SHA-256 (`files`; a backup without
  it has no files).

Restoring needs the same schema (the same Lotse version): the target database is migrated,
must hold no data, and is then filled in one transaction. Before that transaction commits,
every model is read back from the target, serialised the same way and compared with the
manifest (rows and SHA-256), and every model that can check its own content (`checksum_ok`,
the report archive) checks it. Anything that differs rolls the whole restore back.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import tempfile
import zipfile
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from dataclasses import fields
from importlib import metadata
from pathlib import Path
from typing import IO
from typing import Any
from typing import TypeVar

import dj_database_url
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DEFAULT_DB_ALIAS
from django.db import connections
from django.db import models
from django.db import transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend
from django.utils import timezone
from django.utils.connection import ConnectionDoesNotExist

FORMAT = "lotse-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Rows per INSERT statement when restoring (lowered further where the database needs it).
BATCH_SIZE = 500
# Written by natural key: `migrate` creates these in every database with ids of its own.
NATURAL_KEY_MODELS: tuple[type[models.Model], ...] = (ContentType, Permission)


class BackupError(Exception):
    """A backup cannot be written, read or restored; the message says why, in German."""


@dataclass(frozen=True)
class ModelEntry:
    model: str  # "portfolio.project"
    file: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class FileEntry:
    model: str  # "attachments.attachmentversion"
    field: str  # "file"
    name: str  # the name in the field's storage
    file: str  # the path in the archive
    size: int
    sha256: str


Entry = TypeVar("Entry", ModelEntry, FileEntry)


def _entry(kind: type[Entry], values: dict[str, Any]) -> Entry:
    """One entry of the manifest's lists, each value read as the type its field declares."""
    read: dict[Any, Callable[[Any], Any]] = {"int": int, "str": str}
    return kind(**{f.name: read[f.type](values[f.name]) for f in fields(kind)})


@dataclass(frozen=True)
class Manifest:
    created_at: str
    engine: str
    lotse_version: str
    schema: list[tuple[str, str]]
    models: list[ModelEntry]
    files: list[FileEntry] = dataclass_field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(entry.rows for entry in self.models)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": self.created_at,
                "engine": self.engine,
                "lotse_version": self.lotse_version,
                "schema": [f"{app}.{name}" for app, name in self.schema],
                "models": [entry.__dict__ for entry in self.models],
                "files": [entry.__dict__ for entry in self.files],
            },
            indent=2,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise BackupError("Die Sicherung ist beschädigt: manifest.json ist kein JSON.") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError("Die Datei ist keine Lotse-Sicherung (manifest.json fehlt „format“).")
        if data.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"Die Sicherung hat das Format {data.get('format_version')!r}; diese "
                f"Lotse-Version liest nur Format {FORMAT_VERSION}."
            )
        try:
            return cls(
                created_at=str(data["created_at"]),
                engine=str(data["engine"]),
                lotse_version=str(data["lotse_version"]),
                schema=[_node(str(node)) for node in data["schema"]],
                models=[_entry(ModelEntry, e) for e in data["models"]],
                files=[_entry(FileEntry, e) for e in data.get("files", [])],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise BackupError(f"Die Sicherung ist beschädigt: manifest.json ({exc}).") from exc


def _node(text: str) -> tuple[str, str]:
    app, _dot, name = text.partition(".")
    return app, name


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    checked_documents: int

    def summary(self) -> str:
        """What was compared, as the restore and transfer commands report it."""
        return (
            f"{len(self.manifest.models)} Tabellen, {self.manifest.rows} Zeilen, "
            f"{self.checked_documents} archivierte Dokumente mit gültiger Prüfsumme"
        )


# --- serialisation -------------------------------------------------------------------------


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but datetimes and times keep their microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            if timezone.is_aware(o):
                o = o.astimezone(datetime.UTC)
            return o.isoformat()
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def _line(record: dict[str, Any]) -> bytes:
    text = json.dumps(
        record, cls=_Encoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return (text + "\n").encode()


class _Serializer(PythonSerializer):
    """Hands each row to `sink`; natural keys only for content types and permissions;
    many-to-many fields are left to their own tables."""

    def __init__(self, sink: Callable[[dict[str, Any]], None]) -> None:
        super().__init__()
        self.sink = sink

    def handle_fk_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.remote_field.model in NATURAL_KEY_MODELS
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: models.Model, field: Any) -> None:
        return None

    def end_object(self, obj: models.Model) -> None:
        self.sink(self.get_dump_object(obj))
        self._current = None


def backed_up_models() -> list[type[models.Model]]:
    """Every table of the installation: content types and permissions first (the rows
    after them refer to them by natural key), then all others by label."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model not in NATURAL_KEY_MODELS
    ]
    return [*NATURAL_KEY_MODELS, *sorted(found, key=lambda m: m._meta.label_lower)]


def _rows(model: type[models.Model], using: str) -> Iterator[models.Model]:
    queryset = model._base_manager.using(using).all()
    related: list[str] = []
    for field in model._meta.local_fields:
        target = field.remote_field.model if field.remote_field else None
        if target is ContentType:
            related.append(field.name)
        elif target is Permission:
            related.append(f"{field.name}__content_type")
    if model is ContentType:
        queryset = queryset.order_by("app_label", "model")
    elif model is Permission:
        queryset = queryset.order_by("content_type__app_label", "content_type__model", "codename")
    else:
        queryset = queryset.order_by("pk")
    if related:
        queryset = queryset.select_related(*related)
    return queryset.iterator(chunk_size=2000)


def _serialize(model: type[models.Model], using: str, write: Callable[[bytes], Any]) -> int:
    count = 0

    def sink(record: dict[str, Any]) -> None:
        nonlocal count
        write(_line(record))
        count += 1

    _Serializer(sink).serialize(
        _rows(model, using), use_natural_primary_keys=model in NATURAL_KEY_MODELS
    )
    return count


def _digest(model: type[models.Model], using: str) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = _serialize(model, using, digest.update)
    return count, digest.hexdigest()


# --- stored files --------------------------------------------------------------------------


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.local_concrete_fields if isinstance(f, models.FileField)]


def _backup_files(
    model: type[models.Model], using: str, archive: zipfile.ZipFile
) -> list[FileEntry]:
    """Copy every file the rows of `model` refer to into the archive."""
    entries = []
    label = model._meta.label_lower
    for field in _file_fields(model):
        names = (
            model._base_manager.using(using)
            .exclude(**{field.attname: ""})
            .order_by(field.attname)
            .values_list(field.attname, flat=True)
            .distinct()
        )
        for name in names:
            if not name:
                continue
            member = f"files/{label}/{name}"
            size = 0
            try:
                with (
                    field.storage.open(name, "rb") as source,
                    archive.open(member, "w", force_zip64=True) as stream,
                ):
                    writer = _HashingWriter(stream)
                    for chunk in iter(lambda: source.read(1 << 16), b""):  # noqa: B023
                        writer.write(chunk)
                        size += len(chunk)
            except OSError as exc:
                raise BackupError(
                    f"Die Datei „{name}“ ({label}.{field.name}) fehlt im Dateispeicher oder "
                    f"ist nicht lesbar ({exc.__class__.__name__}); die Sicherung wurde nicht "
                    "geschrieben."
                ) from exc
            entries.append(FileEntry(label, field.name, name, member, size, writer.hexdigest()))
    return entries


def _restore_files(
    archive: zipfile.ZipFile, manifest: Manifest, known: dict[str, type[models.Model]]
) -> None:
    """Write every stored file of the backup back into its field's storage (a file that is
    there already with the same content is left alone)."""
    for entry in manifest.files:
        model = known.get(entry.model)
        fields = {f.name: f for f in _file_fields(model)} if model else {}
        field = fields.get(entry.field)
        if field is None:
            raise BackupError(
                f"Die Sicherung enthält eine Datei für das unbekannte Feld "
                f"{entry.model}.{entry.field}."
            )
        try:
            data = archive.read(entry.file)
        except KeyError:
            raise BackupError(f"Die Sicherung ist unvollständig: {entry.file} fehlt.") from None
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise BackupError(
                f"Die Sicherung ist beschädigt: {entry.file} hat eine falsche Prüfsumme."
            )
        storage = field.storage
        if storage.exists(entry.name):
            with storage.open(entry.name, "rb") as present:
                if hashlib.sha256(present.read()).hexdigest() == entry.sha256:
                    continue
            storage.delete(entry.name)
        saved = storage.save(entry.name, ContentFile(data))
        if saved != entry.name:
            raise BackupError(
                f"Die Datei {entry.name} konnte nicht unter ihrem Namen gespeichert werden."
            )


# --- schema --------------------------------------------------------------------------------


def _code_schema() -> list[tuple[str, str]]:
    """The newest migration of every app, as the code on disk has it."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(loader.graph.leaf_nodes())


def _pending_migrations(using: str) -> list[str]:
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _lotse_version() -> str:
    try:
        return metadata.version("lotse")
    except metadata.PackageNotFoundError:
        return "unbekannt"


class _HashingWriter:
    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self.digest.update(data)

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


# --- backup --------------------------------------------------------------------------------


def backup_create(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Write the whole database `using` into the zip file `path` (replaced if it exists)."""
    pending = _pending_migrations(using)
    if pending:
        raise BackupError(
            "Die Datenbank ist nicht auf dem Stand dieser Lotse-Version (ausstehende "
            f"Migrationen: {', '.join(pending[:5])}). Bitte zuerst „manage.py migrate“ "
            "ausführen."
        )
    connection = connections[using]
    entries: list[ModelEntry] = []
    files: list[FileEntry] = []
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        with (
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive,
            _snapshot(using),
        ):
            for model in backed_up_models():
                name = f"data/{model._meta.label_lower}.jsonl"
                with archive.open(name, "w", force_zip64=True) as stream:
                    writer = _HashingWriter(stream)
                    rows = _serialize(model, using, writer.write)
                entries.append(ModelEntry(model._meta.label_lower, name, rows, writer.hexdigest()))
                files += _backup_files(model, using, archive)
            manifest = Manifest(
                created_at=timezone.now().isoformat(),
                engine=connection.vendor,
                lotse_version=_lotse_version(),
                schema=_code_schema(),
                models=entries,
                files=files,
            )
            archive.writestr(MANIFEST, manifest.to_json())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One consistent view of the database for the whole backup: a transaction, on
    PostgreSQL with REPEATABLE READ (on SQLite the transaction holds the write lock)."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


# --- restore -------------------------------------------------------------------------------


def read_manifest(path: Path) -> Manifest:
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                text = archive.read(MANIFEST).decode()
            except KeyError:
                raise BackupError(
                    f"{path} ist keine Lotse-Sicherung (manifest.json fehlt)."
                ) from None
    except FileNotFoundError:
        raise BackupError(f"Die Datei {path} gibt es nicht.") from None
    except zipfile.BadZipFile:
        raise BackupError(f"{path} ist keine Lotse-Sicherung (keine zip-Datei).") from None
    return Manifest.from_json(text)


def non_empty_models(using: str) -> list[tuple[str, int]]:
    """The tables of `using` that already hold data (content types and permissions, which
    `migrate` creates, do not count)."""
    found = []
    for model in backed_up_models():
        if model in NATURAL_KEY_MODELS:
            continue
        count = model._base_manager.using(using).count()
        if count:
            found.append((model._meta.label_lower, count))
    return found


def backup_restore(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Fill the empty database `using` from the backup `path`: migrate it, load every model
    in one transaction, reset the id sequences and compare everything with the manifest."""
    manifest = read_manifest(path)
    schema = _code_schema()
    if schema != manifest.schema:
        differing = sorted(set(manifest.schema) ^ set(schema))
        raise BackupError(
            f"Die Sicherung stammt von einem anderen Datenbankschema (Lotse "
            f"{manifest.lotse_version}; abweichend: "
            f"{', '.join('.'.join(node) for node in differing[:5])}). Stellen Sie sie mit "
            "der Lotse-Version wieder her, mit der sie erstellt wurde, und aktualisieren Sie "
            "danach."
        )
    call_command("migrate", database=using, interactive=False, verbosity=0)
    occupied = non_empty_models(using)
    if occupied:
        listed = ", ".join(f"{label} ({count})" for label, count in occupied[:5])
        raise BackupError(
            "Die Zieldatenbank ist nicht leer (z. B. "
            f"{listed}). Eine Sicherung wird nur in eine leere Datenbank eingespielt; "
            "legen Sie eine neue Datenbank an, nichts wurde verändert."
        )
    known = {model._meta.label_lower: model for model in backed_up_models()}
    unknown = [entry.model for entry in manifest.models if entry.model not in known]
    if unknown:
        raise BackupError(f"Die Sicherung enthält unbekannte Tabellen: {', '.join(unknown)}.")
    connection = connections[using]
    with zipfile.ZipFile(path) as archive, transaction.atomic(using=using):
        for entry in manifest.models:
            _load(archive, entry, known[entry.model], using)
        statements = connection.ops.sequence_reset_sql(no_style(), list(known.values()))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        ContentType.objects.clear_cache()
        connection.check_constraints()
        _verify(manifest, known, using)
        _restore_files(archive, manifest, known)
        checked = _check_documents(known.values(), using)
    ContentType.objects.clear_cache()
    return RestoreResult(manifest=manifest, checked_documents=checked)


def _records(stream: IO[bytes], digest: Any, counter: list[int]) -> Iterator[dict[str, Any]]:
    for line in stream:
        digest.update(line)
        counter[0] += 1
        yield json.loads(line)


def _load(
    archive: zipfile.ZipFile, entry: ModelEntry, model: type[models.Model], using: str
) -> None:
    digest = hashlib.sha256()
    counter = [0]
    try:
        stream = archive.open(entry.file)
    except KeyError:
        raise BackupError(f"Die Sicherung ist unvollständig: {entry.file} fehlt.") from None
    with stream:
        objects = PythonDeserializer(_records(stream, digest, counter), using=using)
        if model in NATURAL_KEY_MODELS:
            for obj in objects:
                obj.save(using=using)
        else:
            _insert_all(model, (obj.object for obj in objects), using)
    if counter[0] != entry.rows or digest.hexdigest() != entry.sha256:
        raise BackupError(
            f"Die Sicherung ist beschädigt: {entry.file} hat {counter[0]} statt {entry.rows} "
            "Zeilen oder eine falsche Prüfsumme."
        )


def _insert_all(model: type[models.Model], objects: Iterable[models.Model], using: str) -> None:
    """INSERT exactly the given values, primary keys included, in batches. `raw=True` keeps
    fields such as `auto_now_add` as they were stored (as `loaddata` does)."""
    fields = [field for field in model._meta.local_concrete_fields if not field.generated]
    size = max(
        1, min(BATCH_SIZE, connections[using].ops.bulk_batch_size(fields, [None] * BATCH_SIZE))
    )
    batch: list[models.Model] = []
    manager = model._base_manager.using(using)
    for obj in objects:
        batch.append(obj)
        if len(batch) >= size:
            manager._insert(batch, fields=fields, using=using, raw=True)  # type: ignore[attr-defined]
            batch = []
    if batch:
        manager._insert(batch, fields=fields, using=using, raw=True)  # type: ignore[attr-defined]


def _verify(manifest: Manifest, known: dict[str, type[models.Model]], using: str) -> None:
    for entry in manifest.models:
        rows, sha256 = _digest(known[entry.model], using)
        if rows != entry.rows or sha256 != entry.sha256:
            raise BackupError(
                f"Nach dem Einspielen weicht {entry.model} von der Sicherung ab ({rows} statt "
                f"{entry.rows} Zeilen oder abweichender Inhalt); nichts wurde übernommen."
            )


def _check_documents(models_: Iterable[type[models.Model]], using: str) -> int:
    """Models that store documents with their checksum (`checksum_ok`) check every row."""
    checked = 0
    for model in models_:
        checksum_ok: Callable[[models.Model], bool] | None = getattr(model, "checksum_ok", None)
        if not callable(checksum_ok):
            continue
        for obj in model._base_manager.using(using).order_by("pk").iterator(chunk_size=100):
            if not checksum_ok(obj):
                raise BackupError(
                    f"Nach dem Einspielen stimmt die Prüfsumme von {model._meta.label_lower} "
                    f"#{obj.pk} nicht; nichts wurde übernommen."
                )
            checked += 1
    return checked


# --- transfer ------------------------------------------------------------------------------


def database_register(url: str) -> str:
    """Open the database at `url` as a connection alias of this process (not a settings
    entry) and return the alias; the configured database keeps "default"."""
    config = dj_database_url.parse(url)
    default = settings.DATABASES[DEFAULT_DB_ALIAS]
    if all(config.get(key) == default.get(key) for key in ("ENGINE", "NAME", "HOST", "PORT")):
        return DEFAULT_DB_ALIAS
    alias = f"lotse_{hashlib.sha256(url.encode()).hexdigest()[:12]}"
    try:
        connections[alias]
    except ConnectionDoesNotExist:
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
        # Django's own defaults for an entry of DATABASES (it insists on a "default").
        config = connections.configure_settings({DEFAULT_DB_ALIAS: config})[DEFAULT_DB_ALIAS]
        connections[alias] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    return alias


def database_transfer(*, source: str, target: str) -> RestoreResult:
    """Copy the whole database `source` into the empty database `target` (aliases): a backup
    into a temporary file, restored and verified in the target."""
    if source == target:
        raise BackupError("Quelle und Ziel sind dieselbe Datenbank.")
    with tempfile.TemporaryDirectory(prefix="lotse-transfer-") as directory:
        path = Path(directory) / "transfer.zip"
        backup_create(path=path, using=source)
        return backup_restore(path=path, using=target)
