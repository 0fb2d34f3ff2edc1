"""The rows of the OKR exports, built from the selectors' data (the views only respond)."""

from django.utils.translation import gettext as _

from lotse.documents.xlsx import Percent

from .models import Objective


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


def conference_rows(objectives: list[Objective]) -> list[list]:
    """One row per key result (one per objective without key results), with the review."""
    rows = []
    for objective in objectives:
        review = objective.review_or_none
        common = [
            str(objective.field or ""),
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
        for key_result in objective.kr_list or [None]:
            if key_result is None:
                rows.append(
                    [
                        *common,
                        "",
                        None,
                        None,
                        None,
                        _number(objective.progress),
                        str(objective.band),
                        *reflection,
                        "",
                    ]
                )
                continue
            latest = key_result.latest_value
            note = ""
            if key_result.kind == "milestone":  # done or not: a note, never text among numbers
                latest = None
                note = {True: _("Meilenstein erledigt"), False: _("Meilenstein offen")}.get(
                    key_result.latest_done, ""
                )
            rows.append(
                [
                    *common,
                    key_result.title,
                    key_result.start_value,
                    key_result.target_value,
                    latest,
                    _number(key_result.progress),
                    str(key_result.band),
                    *reflection,
                    note,
                ]
            )
    return rows
