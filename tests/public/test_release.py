"""Traffic lights reach the public pages only once released (issue 11 F), unless the
programme publishes them automatically; the "Stand" is never in the future."""

from datetime import date
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from lotse.public.opendata import PROJECTS
from lotse.public.opendata import as_csv
from lotse.reporting import services
from lotse.reporting.models import ReportingConfig
from lotse.reporting.models import StatusReport
from tests.reporting.factories import ReportingConfigFactory
from tests.reporting.factories import ReportingPeriodFactory
from tests.reporting.factories import StatusReportFactory


def _page(anon, world) -> str:
    url = reverse("public:project", args=[world.programme.slug, world.published.pk])
    return anon.get(url).content.decode()


def _accept_newer(world) -> StatusReport:
    """The newer (red) report of the published project, accepted but not released."""
    report = StatusReport.objects.get(project=world.published, state="submitted")
    return services.report_accept(report=report, user=None)


def test_an_accepted_report_waits_for_its_release(world, anon):
    newer = _accept_newer(world)
    html = _page(anon, world)
    assert "light--amber" in html and "light--red" not in html  # the released one
    services.report_release(report=newer, user=None)
    html = _page(anon, world)
    assert "light--red" in html and "light--amber" not in html


def test_without_any_release_the_public_sees_no_light(world, anon):
    StatusReport.objects.filter(project=world.published).update(released_at=None)
    html = _page(anon, world)
    assert "light--amber" not in html
    assert "noch kein geprüfter Bericht" in html


def test_automatic_release_shows_every_accepted_report(world, anon):
    StatusReport.objects.filter(project=world.published).update(released_at=None)
    _accept_newer(world)
    ReportingConfigFactory(
        programme=world.programme,
        first_period_start=date(2025, 1, 1),
        public_release=ReportingConfig._meta.get_field("public_release").choices[0][0],
    )
    assert ReportingConfig.objects.get(programme=world.programme).public_release == "automatic"
    assert "light--red" in _page(anon, world)


def test_the_default_setting_is_after_release(world):
    config = ReportingConfigFactory(programme=world.programme, first_period_start=date(2025, 1, 1))
    assert config.public_release == "release"
    assert config.get_public_release_display() == "nach Freigabe"


def test_the_stand_is_never_in_the_future(world, anon):
    today = timezone.localdate()
    running = ReportingPeriodFactory(
        programme=world.programme,
        start=today - timedelta(days=10),
        end=today + timedelta(days=20),
        due_date=today - timedelta(days=1),
    )
    StatusReportFactory(
        project=world.published,
        period=running,
        state="accepted",
        overall="green",
        released_at=timezone.now(),
    )
    html = _page(anon, world)
    assert "light--green" in html
    assert f"Stand {today:%d.%m.%Y}" in html
    assert f"{running.end:%d.%m.%Y}" not in html
    csv = as_csv(PROJECTS, world.programme)
    assert f"{running.end:%Y-%m-%d}" not in csv
    assert f"{today:%Y-%m-%d}" in csv
