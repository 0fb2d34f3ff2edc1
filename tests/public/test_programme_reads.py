"""The small reads of every public programme page written out in SQL (programme_reads) give
what the ORM queries they replaced gave (issue 14). Run on PostgreSQL too:
DATABASE_URL=postgres://… pytest tests/public/test_programme_reads.py"""

import pytest
from django.db.models import Subquery
from django.forms.models import model_to_dict

from lotse.finance.models import FinanceSettings
from lotse.okr.models import Quarter
from lotse.ozg.models import CatalogueSettings
from lotse.portfolio.models import Programme
from lotse.public import programme_reads
from lotse.public.models import ProgrammePublication
from lotse.public.models import PublicSiteSettings


def _orm_stamps(slug):
    settings_changed = PublicSiteSettings.objects.filter(pk=1).values("updated_at")[:1]
    row = (
        ProgrammePublication.objects.filter(programme__slug=slug, enabled=True)
        .annotate(settings_changed=Subquery(settings_changed))
        .values("updated_at", "content_changed_at", "settings_changed")
        .first()
    )
    return None if row is None else list(row.values())


def _values(instance):
    return None if instance is None else model_to_dict(instance) | {"pk": instance.pk}


@pytest.mark.parametrize("with_settings", [True, False])
def test_the_stamps_are_the_orms(world, with_settings):
    if with_settings:
        PublicSiteSettings.objects.create(pk=1, operator_name="Stadt")
    slug = world.programme.slug
    assert programme_reads.publication_stamps(slug) == _orm_stamps(slug)
    assert (programme_reads.publication_stamps(slug)[2] is None) != with_settings
    assert programme_reads.publication_stamps("geheim") is None  # not public
    assert programme_reads.publication_stamps("unbekannt") is None
    ProgrammePublication.objects.filter(programme=world.programme).update(enabled=False)
    assert programme_reads.publication_stamps(slug) is None


@pytest.mark.parametrize("with_settings", [True, False])
def test_the_programme_is_the_orms(world, with_settings, django_assert_num_queries):
    if with_settings:
        FinanceSettings.objects.create(programme=world.programme, publish_totals=True)
        CatalogueSettings.objects.create(programme=world.programme, publish=True, note="Hinweis")
    expected = (
        Programme.objects.filter(publication__enabled=True)
        .select_related(*programme_reads.PROGRAMME_SETTINGS)
        .get(slug=world.programme.slug)
    )
    mine = programme_reads.public_programme(world.programme.slug)
    assert _values(mine) == _values(expected)
    with django_assert_num_queries(0):
        for name in programme_reads.PROGRAMME_SETTINGS:
            try:
                found = getattr(expected, name)
            except Exception:  # noqa: BLE001 - the related object's own DoesNotExist
                found = None
            if found is None:
                with pytest.raises(getattr(Programme, name).RelatedObjectDoesNotExist):
                    getattr(mine, name)
            else:
                assert _values(getattr(mine, name)) == _values(found)
                assert getattr(mine, name).programme is mine
    assert programme_reads.public_programme("geheim") is None
    assert programme_reads.public_programme("unbekannt") is None


def test_the_active_quarter_is_the_orms(world):
    Quarter.objects.create(programme=world.programme, year=2024, number=4, state="active")
    Quarter.objects.create(programme=world.programme, year=2025, number=2, state="planning")
    expected = (
        Quarter.objects.filter(programme=world.programme, state=Quarter.State.ACTIVE)
        .order_by("-year", "-number")
        .first()
    )
    assert expected == world.quarter
    assert _values(programme_reads.active_quarter(world.programme.pk)) == _values(expected)
    assert programme_reads.active_quarter(world.private_programme.pk) is None


def test_the_site_settings_are_load(db):
    assert _values(programme_reads.site_settings()) == _values(PublicSiteSettings.load())
    PublicSiteSettings.objects.create(pk=1, operator_name="Stadt <Beispiel>", imprint="Text")
    mine, expected = programme_reads.site_settings(), PublicSiteSettings.load()
    assert _values(mine) == _values(expected) and mine.operator_name == "Stadt <Beispiel>"
    assert mine.updated_at == expected.updated_at and mine.updated_at.tzinfo is not None
