"""Programme cockpit: attention reasons and order, filters, counts, XLSX, access, queries."""

import re
from datetime import date
from datetime import datetime
from datetime import timedelta
from html import unescape
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.reporting import cockpit
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import ReportingConfig
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from lotse.reporting.snapshots import take_snapshot
from tests.factories import FieldOfActionFactory
from tests.factories import ProjectFactory
from tests.jobs.helpers import exported
from tests.queries import assert_constant_queries
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import StatusReportFactory
from tests.reporting.factories import live_periods
from tests.roles import ALL_ROLES
from tests.roles import READERS
from tests.roles import page_status

TODAY = date(2026, 11, 23)


# --- building data ----------------------------------------------------------------------


def finish_cast_projects(cast) -> None:
    """The cast's two projects (ideas, which owe reports too) leave the stage to the test's."""
    Project.objects.filter(pk__in=[cast.project.pk, cast.other_project.pk]).update(
        stage=Stage.COMPLETED
    )


def fixed_periods(programme, until: date = TODAY):
    """Monthly periods from January 2026 up to `until` (for selectors given a fixed today)."""
    ReportingConfig.objects.update_or_create(
        programme=programme, defaults={"first_period_start": date(2026, 1, 1)}
    )
    return ensure_periods(programme, until)


def report(project, period, state="submitted", snapshot=True, **lights):
    note = {f"{name}_note": "Begründung" for name, value in lights.items() if value != "green"}
    submitted = state in ("submitted", "accepted", "returned")
    return StatusReportFactory(
        project=project,
        period=period,
        state=state,
        summary=f"Stand von {project.title}",
        next_steps="Erster Schritt\nZweiter Schritt",
        submitted_at=timezone.make_aware(datetime.combine(period.due_date, datetime.min.time()))
        if submitted
        else None,
        snapshot=take_snapshot(project) if snapshot and submitted else {},
        **lights,
        **note,
    )


def running(field, title, **kwargs):
    return ProjectFactory(field_of_action=field, title=title, stage=Stage.RUNNING, **kwargs)


def grow(cast, total: int, periods, *, with_details: bool = True) -> None:
    """`total` running projects, each with a report for every period, built in bulk."""
    fields = [cast.field, FieldOfActionFactory(programme=cast.programme)]
    existing = cast.programme.projects.count()
    Project.objects.bulk_create(
        Project(
            programme=cast.programme,
            field_of_action=fields[i % 2],
            title=f"Vorhaben {existing + i:04d}",
            stage=Stage.RUNNING,
            lead=cast.users["project_lead"] if i % 3 == 0 else None,
        )
        for i in range(total - existing)
    )
    projects = list(cast.programme.projects.all())
    Project.objects.filter(pk__in=[p.pk for p in projects]).update(stage=Stage.RUNNING)
    new = [p for p in projects if not p.status_reports.exists()]
    if not with_details:
        return
    start = periods[0].start
    Milestone.objects.bulk_create(
        Milestone(
            project=p,
            title=f"Meilenstein {k}",
            planned_date=start + timedelta(days=40 * k),
            forecast_date=start + timedelta(days=40 * k + (i % 4) * 7) if k else None,
            actual_date=start + timedelta(days=3) if k == 0 else None,
        )
        for i, p in enumerate(new)
        for k in range(3)
    )
    Risk.objects.bulk_create(
        Risk(project=p, title=f"Risiko {k}", probability=1 + k, impact=2)
        for p in new
        for k in range(2)
    )
    DecisionRequest.objects.bulk_create(
        DecisionRequest(project=p, question="Freigabe?", needed_by=start + timedelta(days=20))
        for i, p in enumerate(new)
        if i % 4 == 0
    )
    snapshot = {
        "milestones": [
            {
                "id": 1,
                "title": "Eingefroren",
                "planned_date": start.isoformat(),
                "forecast_date": (start + timedelta(days=9)).isoformat(),
                "actual_date": None,
                "slippage_days": 9,
            }
        ],
        "risks": [],
        "decision_requests": [],
    }
    lights = ["green", "amber", "red"]
    StatusReport.objects.bulk_create(
        StatusReport(
            project=p,
            period=period,
            state=["submitted", "accepted", "draft", "returned"][(i + j) % 4],
            overall=lights[(i + j) % 3],
            overall_note="Begründung",
            summary="Stand",
            submitted_at=timezone.now(),
            snapshot=snapshot if (i + j) % 4 < 2 else {},
        )
        for i, p in enumerate(new)
        for j, period in enumerate(periods)
        if (i + j) % 7  # some reports missing
    )


