"""lotse/targets.py: the lookups the comment and attachment registries share."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from lotse.targets import Registry
from lotse.targets import back_to
from lotse.targets import label_of
from lotse.targets import pointing_at


@dataclass(frozen=True)
class Entry:
    view_perm: str
    programme_path: str
    related: tuple[str, ...] = ()


REGISTRY = Registry({"portfolio.project": Entry("portfolio.view_project", "programme_id")})


def test_entry_and_programme_follow_the_label(cast):
    assert label_of(cast.project) == "portfolio.project"
    assert REGISTRY.target_for(cast.project) == REGISTRY.targets["portfolio.project"]
    assert REGISTRY.target_for(cast.programme) is None
    assert REGISTRY.programme_id_of(cast.project) == cast.programme.pk
    assert pointing_at(cast.project)["object_id"] == cast.project.pk


def test_load_checks_label_id_and_read_permission(cast):
    obj, entry = REGISTRY.load(cast.users["viewer"], "portfolio.project", cast.project.pk)
    assert obj == cast.project and entry.view_perm == "portfolio.view_project"
    for label, pk in [("portfolio.programme", cast.programme.pk), ("portfolio.project", "x")]:
        with pytest.raises(Http404):
            REGISTRY.load(cast.users["pmo"], label, pk)
    with pytest.raises(PermissionDenied):
        REGISTRY.load(AnonymousUser(), "portfolio.project", cast.project.pk)


def test_back_to_refuses_a_foreign_next(cast):
    ours = RequestFactory().post("/", {"next": "/projekte/?seite=2"})
    assert back_to(ours, cast.project, "anhaenge")["Location"] == "/projekte/?seite=2#anhaenge"
    foreign = RequestFactory().post("/", {"next": "https://boese.example/"})
    url = back_to(foreign, cast.project, "kommentare")["Location"]
    assert url == f"{cast.project.get_absolute_url()}#kommentare"
