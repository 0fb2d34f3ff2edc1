"""The cockpit pages order, count and page in the database (issue 14): the database's
attention order and summary (`attention_reads`, SQL written out) equal the Python ones
(`CockpitRow.sort_key`, `filter_rows`, `summary`, `not_reported`) on a crafted programme, on
SQLite and PostgreSQL, and the pages' queries stay constant as the programme grows."""

import itertools
from datetime import date
from datetime import timedelta

import pytest
from django.urls import reverse

from lotse.reporting import attention_reads
from lotse.reporting import cockpit
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.signals import KnockOn
from tests.queries import assert_constant_queries
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.test_programme_cockpit import TODAY
from tests.reporting.test_programme_cockpit import finish_cast_projects
from tests.reporting.test_programme_cockpit import fixed_periods
from tests.reporting.test_programme_cockpit import grow
from tests.reporting.test_programme_cockpit import live_periods
from tests.reporting.test_programme_cockpit import report
from tests.reporting.test_programme_cockpit import running


def _knock_on(upstream, downstream, days: int) -> KnockOn:
    return KnockOn(
        upstream_id=upstream.pk,
        upstream_title=upstream.title,
        downstream_id=downstream.pk,
        downstream_title=downstream.title,
        dependency_id=upstream.pk * 1000 + downstream.pk,
        item="Meilenstein",
        item_planned=TODAY,
        item_expected=TODAY + timedelta(days=days),
        anchor="Start",
        anchor_date=TODAY,
        delay_days=days,
    )


@pytest.fixture
def programme(cast, monkeypatch):
    """Every reason, alone and combined, live and frozen, plus knock-ons and grown rows."""
    finish_cast_projects(cast)
    periods = fixed_periods(cast.programme)
    period = periods[-1]
    field = cast.field
    p = {
        name: running(field, title)
        for name, title in [
            ("fine", "a Alles gut"),
            ("amber", "B Gelb"),
            ("live_ms", "C Meilenstein live"),
            ("frozen_ms", "D Meilenstein eingefroren"),
            ("frozen_done", "E Meilenstein erledigt"),
            ("live_dec", "F Entscheidung live"),
            ("frozen_dec", "G Entscheidung eingefroren"),
            ("returned", "H Zurückgegeben"),
            ("draft", "I Entwurf"),
            ("missing", "J Fehlt"),
            ("red_many", "K Rot und mehr"),
            ("waits", "L Wartet"),
            ("waits_twice", "M Wartet doppelt"),
            ("early", "N Früher fertig"),
        ]
    }
    report(p["fine"], period)
    report(p["amber"], period, overall="amber")
    MilestoneFactory(
        project=p["live_ms"], planned_date=date(2026, 12, 1), forecast_date=date(2027, 1, 9)
    )
    report(p["live_ms"], period, snapshot=False)
    MilestoneFactory(project=p["frozen_ms"], planned_date=date(2026, 10, 1))
    report(p["frozen_ms"], period)  # frozen while slipping
    Milestone.objects.filter(project=p["frozen_ms"]).update(actual_date=date(2026, 10, 2))
    MilestoneFactory(project=p["frozen_done"], planned_date=date(2026, 10, 1))
    Milestone.objects.filter(project=p["frozen_done"]).update(actual_date=date(2026, 10, 5))
    report(p["frozen_done"], period)
    # Planned before today but forecast earlier still: slipping once the planned date passed.
    MilestoneFactory(
        project=p["early"], planned_date=date(2026, 12, 10), forecast_date=date(2026, 12, 1)
    )
    report(p["early"], period, state="draft")
    DecisionRequestFactory(project=p["live_dec"], needed_by=date(2026, 11, 1))
    report(p["live_dec"], period, snapshot=False)
    DecisionRequestFactory(project=p["frozen_dec"], needed_by=date(2026, 11, 20))
    report(p["frozen_dec"], period)
    DecisionRequest.objects.filter(project=p["frozen_dec"]).update(needed_by=None)
    report(p["returned"], period, state="returned", overall="amber")
    report(p["draft"], period, state="draft")
    MilestoneFactory(project=p["red_many"], planned_date=date(2026, 9, 1))
    DecisionRequestFactory(project=p["red_many"], needed_by=date(2026, 10, 1))
    report(p["red_many"], period, state="returned", overall="red")
    report(p["waits"], period)
    report(p["waits_twice"], period, overall="red")
    found = [
        _knock_on(p["live_ms"], p["waits"], 12),
        _knock_on(p["fine"], p["waits_twice"], 5),
        _knock_on(p["amber"], p["waits_twice"], 3),
    ]
    monkeypatch.setattr(
        cockpit,
        "knock_ons",
        lambda *, programme, as_of, project_ids=None: [
            k
            for k in found
            if project_ids is None or {k.upstream_id, k.downstream_id} & project_ids
        ],
    )
    grow(cast, 40, periods)
    return period, p


