"""`{% project_progress %}`: the empty section written in Python is the template's, and a
project without a plan costs one query."""

import pytest
from django.db import connection
from django.template import Context
from django.template import Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lotse.planning import selectors

from .factories import PhaseFactory
from .factories import WorkPackageFactory

TAG = Template("{% load planning %}{% project_progress project %}")


def _template(project):
    return render_to_string(
        "planning/_project_progress.html",
        {"summary": selectors.progress_summary(project), "project": project},
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_without_plan_one_query_and_the_templates_markup(cast, language):
    project = cast.project
    with translation.override(language):
        with CaptureQueriesContext(connection) as queries:
            html = TAG.render(Context({"project": project}))
        assert len(queries) == 1
        assert html == _template(project)
    assert "h-plan-progress" in html


@pytest.mark.parametrize("kind", ["phase", "work_package"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_with_plan_the_template(cast, language, kind):
    project = cast.project
    if kind == "phase":
        PhaseFactory(project=project, name="Vorprojektphase", order=1)
    else:
        WorkPackageFactory(project=project, phase=None, code="AP 1", title="Auftrag")
    with translation.override(language):
        html = TAG.render(Context({"project": project}))
        assert html == _template(project)
    assert "Noch keine Phasen" not in html and "No phases" not in html