# --- attention reasons and order --------------------------------------------------------


@pytest.fixture
def scene(cast):
    """One project for each reason, and two without any, in one period (Nov. 2026)."""
    finish_cast_projects(cast)
    periods = fixed_periods(cast.programme)
    period = periods[-1]
    field = cast.field
    projects = {
        "fine": running(field, "A Alles gut"),
        "amber": running(field, "B Gelb ohne Anlass"),
        "decision": running(field, "C Entscheidung offen"),
        "milestone": running(field, "D Meilenstein rutscht"),
        "returned": running(field, "E Zurückgegeben"),
        "overdue": running(field, "F Fehlt"),
        "red": running(field, "G Rot"),
    }
    report(projects["fine"], period)
    report(projects["amber"], period, overall="amber")
    MilestoneFactory(
        project=projects["milestone"],
        title="Ausschreibung",
        planned_date=date(2026, 12, 1),
        forecast_date=date(2027, 1, 15),
    )
    report(projects["milestone"], period)
    report(projects["returned"], period, state="returned")
    DecisionRequestFactory(
        project=projects["decision"], question="Budget freigeben?", needed_by=date(2026, 11, 1)
    )
    report(projects["decision"], period)
    report(projects["red"], period, overall="red")
    return period, projects


def test_attention_first_in_order_of_urgency(cast, scene):
    period, projects = scene
    rows = cockpit.cockpit_rows(cast.programme, period, date(2026, 11, 24))
    titles = [r.project.title for r in rows]
    assert titles == [
        "G Rot",
        "E Zurückgegeben",  # overdue too, and with two reasons before one
        "F Fehlt",
        "D Meilenstein rutscht",
        "C Entscheidung offen",
        "B Gelb ohne Anlass",  # no reason, but amber before green
        "A Alles gut",
    ]
    reasons = {r.project.title: [a.text for a in r.reasons] for r in rows}
    assert reasons["G Rot"] == ["Gesamtstatus rot"]
    assert reasons["F Fehlt"] == ["Bericht überfällig (fällig am 23.11.2026)"]
    # returned is not a submitted report, so it is also overdue
    assert reasons["E Zurückgegeben"] == [
        "Bericht überfällig (fällig am 23.11.2026)",
        "Bericht zurückgegeben",
    ]
    assert reasons["D Meilenstein rutscht"] == [
        "Meilenstein „Ausschreibung“ verzögert sich (45 Tage)"
    ]
    assert reasons["C Entscheidung offen"] == [
        "Entscheidung überfällig: „Budget freigeben?“ (benötigt bis 01.11.2026)"
    ]
    assert reasons["A Alles gut"] == reasons["B Gelb ohne Anlass"] == []


def test_finished_and_paused_projects_are_left_out_unless_they_reported(cast, scene):
    period, _projects = scene
    idea = ProjectFactory(field_of_action=cast.field, title="Nur eine Idee", stage=Stage.IDEA)
    paused = ProjectFactory(field_of_action=cast.field, title="Pausiert", stage=Stage.PAUSED)
    done = ProjectFactory(field_of_action=cast.field, title="Fertig", stage=Stage.COMPLETED)
    report(done, period)
    titles = {r.project.title for r in cockpit.cockpit_rows(cast.programme, period, TODAY)}
    assert done.title in titles
    assert idea.title in titles  # ideas report too, as the reminders expect
    assert paused.title not in titles
    assert cast.project.title not in titles  # completed


