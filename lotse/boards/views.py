"""Board pages: the board itself, cards, columns and labels, "Meine Karten"."""

from __future__ import annotations

from functools import partial
from typing import Any
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse import drafts
from lotse.documents.markdown import render_markdown
from lotse.forms import add_service_errors
from lotse.forms import form_saved
from lotse.http import AuthedRequest
from lotse.http import section_page
from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio.forms import REFUSED_EDIT
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from . import selectors
from . import services
from .forms import BoardSettingsForm
from .forms import CardForm
from .forms import ColumnDeleteForm
from .forms import ColumnForm
from .forms import LabelForm
from .forms import MoveForm
from .models import Board
from .models import Card
from .models import Column

boards_page = partial(section_page, section="boards")


def _programme(board: Board) -> Programme:
    if board.programme is not None:
        return board.programme
    return cast("Project", board.project).programme  # a board without programme has a project


def _board_page(request: HttpRequest, template: str, board: Board, **context: Any) -> HttpResponse:
    """A page of `board` (or of one of its cards or columns) with what the user may do there."""
    return boards_page(
        request,
        template,
        _programme(board),
        board=board,
        can_arrange=request.user.has_perm("boards.change_board", board),
        can_work=request.user.has_perm("boards.change_cards", board),
        **context,
    )


# --- entry points ---------------------------------------------------------------------------


