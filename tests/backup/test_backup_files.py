"""Stored files (the attachments) go into the backup archive and come back on restore, on a
machine whose file storage is empty; a damaged or missing file is refused in German."""

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotse.attachments import services
from lotse.attachments.models import Attachment
from lotse.attachments.models import AttachmentVersion
from lotse.backup.services import BackupError
from lotse.backup.services import backup_create
from lotse.backup.services import backup_restore
from lotse.backup.services import database_register
from lotse.governance.models import Decision
from lotse.portfolio.models import Project
from tests.attachments import files
from tests.governance.conftest import make_series
from tests.governance.conftest import meeting_of


def _damaged(path: Path, tmp_path: Path) -> Path:
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("files/") and data == files.PDF:
                data = data.replace(b"%%EOF", b"%%EOX")
            target.writestr(item, data)
    return damaged


def _stored(cast, obj, title: str, name: str, content: bytes) -> Attachment:
    """An attachment the PMO uploaded to `obj`, its file in the storage."""
    upload = SimpleUploadedFile(name, content)
    return services.attachment_add(obj=obj, user=cast.users["pmo"], title=title, upload=upload)


def test_attachment_files_go_into_the_backup_and_come_back(
    cast, tmp_path, settings, request, default_is_postgres
):
    settings.MEDIA_ROOT = tmp_path / "media"
    attachment = _stored(cast, cast.project, "Projekthandbuch", "handbuch.pdf", files.PDF)
    services.version_add(
        attachment=attachment,
        obj=cast.project,
        user=cast.users["pmo"],
        upload=SimpleUploadedFile("handbuch.odt", files.ODT),
    )
    # A Beschluss's paper too (decisions carry attachments like the other objects).
    decision = Decision.objects.create(
        programme=cast.programme,
        meeting=meeting_of(make_series(cast.programme)),
        kind="other",
        wording="Das Rahmenkonzept wird beschlossen.",
        decided_on=date(2025, 3, 10),
    )
    paper = _stored(cast, decision, "Beschlussvorlage", "vorlage.png", files.PNG)
    names = {v.number: v.file.name for v in attachment.versions.all()}
    names[3] = paper.versions.get().file.name
    path = tmp_path / "lotse.zip"
    manifest = backup_create(path=path)
    assert {(f.model, f.field, f.name) for f in manifest.files} == {
        ("attachments.attachmentversion", "file", name) for name in names.values()
    }
    with zipfile.ZipFile(path) as archive:
        assert archive.read(f"files/attachments.attachmentversion/{names[1]}") == files.PDF
        assert archive.read(f"files/attachments.attachmentversion/{names[2]}") == files.ODT
        assert archive.read(f"files/attachments.attachmentversion/{names[3]}") == files.PNG
        assert len(json.loads(archive.read("manifest.json"))["files"]) == 3

    # The new machine: another database, an empty file storage.
    shutil.rmtree(settings.MEDIA_ROOT)
    target = database_register(
        request.getfixturevalue("postgres_url" if default_is_postgres else "sqlite_url")
    )
    with pytest.raises(BackupError, match="falsche Prüfsumme"):
        backup_restore(path=_damaged(path, tmp_path), using=target)
    assert not Project.objects.using(target).exists()

    result = backup_restore(path=path, using=target)
    assert result.checked_documents == 3  # every version's file matches its SHA-256
    restored = AttachmentVersion.objects.using(target).order_by("attachment_id", "number")
    assert [v.file.name for v in restored] == [names[1], names[2], names[3]]
    restored_paper = Attachment.objects.using(target).get(title="Beschlussvorlage")
    assert restored_paper.content_type.model == "decision"
    assert restored_paper.object_id == decision.pk
    assert (settings.MEDIA_ROOT / names[3]).read_bytes() == files.PNG
    assert (settings.MEDIA_ROOT / names[1]).read_bytes() == files.PDF
    assert (settings.MEDIA_ROOT / names[2]).read_bytes() == files.ODT


def test_a_backup_whose_file_is_missing_is_refused(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    attachment = _stored(cast, cast.project, "Weg", "weg.pdf", files.PDF)
    (settings.MEDIA_ROOT / attachment.versions.get().file.name).unlink()
    with pytest.raises(BackupError, match="fehlt im Dateispeicher"):
        backup_create(path=tmp_path / "lotse.zip")
    assert not (tmp_path / "lotse.zip").exists()
