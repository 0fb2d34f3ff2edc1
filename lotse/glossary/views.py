"""The glossary page (search, anchors), editing terms, and the guiding principles."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.http import get_or_new
from lotse.http import section_page
from lotse.portfolio.selectors import get_programme_for
from lotse.portfolio.services import EditConflict

from . import selectors
from . import services
from .models import GlossaryTerm

app_name = "glossary"


# A page of the glossary section: glossary_page(request, template, programme, **context); a
# page that shows what the service refused answers 422.
glossary_page = partial(section_page, section="glossary")


@login_required
def glossary(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "glossary.view")
    query = request.GET.get("q", "")[:100]
    return glossary_page(
        request,
        "glossary/glossary.html",
        programme,
        terms=list(selectors.terms_of(programme, query)),
        query=query,
        can_change=request.user.has_perm("glossary.change", programme),
    )


@login_required
def term_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "glossary.change")
    term = get_or_new(GlossaryTerm, pk, programme=programme)
    errors: dict[str, list[str]] = {}
    values = {"term": term.term, "definition": term.definition, "source": term.source}
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in values}
        version = request.POST.get("version", "")
        try:
            saved = services.term_save(
                term=term,
                data=values,
                expected_version=int(version) if version.isdigit() else None,
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        except EditConflict as exc:
            errors = {"__all__": [str(exc)]}
        else:
            messages.success(request, _("Der Begriff ist gespeichert."))
            return redirect(f"{request.path_info.split('/begriffe/')[0]}/#{saved.slug}")
    return glossary_page(
        request,
        "glossary/term_form.html",
        programme,
        term=term,
        values=values,
        errors=errors,
        status=422 if errors else 200,
    )


@login_required
@require_POST
def term_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "glossary.change")
    term = get_object_or_404(GlossaryTerm, pk=pk, programme=programme)
    services.term_delete(term=term)
    messages.success(request, _("Der Begriff „%(term)s“ ist gelöscht.") % {"term": term.term})
    return redirect("glossary:glossary", slug=programme.slug)


@login_required
def principles(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "glossary.view")
    can_change = request.user.has_perm("glossary.change", programme)
    current = selectors.principles_of(programme)
    text = "\n\n".join(p.text for p in current)
    error = ""
    if request.method == "POST":
        if not can_change:
            return render(request, "403.html", status=403)
        text = request.POST.get("text", "")
        try:
            services.principles_save(
                programme=programme,
                texts=[block.replace("\n", " ") for block in text.replace("\r", "").split("\n\n")],
                source=current[0].source if current else "",
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Die Leitprinzipien sind gespeichert."))
            return redirect("glossary:principles", slug=programme.slug)
    return glossary_page(
        request,
        "glossary/principles.html",
        programme,
        principles=current,
        text=text,
        error=error,
        can_change=can_change,
        status=422 if error else 200,
    )