@login_required
def overview(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = portfolio_selectors.get_programme_for(request.user, slug)
    pmo_board = selectors.programme_board(programme)
    page = Paginator(selectors.project_boards(programme), 100).get_page(request.GET.get("seite"))
    return boards_page(request, "boards/overview.html", programme, pmo_board=pmo_board, page=page)


@login_required
def programme_board(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = portfolio_selectors.get_programme_for(request.user, slug)
    return _to_board(
        selectors.programme_board(programme), _("Dieses Programm hat kein PMO-Aufgabenboard.")
    )


@login_required
def project_board(request: AuthedRequest, pk: int) -> HttpResponse:
    project = portfolio_selectors.get_project_for(request.user, pk)
    return _to_board(selectors.project_board(project), _("Dieses Projekt hat kein Board."))


def _to_board(board: Board | None, missing: str) -> HttpResponse:
    if board is None:
        raise Http404(missing)
    return redirect(board)


# --- the board ------------------------------------------------------------------------------


@login_required
def board_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    board = selectors.get_board_for(request.user, pk)
    today = timezone.localdate()
    filters = selectors.board_filters(board, request.GET)
    view = selectors.board_view(board, filters=filters, today=today)
    template = "boards/board.html"
    if request.htmx:
        template += "#board"
    return _board_page(
        request,
        template,
        board,
        view=view,
        filters=filters,
        people=selectors.board_people(board),
        today=today,
        filtered=bool(filters),
        # Card links are built from a prefix: reverse() for 2,000 cards costs too much.
        card_url_prefix=reverse("boards:card", kwargs={"pk": 0})[:-2],
    )


@login_required
def my_cards(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "boards/my_cards.html",
        {"cards": selectors.my_cards(request.user, today=today), "today": today},
    )


# --- cards ----------------------------------------------------------------------------------


@login_required
def card_create(request: AuthedRequest, pk: int) -> HttpResponse:
    board = selectors.get_board_for(request.user, pk, "boards.change_cards")
    column = None
    if request.GET.get("spalte", "").isdigit():
        column = board.columns.filter(pk=request.GET["spalte"]).first()
    form = CardForm(request.POST or None, board=board)
    if request.method == "POST" and form.is_valid():
        try:
            card = services.card_create(
                board=board, user=request.user, column=column, **form.changes()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Die Karte „%(card)s“ wurde angelegt.") % {"card": card})
            return redirect(board)
    return _board_page(request, "boards/card_form.html", board, form=form, column=column)


@login_required
def card_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    card = selectors.get_card_for(request.user, pk)
    board = card.board
    return _board_page(
        request,
        "boards/card_detail.html",
        board,
        card=card,
        overdue=selectors.is_overdue(card, timezone.localdate()),
        description=render_markdown(card.description),
        history=selectors.card_history(card),
        columns=list(board.columns.all()),
        retro_action=getattr(card, "retro_action", None),
    )


@login_required
def card_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    card = selectors.get_card_for(request.user, pk, "boards.change_cards")
    board = card.board
    form = CardForm(request.POST or None, instance=card, board=board)
    if form_saved(
        request,
        form,
        lambda: services.card_update(
            card=Card.objects.get(pk=card.pk),
            data=form.changes(),
            user=request.user,
            expected_version=form.cleaned_data.get("version"),
        ),
        REFUSED_EDIT,
    ):
        messages.success(request, _("Die Karte wurde gespeichert."))
        return redirect("boards:card", pk=card.pk)
    return _board_page(request, "boards/card_form.html", board, form=form, card=card)


@login_required
def card_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    card = selectors.get_card_for(request.user, pk, "boards.change_cards")
    board = card.board
    if request.method == "POST":
        services.card_delete(card=card)
        messages.success(request, _("Die Karte „%(card)s“ wurde gelöscht.") % {"card": card})
        return redirect(board)
    return _board_page(request, "boards/card_delete.html", board, card=card)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def card_move(request: AuthedRequest, pk: int) -> HttpResponse:
    """Keyboard form (plain POST, redirect) and drag and drop (fetch, JSON) alike."""
    card = selectors.get_card_for(request.user, pk, "boards.change_cards")
    board = card.board
    form = MoveForm(request.POST, board=board)
    error = None
    if form.is_valid():
        column = form.cleaned_data["column"]
        position = selectors.target_position(
            card,
            column,
            position=form.cleaned_data["position"],
            before=form.cleaned_data["before"],
            after=form.cleaned_data["after"],
        )
        try:
            card = services.card_move(
                card=card, column=column, position=position, user=request.user
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = _("Bitte wählen Sie eine Spalte dieses Boards und eine Position ab 1.")
    if error:
        if _wants_json(request):
            return JsonResponse({"message": error}, status=422)
        messages.error(request, error)
        return redirect(board)
    message = _("„%(card)s“ steht jetzt in „%(column)s“ an Position %(position)s.") % {
        "card": card.title,
        "column": card.column.name,
        "position": card.position + 1,
    }
    if _wants_json(request):
        return JsonResponse({"message": message, "card": card.pk})
    messages.success(request, message)
    return redirect(f"{board.get_absolute_url()}#karte-{card.pk}")


# --- columns, labels, swimlanes --------------------------------------------------------------


@login_required
def board_settings(request: AuthedRequest, pk: int) -> HttpResponse:
    board = selectors.get_board_for(request.user, pk, "boards.change_board")
    column_form = ColumnForm(prefix="neu")
    label_form = LabelForm()
    settings_form = BoardSettingsForm(instance=board)
    if request.method == "POST":
        action = request.POST.get("aktion")
        try:
            if action == "spalte":
                column_form = ColumnForm(request.POST, prefix="neu")
                if column_form.is_valid():
                    services.column_add(board=board, **column_form.cleaned_data)
                    messages.success(request, _("Die Spalte wurde angelegt."))
                    return redirect("boards:settings", pk=board.pk)
            elif action == "label":
                label_form = LabelForm(request.POST)
                if label_form.is_valid():
                    services.label_add(board=board, name=label_form.cleaned_data["name"])
                    messages.success(request, _("Das Label wurde angelegt."))
                    return redirect("boards:settings", pk=board.pk)
            elif action == "swimlanes":
                settings_form = BoardSettingsForm(
                    request.POST, instance=Board.objects.get(pk=board.pk)
                )
                if settings_form.is_valid():
                    services.board_update(board=board, data=settings_form.cleaned_data)
                    messages.success(request, _("Die Darstellung wurde gespeichert."))
                    return redirect("boards:settings", pk=board.pk)
        except ValidationError as exc:
            forms_by_action: dict[str | None, forms.BaseForm] = {
                "spalte": column_form,
                "label": label_form,
            }
            add_service_errors(forms_by_action.get(action, settings_form), exc)
    columns = list(board.columns.all())
    return _board_page(
        request,
        "boards/settings.html",
        board,
        columns=[
            (c, drafts.form(request, c, "column", ColumnForm, instance=c, prefix=f"spalte-{c.pk}"))
            for c in columns
        ],
        column_form=column_form,
        label_form=label_form,
        settings_form=settings_form,
        labels=list(board.labels.all()),
    )


@login_required
@require_POST
def column_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    column = selectors.get_column_for(request.user, pk)
    form = ColumnForm(request.POST, instance=Column.objects.get(pk=pk), prefix=f"spalte-{pk}")
    drafts.run_posted(
        request,
        form,
        lambda: services.column_update(column=column, data=form.cleaned_data),
        _("Die Spalte „%(c)s“ wurde gespeichert.") % {"c": column},
        page=column,
        name="column",
    )
    return redirect("boards:settings", pk=column.board_id)


@login_required
@require_POST
def column_move(request: AuthedRequest, pk: int) -> HttpResponse:
    column = selectors.get_column_for(request.user, pk)
    step = -1 if request.POST.get("richtung") == "links" else 1
    services.column_move(column=column, position=max(0, column.position + step))
    messages.success(request, _("Die Spalte „%(c)s“ wurde verschoben.") % {"c": column})
    return redirect("boards:settings", pk=column.board_id)


@login_required
def column_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Asks where the column's cards should go before it removes the column."""
    column = selectors.get_column_for(request.user, pk)
    board = column.board
    count = column.cards.count()
    form = ColumnDeleteForm(request.POST or None, column=column)
    if form_saved(
        request,
        form,
        lambda: services.column_delete(column=column, target=form.cleaned_data.get("target")),
    ):
        messages.success(request, _("Die Spalte „%(c)s“ wurde entfernt.") % {"c": column})
        return redirect("boards:settings", pk=board.pk)
    return _board_page(
        request,
        "boards/column_delete.html",
        board,
        column=column,
        count=count,
        form=form,
        last=board.columns.count() == 1,
    )


@login_required
@require_POST
def label_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    label = selectors.get_label_for(request.user, pk)
    services.label_delete(label=label)
    messages.success(request, _("Das Label „%(l)s“ wurde entfernt.") % {"l": label})
    return redirect("boards:settings", pk=label.board_id)


def board_url_for(board: Board) -> str:
    return reverse("boards:board", kwargs={"pk": board.pk})
