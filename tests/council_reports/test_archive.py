"""The archive: stored unchanged with checksum, never changed or deleted; duties linked."""

import hashlib
from datetime import date

import pytest
from django.utils import timezone

from lotse.council_reports import services
from lotse.council_reports.models import ArchivedReport
from lotse.council_reports.models import ArchiveImmutable
from tests.governance.factories import make_duty
from tests.pdf import pdf_text

from .conftest import pdf_request


def _generate(world, fmt="pdf", **kwargs):
    options = {"kind": "committee", "as_of": world.as_of} | kwargs
    return services.report_generate(
        programme=world.cast.programme,
        fmt=fmt,
        user=world.cast.users["pmo"],
        request=pdf_request(),
        **options,
    )


@pytest.mark.pdf
def test_generated_report_is_archived_with_checksum_and_parameters(world):
    archived = _generate(world)
    stored = ArchivedReport.objects.get(pk=archived.pk)
    content = bytes(stored.content)
    assert content.startswith(b"%PDF")
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.size == len(content)
    assert stored.checksum_ok()
    assert stored.as_of == world.as_of and stored.created_by == world.cast.users["pmo"]
    assert stored.period_end == world.as_of
    assert stored.parameters["kind"] == "committee"
    assert stored.filename.endswith(f"stand-{world.as_of:%Y-%m-%d}.pdf")
    assert "Kommunalportal" in pdf_text(content)


def test_archived_reports_cannot_be_changed_or_deleted(world):
    archived = _generate(world, fmt="xlsx")
    archived.title = "anders"
    with pytest.raises(ArchiveImmutable):
        archived.save()
    with pytest.raises(ArchiveImmutable):
        archived.delete()
    with pytest.raises(ArchiveImmutable):
        ArchivedReport.objects.filter(pk=archived.pk).update(title="anders")
    with pytest.raises(ArchiveImmutable):
        ArchivedReport.objects.all().delete()
    assert ArchivedReport.objects.get(pk=archived.pk).title != "anders"


def test_focus_report_needs_a_field_and_a_past_day(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        _generate(world, kind="focus")
    assert "field" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _generate(world, as_of=date(2999, 1, 1))
    assert "as_of" in error.value.message_dict
    assert not ArchivedReport.objects.exists()


def test_report_for_a_duty_links_it_and_fulfils_the_duty(world):
    duty = make_duty(world.cast.programme, world.as_of)
    archived = _generate(world, kind="staff_council", duty=duty, fmt="xlsx")
    assert list(duty.archived_reports.all()) == [archived]
    duty.refresh_from_db()
    assert duty.last_fulfilled == timezone.localdate()
    assert f"Archiv-Nr. {archived.pk}" in duty.fulfilments.get().note


def test_admin_is_read_only(world, admin_client):
    archived = _generate(world, fmt="docx")
    assert admin_client.get("/admin/reports/archivedreport/add/").status_code == 403
    change = admin_client.get(f"/admin/reports/archivedreport/{archived.pk}/change/")
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    delete = admin_client.post(
        f"/admin/reports/archivedreport/{archived.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert ArchivedReport.objects.filter(pk=archived.pk).exists()
