"""Large rounds and long idea lists stay one page long: the ranking, the rater's sheet, the
value/effort matrix and both idea lists show a page each, while ranks, numbers and counts
are those of the whole round or list (bench: 10,000 ideas took 74 s on one ranking page)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from lotse.ideas import services
from lotse.ideas.models import Score
from lotse.ideas.views import ideas as idea_views
from lotse.ideas.views import scoring as scoring_views
from lotse.public import ideas as public_ideas
from lotse.public.models import ProgrammePublication

from .conftest import bulk_public_ideas


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 3 rows keep the data small; the paging code is the same."""
    monkeypatch.setattr(scoring_views, "RANKING_PAGE_SIZE", 3)
    monkeypatch.setattr(scoring_views, "SHEET_PAGE_SIZE", 3)
    monkeypatch.setattr(scoring_views, "MATRIX_PAGE_SIZE", 3)
    monkeypatch.setattr(scoring_views, "UNPLOTTED_NAMED", 1)
    monkeypatch.setattr(idea_views, "IDEAS_PER_PAGE", 3)
    monkeypatch.setattr(public_ideas, "IDEAS_PER_PAGE", 3)


@pytest.fixture
def scored_round(cast, ideas):
    """A round of 7 ideas: 5 scored by the PMO on every criterion, 2 without scores."""
    new = bulk_public_ideas(cast, 7)
    scoring_round = services.round_create(
        programme=cast.programme, name="Große Runde", ideas=new, raters=[cast.users["pmo"]]
    )
    Score.objects.bulk_create(
        Score(round=scoring_round, idea=idea, criterion=c, rater=cast.users["pmo"], value=n % 6)
        for n, idea in enumerate(new[:5])
        for c in ideas.criteria
    )
    services.round_submit(scoring_round=scoring_round, rater=cast.users["pmo"])
    return scoring_round


def _ranks(html: str) -> list[str]:
    body = html.split('id="h-ranking"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>\s*<td>([^<]*)</td>", body)


def test_ranking_shows_one_page_with_ranks_of_the_whole_round(cast, scored_round, small_pages):
    pmo = cast.client("pmo")
    url = reverse("ideas:round", args=[scored_round.pk])
    first = pmo.get(url).content.decode()
    assert _ranks(first) == ["1", "2", "3"]
    assert "Plätze 1 bis 3 von 7" in first
    assert 'rel="next"' in first and "seite=2" in first
    last = pmo.get(url, {"seite": 3}).content.decode()
    assert len(_ranks(last)) == 1
    assert 'rel="prev"' in last


def test_weights_stay_in_the_ranking_pager(cast, scored_round, ideas, small_pages):
    pmo = cast.client("pmo")
    key = f"w{ideas.criteria[0].pk}"
    html = pmo.get(reverse("ideas:round", args=[scored_round.pk]), {key: "7"}).content.decode()
    assert f"{key}=7&amp;seite=2" in html


def test_rater_sheet_pages_and_saves_only_the_posted_page(cast, ideas, small_pages):
    new = bulk_public_ideas(cast, 5)
    rater = cast.users["pmo"]
    scoring_round = services.round_create(
        programme=cast.programme, name="Runde", ideas=new, raters=[rater]
    )
    pmo = cast.client("pmo")
    url = reverse("ideas:round", args=[scoring_round.pk])
    html = pmo.get(url).content.decode()
    assert "Ideen 1 bis 3 von 5" in html
    assert html.count('class="score-input"') == 3 * len(ideas.criteria)
    assert "Speichern und nächste Seite" in html
    criterion = ideas.criteria[0]
    response = pmo.post(
        reverse("ideas:round_scores", args=[scoring_round.pk]),
        {f"s-{new[0].pk}-{criterion.pk}": "4", "bogen": "1", "submit": "next"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"{url}?bogen=2#h-sheet")
    assert Score.objects.filter(round=scoring_round, rater=rater).count() == 1
    second = pmo.get(url, {"bogen": 2}).content.decode()
    assert "Ideen 4 bis 5 von 5" in second
    assert "Speichern und nächste Seite" not in second


def test_rater_sheet_stays_on_its_page_when_a_value_is_wrong(cast, ideas, small_pages):
    new = bulk_public_ideas(cast, 5)
    scoring_round = services.round_create(
        programme=cast.programme, name="Runde", ideas=new, raters=[cast.users["pmo"]]
    )
    response = cast.client("pmo").post(
        reverse("ideas:round_scores", args=[scoring_round.pk]),
        {f"s-{new[4].pk}-{ideas.criteria[0].pk}": "viel", "bogen": "2", "submit": "next"},
    )
    assert response["Location"].endswith("?bogen=2#h-sheet")
    assert not Score.objects.filter(round=scoring_round).exists()


def test_matrix_pages_keep_the_chart_numbers(cast, scored_round, small_pages):
    pmo = cast.client("pmo")
    url = reverse("ideas:round_matrix", args=[scored_round.pk])
    first = pmo.get(url).content.decode()
    assert "Plätze 1 bis 3 von 5" in first
    second = pmo.get(url, {"seite": 2}).content.decode()
    assert "Plätze 4 bis 5 von 5" in second
    chart = second.split("</svg>", 1)[0]
    assert ">4</text>" in chart and ">5</text>" in chart and ">1</text>" not in chart
    # The two ideas without scores are named, up to the limit, then counted.
    assert "und 0 weitere" not in first
    assert "Idee 005" in first and "Idee 006" not in first
    assert "und eine weitere Idee" in first


def test_internal_idea_list_pages_and_counts_all(cast, ideas, small_pages):
    bulk_public_ideas(cast, 4)  # 3 ideas of the fixture + 4 = 7
    html = cast.client("pmo").get(reverse("ideas:list", args=[cast.programme.slug])).content
    html = html.decode()
    assert "7 Ideen" in html
    assert html.count('<th scope="row">') == 3
    assert "seite=2" in html


def test_public_idea_list_pages_and_counts_only_public_ideas(cast, ideas, small_pages):
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    cache.clear()
    bulk_public_ideas(cast, 4)  # 4 public + the approved public idea of the fixture = 5
    url = reverse("public:idea_list", args=[cast.programme.slug])
    html = Client().get(url).content.decode()
    assert "5 Ideen" in html
    assert html.count('<th scope="row">') == 3
    last = Client().get(url, {"seite": 2}).content.decode()
    assert last.count('<th scope="row">') == 2
