"""The programme's reporting rhythm (a programme-office setting)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.forms import ModelForm
from lotse.forms import form_saved
from lotse.http import AuthedRequest
from lotse.http import section_page
from lotse.portfolio.forms import DateInput
from lotse.portfolio.selectors import get_programme_for

from .. import services
from ..models import ReportingConfig
from ..periods import config_for
from ..periods import periods_until


class ReportingConfigForm(ModelForm):
    class Meta:
        model = ReportingConfig
        fields = [
            "cadence",
            "period_weeks",
            "first_period_start",
            "due_working_days",
            "reminder_days_before",
            "public_release",
        ]
        widgets = {"first_period_start": DateInput()}


@login_required
def reporting_settings(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "reporting.change_reporting_config")
    config = config_for(programme)
    form = ReportingConfigForm(request.POST or None, instance=config)
    if not request.user.has_perm("reporting.change_public_release", programme):
        # Whether lights need a release is for those who answer for the public pages.
        form.fields["public_release"].disabled = True
        form.fields["public_release"].help_text = _(
            "Diese Einstellung ändern die Programmverantwortliche und der Auftraggeber."
        )
    if form_saved(
        request,
        form,
        lambda: services.reporting_config_update(config=config, data=form.cleaned_data),
    ):
        messages.success(request, _("Der Berichtsrhythmus wurde gespeichert."))
        return redirect("reporting:settings", slug=programme.slug)
    today = timezone.localdate()
    periods = periods_until(programme, today)
    # Under the Cockpit tab: the cockpit is where the rhythm's periods are read and the one
    # page that links here.
    return section_page(
        request,
        "reporting/settings.html",
        programme,
        section="cockpit",
        form=form,
        periods=periods[-6:],
        today=today,
    )
