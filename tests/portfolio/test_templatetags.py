"""The list helpers (stage_badge, project_kind_label, project_url) say what the per-row
include, `get_…_display` and `get_absolute_url` said, in every language and under a prefix."""

import pytest
from django.template.loader import render_to_string
from django.urls import clear_script_prefix
from django.urls import set_script_prefix
from django.utils import translation

from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.templatetags.portfolio import project_kind_label
from lotse.portfolio.templatetags.portfolio import project_url
from lotse.portfolio.templatetags.portfolio import stage_badge


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("stage", Stage.values)
def test_stage_badge_is_the_stage_include(stage, language):
    project = Project(stage=stage)
    with translation.override(language):
        expected = render_to_string(
            "includes/stage.html", {"stage": stage, "label": project.get_stage_display()}
        ).strip()
        assert stage_badge(stage) == expected


@pytest.mark.parametrize("language", ["de", "en"])
def test_kind_label_is_get_kind_display(language):
    with translation.override(language):
        for kind in Project.Kind.values:
            assert project_kind_label(kind) == Project(kind=kind).get_kind_display()


def test_labels_follow_the_language():
    with translation.override("de"):
        german = stage_badge(Stage.RUNNING)
    with translation.override("en"):
        english = stage_badge(Stage.RUNNING)
    assert "In Umsetzung" in german
    assert "In Umsetzung" not in english


@pytest.mark.parametrize("prefix", ["/", "/lotse/"])
def test_project_url_is_get_absolute_url(prefix):
    project = Project(pk=4711)
    set_script_prefix(prefix)
    try:
        assert project_url(project) == project.get_absolute_url()
        assert project_url(project).startswith(prefix)
    finally:
        clear_script_prefix()