def test_report_is_overdue_only_after_its_due_date(cast):
    finish_cast_projects(cast)
    period = fixed_periods(cast.programme)[-1]
    assert period.due_date == date(2026, 11, 23)
    missing = running(cast.field, "Ohne Bericht")
    draft = running(cast.field, "Mit Entwurf")
    submitted = running(cast.field, "Eingereicht")
    report(draft, period, state="draft")
    report(submitted, period)

    def overdue(today):
        rows = cockpit.cockpit_rows(cast.programme, period, today)
        return {r.project.title for r in rows if r.is_overdue}

    assert overdue(date(2026, 11, 23)) == set()  # due today: not yet overdue
    assert overdue(date(2026, 11, 24)) == {missing.title, draft.title}


@pytest.mark.parametrize(
    "planned,forecast,actual,slipping",
    [
        (date(2026, 12, 1), date(2026, 12, 20), None, True),  # forecast later than planned
        (date(2026, 12, 1), None, None, False),  # in the future, on plan
        (date(2026, 11, 1), None, None, True),  # date passed, not done: overdue
        (date(2026, 11, 1), date(2026, 10, 1), None, True),  # forecast passed, not done
        (date(2026, 11, 1), None, date(2026, 11, 20), False),  # done late: history
        (date(2026, 12, 1), date(2026, 11, 28), None, False),  # forecast earlier
    ],
)
def test_slipping_milestones(planned, forecast, actual, slipping):
    m = {"planned_date": planned, "forecast_date": forecast, "actual_date": actual}
    assert cockpit.milestone_slipping(m, TODAY) is slipping


def test_a_submitted_report_is_judged_by_its_snapshot(cast):
    finish_cast_projects(cast)
    period = fixed_periods(cast.programme)[-1]
    project = running(cast.field, "Eingefroren")
    milestone = MilestoneFactory(project=project, title="Abnahme", planned_date=date(2026, 11, 1))
    report(project, period)  # snapshot: the milestone is overdue
    milestone.actual_date = date(2026, 11, 20)
    milestone.save()
    (row,) = cockpit.cockpit_rows(cast.programme, period, TODAY)
    assert row.frozen
    assert [r.kind for r in row.reasons] == [cockpit.Reason.MILESTONE]
    # a draft shows the live project instead
    StatusReport.objects.filter(project=project).update(state="draft")
    (row,) = cockpit.cockpit_rows(cast.programme, period, TODAY)
    assert not row.frozen
    assert row.reasons == []


def test_trend_against_the_previous_period(cast):
    finish_cast_projects(cast)
    periods = fixed_periods(cast.programme)
    project = running(cast.field, "Trend")
    report(project, periods[-2], overall="green")
    report(project, periods[-1], overall="amber")
    (row,) = cockpit.cockpit_rows(cast.programme, periods[-1], TODAY)
    assert row.trend_label == "schlechter"


# --- the page ---------------------------------------------------------------------------


@pytest.fixture
def page_scene(cast):
    """Last month's period (overdue whatever today is) with a red, an amber and a missing."""
    finish_cast_projects(cast)
    periods = live_periods(cast.programme, 2)
    period = periods[0]
    other_field = FieldOfActionFactory(programme=cast.programme, name="Verwaltung intern")
    red = running(cast.field, "Rotes Projekt")
    amber = running(other_field, "Gelbes Projekt")
    green = running(other_field, "Grünes Projekt")
    missing = running(cast.field, "Stilles Projekt")
    report(red, period, overall="red")
    report(amber, period, overall="amber", state="accepted")
    report(green, period)
    return period, other_field, {"red": red, "amber": amber, "green": green, "missing": missing}


