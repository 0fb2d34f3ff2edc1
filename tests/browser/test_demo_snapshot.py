"""The browser tests' demo: loaded once per worker, every test starts from a fresh copy."""

from django.contrib.contenttypes.models import ContentType

from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from ..factories import ProgrammeFactory
from .conftest import _load_demo


def test_a_test_changes_do_not_reach_the_next_test(demo):
    titles = sorted(Project.objects.values_list("title", flat=True))
    slugs = set(Programme.objects.values_list("slug", flat=True))
    assert titles and {"potsdam", "konstanz", "duisburg"} <= slugs

    # What a test might do, then what the next test gets:
    Project.objects.update(title="geändert")
    ProgrammeFactory(slug="neu")
    _load_demo()

    assert sorted(Project.objects.values_list("title", flat=True)) == titles
    assert set(Programme.objects.values_list("slug", flat=True)) == slugs
    assert ContentType.objects.get_for_model(Project).model_class() is Project