def _python(programme, period, today) -> list[tuple[int, int, int]]:
    rows = cockpit.cockpit_rows(programme, period, today)
    return [
        (r.project.pk, len(r.reasons), r.sort_key()[0])
        for r in rows  # already in sort_key order
    ]


@pytest.mark.parametrize("today", [TODAY, date(2026, 11, 2), date(2026, 12, 5), date(2027, 3, 1)])
def test_the_database_orders_like_the_python_rows(cast, programme, today):
    period, p = programme
    order = attention_reads.attention_order(cast.programme, period, today)
    reasons = order.reasons()
    in_sql = [(pk, reasons[pk]["n_reasons"], reasons[pk]["first_reason"]) for pk in order.ids({})]
    assert in_sql == _python(cast.programme, period, today)
    # every kind of reason occurs, so the comparison means something
    kinds = {
        r.kind for row in cockpit.cockpit_rows(cast.programme, period, today) for r in row.reasons
    }
    if today == date(2027, 3, 1):  # the period's report is overdue by then
        assert kinds == set(cockpit.Reason.RANK)


def test_the_database_reads_frozen_snapshots_not_live_data(cast, programme):
    period, p = programme
    reasons = {
        pk: (r["a_milestone"], r["a_decision"])
        for pk, r in attention_reads.attention_order(cast.programme, period, TODAY)
        .reasons()
        .items()
    }
    assert reasons[p["frozen_ms"].pk] == (1, 0)  # done since, but slipping when frozen
    assert reasons[p["frozen_done"].pk] == (0, 0)
    assert reasons[p["frozen_dec"].pk] == (0, 1)  # needed by 20.11. when frozen, none since
    assert reasons[p["live_dec"].pk] == (0, 1)
    assert reasons[p["live_ms"].pk] == (1, 0)


def test_summary_and_filters_in_the_database_equal_the_python_ones(cast, programme):
    period, p = programme
    rows = cockpit.cockpit_rows(cast.programme, period, TODAY)
    order = attention_reads.attention_order(cast.programme, period, TODAY)
    for filters in [
        {},
        {"attention": True},
        {"light": "red"},
        {"light": cockpit.MISSING},
        {"state": "returned"},
        {"state": cockpit.MISSING},
        {"field": cast.field.pk, "attention": True},
    ]:
        shown = cockpit.filter_rows(rows, filters)
        assert order.ids(filters) == [r.project.pk for r in shown], filters
        assert order.ids(filters, 2, 5) == [r.project.pk for r in shown][2:5], filters
        expected = cockpit.summary(cockpit.group_by_field(shown))
        got = attention_reads.counts_of(order, filters).summary

        def lines(s: dict) -> list:
            return [(x.label, x.cells, x.attention, x.total) for x in [*s["lines"], s["total"]]]

        assert lines(got) == lines(expected), filters
    missing = [r.project.pk for r in cockpit.not_reported(rows)]
    assert missing
    assert order.not_reported_ids(1000) == missing
    assert order.not_reported_ids(3) == missing[:3]