def _get(cast, role="pmo", **params):
    url = reverse("reporting:programme_cockpit", args=[cast.programme.slug])
    return cast.client(role).get(url, params)


def plain(html: str) -> str:
    """HTML as a reader sees it: no tags, single spaces."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def text(response) -> str:
    return plain(response.content.decode())


def _titles(response) -> list[str]:
    return [row.project.title for group in response.context["groups"] for row in group.rows]


def test_page_groups_by_field_with_attention_first(cast, page_scene):
    period, other_field, projects = page_scene
    response = _get(cast, period=period.pk)
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.field.name for g in groups] == [cast.field.name, other_field.name]
    assert [r.project.title for r in groups[0].rows] == ["Rotes Projekt", "Stilles Projekt"]
    assert [r.project.title for r in groups[1].rows] == ["Gelbes Projekt", "Grünes Projekt"]
    page = text(response)
    assert "● rot" in page and "● gelb" in page and "● grün" in page
    assert "○ kein Bericht" in page
    assert "Gesamtstatus rot" in page
    assert "Bericht überfällig" in page


def test_default_period_is_the_current_one(cast, page_scene):
    response = _get(cast)
    current = ensure_periods(cast.programme, timezone.localdate())[-1]
    assert response.context["period"] == current


def test_counts_per_light_and_field(cast, page_scene):
    period, other_field, _projects = page_scene
    summary = _get(cast, period=period.pk).context["summary"]
    # columns: red, amber, green, no report
    lines = {line.label: (line.cells, line.attention, line.total) for line in summary["lines"]}
    assert lines == {
        cast.field.name: ([1, 0, 0, 1], 2, 2),
        other_field.name: ([0, 1, 1, 0], 0, 2),
    }
    assert summary["total"].cells == [1, 1, 1, 1]
    assert (summary["total"].attention, summary["total"].total) == (2, 4)


@pytest.mark.parametrize(
    "params,titles",
    [
        ({"light": "red"}, ["Rotes Projekt"]),
        ({"light": "missing"}, ["Stilles Projekt"]),
        ({"state": "accepted"}, ["Gelbes Projekt"]),
        ({"state": "missing"}, ["Stilles Projekt"]),
        ({"attention": "on"}, ["Rotes Projekt", "Stilles Projekt"]),
        ({"field": "other"}, ["Gelbes Projekt", "Grünes Projekt"]),
        ({"light": "green", "field": "other"}, ["Grünes Projekt"]),
    ],
)
def test_filters(cast, page_scene, params, titles):
    period, other_field, _projects = page_scene
    if params.get("field") == "other":
        params = {**params, "field": other_field.pk}
    response = _get(cast, period=period.pk, **params)
    assert _titles(response) == titles
    assert response.context["summary"]["total"].total == len(titles)


def test_htmx_request_gets_only_the_results(cast, page_scene):
    period, _field, _projects = page_scene
    url = reverse("reporting:programme_cockpit", args=[cast.programme.slug])
    response = cast.client("viewer").get(
        url, {"period": period.pk, "light": "red"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html
    assert "Rotes Projekt" in html and "Grünes Projekt" not in html
    assert 'id="result-count"' in html


def test_who_has_not_reported_yet(cast, page_scene):
    period, _field, projects = page_scene
    draft = running(cast.field, "Entwurfsprojekt")
    report(draft, period, state="draft")
    response = _get(cast, period=period.pk, light="red")  # the list ignores the filters
    missing = response.context["not_reported"]
    assert [r.project.title for r in missing] == ["Entwurfsprojekt", "Stilles Projekt"]
    assert all(r.is_overdue for r in missing)
    html = response.content.decode()
    section = html[html.index("Wer hat noch nicht berichtet?") :]
    assert "Stilles Projekt" in section and "Rotes Projekt" not in section
    assert period.due_date.strftime("%d.%m.%Y") in section
    assert "überfällig" in section


def test_unknown_period_falls_back_to_the_current_one(cast, page_scene):
    response = _get(cast, period="999999")
    assert response.status_code == 200
    assert response.context["period"] == ensure_periods(cast.programme, timezone.localdate())[-1]


def test_xlsx_export_follows_the_filters(cast, page_scene):
    period, _field, _projects = page_scene
    url = reverse("reporting:programme_cockpit_xlsx", args=[cast.programme.slug])
    job, content = exported(cast.client("viewer"), url, {"period": period.pk, "attention": "on"})
    assert job.content_type.startswith("application/vnd.openxmlformats")
    assert job.filename == f"cockpit-{cast.programme.slug}-{period.end:%Y-%m-%d}.xlsx"
    sheet = load_workbook(BytesIO(content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:6] == [
        "Themenfeld",
        "Projekt",
        "Projektleitung",
        "Phase",
        "Bericht",
        "Gesamtstatus",
    ]
    body = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(body) == {"Rotes Projekt", "Stilles Projekt"}
    assert body["Rotes Projekt"]["Gesamtstatus"] == "rot"
    assert body["Rotes Projekt"]["Handlungsbedarf"] == "Gesamtstatus rot"
    assert body["Rotes Projekt"]["eingereicht am"].date() == period.due_date
    assert body["Stilles Projekt"]["Bericht"] == "kein Bericht"
    assert body["Stilles Projekt"]["Handlungsbedarf"].startswith("Bericht überfällig")


# --- access -----------------------------------------------------------------------------

PAGES = [
    "reporting:programme_cockpit",
    "reporting:programme_cockpit_xlsx",
    "reporting:projektcheck",
    "reporting:controlling",
]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_access(cast, role, name):
    Project.objects.filter(pk=cast.project.pk).update(stage=Stage.RUNNING)
    response = cast.client(role).get(reverse(name, args=[cast.programme.slug]))
    assert response.status_code == page_status(role, READERS)
    if role == "anonymous":
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_access_projektcheck_pdf(cast, role):
    # Asking for the PDF starts a background job (302 to its page) for every reader.
    response = cast.client(role).post(
        reverse("reporting:projektcheck_pdf", args=[cast.programme.slug])
    )
    assert response.status_code == page_status(role, READERS, ok=302)
    if role in READERS:
        assert response.url.startswith("/auftraege/")


@pytest.mark.parametrize("name", PAGES)
def test_unknown_programme_is_404(cast, name):
    response = cast.client("pmo").get(reverse(name, args=["gibt-es-nicht"]))
    assert response.status_code == 404


# --- queries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["reporting:programme_cockpit", "reporting:programme_cockpit_xlsx"]
)
def test_cockpit_queries_do_not_grow_with_projects(cast, name):
    periods = live_periods(cast.programme, 12)
    url = reverse(name, args=[cast.programme.slug])
    client = cast.client("pmo")
    # 10 projects already show every kind of row; 30 (not 500) is enough to show a query
    # per project.
    params = {"period": periods[-2].pk}
    assert_constant_queries(client, url, lambda n: grow(cast, n, periods), (10, 30), params)
    response = client.get(url, params)
    if name == "reporting:programme_cockpit":
        assert response.context["summary"]["total"].total == 30


def test_open_decision_requests_are_listed_with_overdue_mark(cast):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    DecisionRequestFactory(
        project=cast.project, question="Budget freigeben?", needed_by=today - timedelta(days=2)
    )
    DecisionRequestFactory(
        project=cast.other_project, question="Später?", needed_by=today + timedelta(days=9)
    )
    DecisionRequestFactory(project=cast.project, question="Erledigt", status="decided")
    url = reverse("reporting:programme_cockpit", args=[cast.programme.slug])
    page = cast.client("viewer").get(url).content.decode()
    section = page[page.index("Offene Entscheidungsbedarfe im Programm") :]
    assert section.index("Budget freigeben?") < section.index("Später?")
    assert "Frist überschritten" in section and "Erledigt" not in section
