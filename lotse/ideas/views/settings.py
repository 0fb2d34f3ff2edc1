"""The programme office switches the idea platform on and sets how it is moderated."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from lotse.forms import form_saved
from lotse.forms import posted_version
from lotse.http import AuthedRequest
from lotse.portfolio.forms import REFUSED_EDIT
from lotse.portfolio.selectors import get_programme_for

from .. import services
from ..forms import IdeaSettingsForm
from ..models import IdeaSettings
from .common import ideas_page


@login_required
def idea_settings(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "ideas.change_settings")
    # A GET only reads (the defaults, unsaved, if nobody set anything yet); a POST stores them.
    current = (
        services.idea_settings_for(programme)
        if request.method == "POST"
        else IdeaSettings.objects.filter(programme=programme).first()
        or IdeaSettings(programme=programme)
    )
    form = IdeaSettingsForm(request.POST or None, instance=current)
    if form_saved(
        request,
        form,
        lambda: services.idea_settings_update(
            settings=current,
            data=form.changes(),
            expected_version=posted_version(request),
        ),
        REFUSED_EDIT,
    ):
        messages.success(request, _("Die Einstellungen der Ideenplattform sind gespeichert."))
        return redirect("ideas:settings", slug=programme.slug)
    return ideas_page(request, "ideas/settings.html", programme, form=form, current=current)