def test_one_count_query_gives_the_summary_pager_and_not_reported_counts(cast, programme):
    """`counts_of` (one GROUP BY) gives the summary, the number of the projects shown and
    of those not reported, as the Python rows give them, for every filter and their
    combinations."""
    period, p = programme
    rows = cockpit.cockpit_rows(cast.programme, period, TODAY)
    order = attention_reads.attention_order(cast.programme, period, TODAY)
    not_reported = len(cockpit.not_reported(rows))
    values = {
        "field": [None, cast.field.pk, -1],
        "light": [None, "red", "green", cockpit.MISSING],
        "state": [None, "returned", "accepted", cockpit.MISSING],
        "attention": [None, True],
    }
    for field, light, state, attention in itertools.product(*values.values()):
        filters = {
            key: value
            for key, value in zip(values, (field, light, state, attention), strict=True)
            if value is not None
        }
        shown = cockpit.filter_rows(rows, filters)
        counts = attention_reads.counts_of(order, filters)
        expected = cockpit.summary(cockpit.group_by_field(shown))

        def lines(s: dict) -> list:
            return [(x.label, x.cells, x.attention, x.total) for x in [*s["lines"], s["total"]]]

        assert lines(counts.summary) == lines(expected), filters
        assert counts.shown == len(shown), filters
        assert counts.not_reported == not_reported


def test_page_ids_are_read_by_the_slice_used(cast, programme, django_assert_num_queries):
    """A paginator's slice of `PageIds` is read once, when it is used."""
    period, p = programme
    order = attention_reads.attention_order(cast.programme, period, TODAY)
    filters = {"attention": True}
    everyone = order.ids(filters)
    ids = attention_reads.PageIds(order, filters, len(everyone))
    with django_assert_num_queries(0):
        page = ids[3:9]
    with django_assert_num_queries(1):
        assert list(page) == everyone[3:9]
        assert len(page) == 6
    assert list(ids[len(everyone) - 2 : len(everyone) + 5]) == everyone[-2:]
    assert ids[4] == everyone[4]


def test_the_knock_ons_passed_in_give_the_same_rows(cast, programme):
    period, p = programme
    found = cockpit.period_knock_ons(cast.programme, period, TODAY)
    ids = attention_reads.attention_order(cast.programme, period, TODAY).ids({})
    assert attention_reads.attention_order(cast.programme, period, TODAY, found).ids({}) == ids

    def reasons(rows: list) -> list:
        return [(r.project.pk, [a.text for a in r.reasons], r.knock_ons) for r in rows]

    assert any(r.knock_ons for r in cockpit.rows_for(cast.programme, period, TODAY, ids))
    assert reasons(cockpit.rows_for(cast.programme, period, TODAY, ids[3:20], found=found)) == (
        reasons(cockpit.rows_for(cast.programme, period, TODAY, ids[3:20]))
    )


def test_a_page_builds_only_its_rows_in_the_order_of_the_database(cast, programme):
    period, p = programme
    ids = attention_reads.attention_order(cast.programme, period, TODAY).ids({}, 5, 15)
    assert len(ids) == 10
    rows = cockpit.rows_for(cast.programme, period, TODAY, ids)
    assert [r.project.pk for r in rows] == ids
    full = {r.project.pk: r for r in cockpit.cockpit_rows(cast.programme, period, TODAY)}
    for row in rows:
        assert [a.text for a in row.reasons] == [a.text for a in full[row.project.pk].reasons]


@pytest.mark.parametrize("name", ["reporting:programme_cockpit", "reporting:projektcheck"])
def test_page_queries_stay_constant_as_the_programme_grows(cast, name):
    periods = live_periods(cast.programme, 12)
    url = reverse(name, args=[cast.programme.slug])
    assert_constant_queries(
        cast.client("pmo"),
        url,
        lambda n: grow(cast, n, periods),
        (10, 120),  # more than two pages of either
        {"period": periods[-2].pk, "seite": 2},
    )


@pytest.mark.parametrize("details", [False, True])
def test_the_rows_hold_all_they_show(cast, programme, details, django_assert_num_queries):
    """The rows read only the columns they show (no report times, the lead by name): what
    the cockpit, the Projektcheck, its PDF and the XLSX show of them reads nothing more."""
    period, p = programme
    rows = cockpit.cockpit_rows(cast.programme, period, TODAY, details=details)
    assert any(r.report is None for r in rows) and any(r.project.lead for r in rows)
    with django_assert_num_queries(0):
        for row in rows:
            project = row.project
            shown = [project.title, project.get_stage_display(), project.field_of_action.name]
            shown += [str(project.lead or ""), row.state_label, row.reason_text, row.lights]
            if row.report is not None:
                shown += [row.report.submitted_at, row.report.snapshot]
                if details:
                    shown += [row.report.summary, row.report.next_step_list]
                    shown += [row.report.support_needed]
