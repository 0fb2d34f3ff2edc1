"""The rows of the OKR exports, built from the selectors' data (the views only respond)."""

from typing import Any

from django.utils.translation import gettext as _

from lotse.documents.xlsx import Percent

from .selectors import ScoredObjective


def _number(value: float | None) -> Percent:
    """A degree of fulfilment (0.0–1.0) as a percent cell."""
    return Percent(None if value is None else round(value, 3))


def conference_headers() -> list[str]:
    return [
        _("Themenfeld"),
        _("Projekt"),
        _("Objective"),
        _("Art"),
        _("Status"),
        _("Key Result"),
        _("Startwert"),
        _("Zielwert"),
        _("letzter Wert"),
        _("Erfüllungsgrad"),
        _("Bewertung"),
        _("Ergebnis (Review)"),
        _("Erfüllungsgrad (Review)"),
        _("Was hat geholfen?"),
        _("Was hat behindert?"),
        _("Was lernen wir daraus?"),
        _("Wie geht es weiter?"),
        _("Hinweis"),
    ]


def conference_rows(objectives: list[ScoredObjective]) -> list[list[Any]]:
    """One row per key result (one per objective without key results), with the review."""
    rows: list[list[Any]] = []
    for scored in objectives:
        objective, review = scored.objective, scored.review
        common = [
            str(scored.field or ""),
            objective.project.title,
            objective.title,
            objective.get_commitment_display(),
            objective.get_state_display(),
        ]
        reflection = [
            review.get_outcome_display() if review else "",
            _number(float(review.final_score))
            if review and review.final_score is not None
            else None,
            review.drivers if review else "",
            review.obstacles if review else "",
            review.learnings if review else "",
            review.get_next_step_display() if review else "",
        ]
        if not scored.key_results:
            rows.append(
                [
                    *common,
                    "",
                    None,
                    None,
                    None,
                    _number(scored.progress),
                    str(scored.band),
                    *reflection,
                    "",
                ]
            )
            continue
        for item in scored.key_results:
            key_result = item.key_result
            latest = item.latest_value
            note = ""
            if key_result.kind == "milestone":  # done or not: a note, never text among numbers
                latest = None
                if item.latest_done is not None:
                    note = _("Meilenstein erledigt") if item.latest_done else _("Meilenstein offen")
            rows.append(
                [
                    *common,
                    key_result.title,
                    key_result.start_value,
                    key_result.target_value,
                    latest,
                    _number(item.progress),
                    str(item.band),
                    *reflection,
                    note,
                ]
            )
    return rows
