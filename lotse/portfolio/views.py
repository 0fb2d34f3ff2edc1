"""Portfolio pages: thin views that parse, check, call a service or selector, and render."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse import drafts
from lotse import exporting
from lotse.forms import add_service_errors
from lotse.forms import run_and_report
from lotse.http import AuthedRequest
from lotse.http import project_section_page
from lotse.http import section_page

from . import exports
from . import list_reads
from . import selectors
from . import services
from .forms import DependencyForm
from .forms import ProjectFilterForm
from .forms import ProjectForm
from .models import Programme
from .models import Project

PROJECTS_PER_PAGE = 100


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    programmes = list(selectors.programmes_visible_to(request.user).filter(parent=None)[:2])
    if len(programmes) == 1:
        return redirect(programmes[0])
    return render(request, "portfolio/home.html", {"programmes": programmes})


@login_required
def target_picture(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug)
    return section_page(
        request,
        "portfolio/target_picture.html",
        programme,
        section="target",
        goals=programme.strategic_goals.all(),
        can_add_project=request.user.has_perm("portfolio.add_project", programme),
        **selectors.target_picture(programme),
    )


def _filtered_projects(
    request: AuthedRequest, slug: str
) -> tuple[Programme, ProjectFilterForm, QuerySet[Project]]:
    """The programme, the filter form and the projects it selects, as the project list and its
    export read them from the request."""
    programme = selectors.get_programme_for(request.user, slug)
    form = ProjectFilterForm(request.GET or None, programme=programme)
    projects = selectors.filter_projects(
        selectors.projects_visible_to(request.user).filter(programme=programme), form.filters()
    )
    return programme, form, projects


@login_required
def project_list(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug)
    form = ProjectFilterForm(request.GET or None, programme=programme)
    # The count and the page's rows, each one written-out read (issue 14).
    rows = list_reads.ProjectListRows(request.user, programme, form.filters())
    page = Paginator(rows, PROJECTS_PER_PAGE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    template = "portfolio/project_list.html"
    if request.htmx:
        template += "#results"
    return section_page(
        request,
        template,
        programme,
        section="projects",
        form=form,
        page=page,
        projects=page.object_list,
        query=query.urlencode(),
        can_add_project=request.user.has_perm("portfolio.add_project", programme),
    )


def _project_list_scope(request: AuthedRequest, slug: str) -> exporting.Scope:
    return exporting.Scope.of_programme(selectors.get_programme_for(request.user, slug))


@exporting.export(
    "portfolio.project_list_xlsx", gettext_lazy("Projektliste (XLSX)"), _project_list_scope
)
def project_list_xlsx(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    """The project list as filtered on the page (built by the background worker)."""
    from lotse.documents.xlsx import build_workbook

    programme, form, projects = _filtered_projects(request, slug)
    rows = exports.project_list_rows(projects)
    filename = f"projekte-{programme.slug}-{timezone.localdate():%Y-%m-%d}.xlsx"
    return build_workbook(_("Projekte"), exports.project_list_headers(), rows), filename


@login_required
def project_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, pk)
    return project_section_page(
        request,
        "portfolio/project_detail.html",
        project,
        can_edit=request.user.has_perm("portfolio.change_project", project),
        can_add_dependency=request.user.has_perm("portfolio.add_dependency", project),
        dependencies_out=project.dependencies_out.select_related("target"),
        dependencies_in=project.dependencies_in.select_related("source"),
        contributions=project.goal_contributions.select_related("strategic_goal"),
        sub_projects=project.sub_projects.all(),
        history=selectors.project_history(project),
        dependency_form=drafts.form(
            request, project, "dependency", DependencyForm, project=project
        ),
        can_propose_release=project.stage in services.AWAITING_RELEASE
        and request.user.has_perm("portfolio.propose_release", project),
        can_report_completion=project.stage in services.RUNNING
        and request.user.has_perm("portfolio.report_completion", project),
    )


def _marker_view(
    perm: str,
    field: str,
    change: Callable[..., object],
    done: tuple[Promise, Promise],
) -> Callable[[AuthedRequest, int], HttpResponse]:
    """The POST that sets a marker of the project (the posted `field` is not "0") or takes it
    back (it is "0"): `change(project=, user=, <field>=)`, then `done` says which of the two
    happened (or the refusal is shown)."""

    @login_required
    @require_POST
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        value = request.POST.get(field) != "0"
        project = selectors.get_project_for(request.user, pk, perm)
        run_and_report(
            request,
            lambda: change(project=project, user=request.user, **{field: value}),
            str(done[0] if value else done[1]),
        )
        return redirect(project)

    return view


project_propose_release = _marker_view(
    "portfolio.propose_release",
    "proposed",
    services.project_propose_release,
    (gettext_lazy("Zur Freigabe vorgeschlagen."), gettext_lazy("Vorschlag zurückgenommen.")),
)
project_report_completion = _marker_view(
    "portfolio.report_completion",
    "reported",
    services.project_report_completion,
    (gettext_lazy("Abschluss gemeldet."), gettext_lazy("Abschlussmeldung zurückgenommen.")),
)


def _save_project_form(
    request: HttpRequest, form: forms.BaseForm, save: Callable[[], Project]
) -> Project | None:
    """Run the service behind a valid form; map its errors back onto the form."""
    try:
        return save()
    except (services.EditConflict, ValidationError) as exc:
        add_service_errors(form, exc)
    return None


@login_required
def project_create(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug, "portfolio.add_project")
    form = ProjectForm(request.POST or None, programme=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        project = _save_project_form(
            request,
            form,
            lambda: services.project_create(programme=programme, data=form.changes()),
        )
        if project:
            messages.success(
                request, _("Das Projekt „%(title)s“ wurde angelegt.") % {"title": project}
            )
            return redirect(project)
    return section_page(
        request,
        "portfolio/project_form.html",
        programme,
        section="projects",
        form=form,
        project=None,
    )


@login_required
def project_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, pk, "portfolio.change_project")
    form = ProjectForm(
        request.POST or None, instance=project, programme=project.programme, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_project_form(
            request,
            form,
            lambda: services.project_update(
                project=project,
                data=form.changes(),
                expected_version=form.cleaned_data.get("version"),
            ),
        )
        if saved:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect(saved)
    return project_section_page(request, "portfolio/project_form.html", project, form=form)


@login_required
@require_POST
def dependency_add(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, pk, "portfolio.add_dependency")
    form = DependencyForm(request.POST, project=project)
    drafts.run_posted(
        request,
        form,
        lambda: services.dependency_create(source=project, **form.cleaned_data),
        _("Die Abhängigkeit wurde erfasst."),
        page=project,
        name="dependency",
    )
    return redirect(project)


@login_required
@require_POST
def dependency_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    dependency = selectors.get_dependency_for(request.user, pk)
    services.dependency_delete(dependency=dependency)
    messages.success(request, _("Die Abhängigkeit wurde entfernt."))
    return redirect(dependency.source)


@login_required
def goal_matrix(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug)
    can_edit = request.user.has_perm("portfolio.change_goal_matrix", programme)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if "cell" in request.POST:
            return _goal_matrix_toggle(request, programme)
        goals, rows = selectors.goal_matrix(programme)
        cells = {}
        for row in rows:
            for goal, _contribution in row.cells:
                cells[(row.project.pk, goal.pk)] = request.POST.get(
                    f"c-{row.project.pk}-{goal.pk}", ""
                )
        try:
            changed = services.goal_matrix_save(programme=programme, cells=cells)
            messages.success(
                request, _("Zielbeitragsmatrix gespeichert (%(n)d Änderungen).") % {"n": changed}
            )
            return redirect("portfolio:goal_matrix", slug=programme.slug)
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
    goals, rows = selectors.goal_matrix(programme)
    return section_page(
        request,
        "portfolio/goal_matrix.html",
        programme,
        section="matrix",
        goals=goals,
        rows=rows,
        can_edit=can_edit,
    )


def _goal_matrix_toggle(request: AuthedRequest, programme: Programme) -> HttpResponse:
    """One cell button: "project:goal:seen level:new level". Without JavaScript the page
    comes back at the row; with htmx only the cell is replaced."""
    parts = request.POST.get("cell", "").split(":")
    error = ""
    if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit():
        raise BadRequest("cell")
    project_id, goal_id, expected, level = int(parts[0]), int(parts[1]), parts[2], parts[3]
    try:
        services.goal_matrix_cell_set(
            programme=programme,
            project_id=project_id,
            goal_id=goal_id,
            expected=expected,
            level=level,
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(f"{request.path}#row-{project_id}")
    project, goal, contribution = selectors.goal_matrix_cell(programme, project_id, goal_id)
    context = {
        "programme": programme,
        "project": project,
        "goal": goal,
        "c": contribution,
        "can_edit": True,
        "cell_error": error,
    }
    return render(request, "portfolio/goal_matrix.html#cell", context)
