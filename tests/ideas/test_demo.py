"""The demo: Konstanz's idea platform with a closed round and two Leitprojekte, Potsdam's staff
ideas, comments and principles; twice is once."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.demo.ideas_demo import load_konstanz_demo
from lotse.demo.konstanz import ensure_konstanz
from lotse.demo.loader import load_potsdam
from lotse.discussion.models import Comment
from lotse.glossary import data as glossary_data
from lotse.ideas.models import Idea
from lotse.ideas.models import IdeaSettings
from lotse.ideas.models import RoundRater
from lotse.ideas.models import Score
from lotse.ideas.models import ScoringRound
from lotse.portfolio.models import Programme
from tests.demo import assert_loading_again_adds_nothing


def test_ideas_demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_potsdam(password="lotse-demo")
    load_konstanz_demo(today=timezone.localdate())
    konstanz = Programme.objects.get(slug="konstanz")
    assert konstanz.name == "Digitale Agenda Konstanz"
    assert konstanz.fields_of_action.get(name="Verwaltung").impact == "inward"
    assert IdeaSettings.objects.get(programme=konstanz).public_platform
    scoring_round = ScoringRound.objects.get(programme=konstanz)
    assert (
        scoring_round.is_closed
        and RoundRater.objects.filter(round=scoring_round, submitted_at__isnull=False).count() == 3
    )
    assert Score.objects.filter(round=scoring_round).values("rater").distinct().count() == 3
    adopted = Idea.objects.filter(programme=konstanz, status="adopted")
    assert adopted.count() == 2
    assert all(i.project.stage == "idea" and i.project.published for i in adopted)
    assert Idea.objects.filter(programme=konstanz, source="workshop").exists()
    assert Idea.objects.filter(programme=konstanz, moderation="pending").count() == 1
    assert konstanz.glossary_terms.filter(term="Digitale Souveränität").exists()
    potsdam = Programme.objects.get(slug="potsdam")
    assert (
        Idea.objects.filter(programme=potsdam, source="staff", author__username="bcm").count() == 3
    )
    assert Comment.objects.filter(programme=potsdam, content_type__model="statusreport").exists()
    assert Comment.objects.filter(programme=potsdam, content_type__model="decisionrequest").exists()
    assert (
        list(potsdam.principles.values_list("text", flat=True)) == glossary_data.POTSDAM_PRINCIPLES
    )
    # the public Konstanz pages show the platform and a Leitprojekt's link
    anon = Client()
    listing = anon.get(reverse("public:idea_list", args=["konstanz"])).content.decode()
    assert "Freies WLAN am Seeufer" in listing and "Mülleimer" not in listing
    idea = adopted.first()
    detail = anon.get(reverse("public:idea_detail", args=["konstanz", idea.pk])).content.decode()
    assert reverse("public:project", args=["konstanz", idea.project.pk]) in detail
    assert_loading_again_adds_nothing(Idea.objects, Comment.objects, Score.objects, Idea.history)
    assert ensure_konstanz() == konstanz


def test_duisburg_demo(db, settings):
    from lotse.demo.duisburg import GOALS
    from lotse.demo.duisburg import MATRIX
    from lotse.demo.duisburg import load_duisburg_demo
    from lotse.governance.models import MeetingSeries
    from lotse.ideas.models import ScoringRound
    from lotse.ideas.selectors import ranking
    from lotse.portfolio.models import GoalContribution
    from tests.factories import UserFactory

    for name in ("pmo", "programmleitung", "auftraggeber", "lesend"):
        UserFactory(username=name)
    created = load_duisburg_demo(today=timezone.localdate())
    duisburg = Programme.objects.get(slug="duisburg")
    assert list(duisburg.strategic_goals.order_by("order").values_list("name", flat=True)) == GOALS
    assert duisburg.projects.count() == len(MATRIX) == 20
    assert (
        GoalContribution.objects.filter(project__programme=duisburg, level="unclear")
        .get()
        .project.title
        == "Digitalisierung Posteingang"
    )
    marks = sum(m.count("x") for _t, m in MATRIX)
    assert (
        GoalContribution.objects.filter(project__programme=duisburg, level="contributes").count()
        == marks
    )
    assert set(MeetingSeries.objects.filter(programme=duisburg).values_list("name", flat=True)) == {
        "DIKON",
        "Digitalisierungsmanagement (DM)",
        "Projektcheck Digitalisierung",
    }
    assert duisburg.reporting_config.period_weeks == 3
    scoring_round = ScoringRound.objects.get(programme=duisburg)
    assert scoring_round.is_closed
    pmo = scoring_round.jury.first().user
    rows = ranking(scoring_round, pmo).rows
    quick = {r.idea.title for r in rows if r.quadrant_label == "Quick Win"}
    assert "Digitale Urlaubsanträge" in quick
    assert "Datenplattform für die Stadtplanung" not in quick
    assert created["Idea"] == 6
    assert load_duisburg_demo(today=timezone.localdate()) == {}
