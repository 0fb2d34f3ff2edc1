"""The glossary (PMO keeps it, everyone reads and searches it, anchors) and the guiding
principles (seed 000 §6.3 verbatim, shown on the Zielbild and the public programme page)."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from lotse.glossary import data
from lotse.glossary import services
from lotse.glossary.models import GlossaryTerm
from lotse.public.models import ProgrammePublication

SEEDS = Path("/work/shared/seeds")


def test_seeded_terms_and_anchors(cast):
    created = services.glossary_seed(
        programme=cast.programme, terms=data.LOTSE_TERMS, source=data.LOTSE_SOURCE
    )
    assert created == len(data.LOTSE_TERMS) > 40
    assert services.glossary_seed(programme=cast.programme, terms=data.LOTSE_TERMS, source="") == 0
    services.glossary_seed(
        programme=cast.programme, terms=data.KONSTANZ_TERMS, source=data.KONSTANZ_SOURCE
    )
    term = GlossaryTerm.objects.get(programme=cast.programme, term="Digitale Souveränität")
    assert term.slug == "digitale-souveraenitaet"
    page = cast.client("viewer").get(reverse("glossary:glossary", args=[cast.programme.slug]))
    assert f'id="{term.slug}"' in page.content.decode()
    found = cast.client("viewer").get(
        reverse("glossary:glossary", args=[cast.programme.slug]), {"q": "Souveränität"}
    )
    text = found.content.decode()
    assert "Digitale Souveränität" in text and "Open Government" not in text


@pytest.mark.parametrize(
    ("role", "view", "change"),
    [
        ("pmo", 200, 200),
        ("programme_manager", 200, 200),
        ("change_manager", 200, 403),
        ("viewer", 200, 403),
        ("outsider", 403, 403),
    ],
)
def test_glossary_access(cast, role, view, change):
    client = cast.client(role)
    assert client.get(reverse("glossary:glossary", args=[cast.programme.slug])).status_code == view
    assert (
        client.get(reverse("glossary:term_create", args=[cast.programme.slug])).status_code
        == change
    )


def test_term_editing(cast):
    url = reverse("glossary:term_create", args=[cast.programme.slug])
    pmo = cast.client("pmo")
    response = pmo.post(url, {"term": "Quick Win", "definition": "", "source": ""})
    assert response.status_code == 422 and "erklären" in response.content.decode()
    response = pmo.post(url, {"term": "Quick Win", "definition": "Kleiner schneller Erfolg."})
    assert response.status_code == 302 and response["Location"].endswith("#quick-win")
    response = pmo.post(url, {"term": "quick win", "definition": "doppelt"})
    assert response.status_code == 422
    term = GlossaryTerm.objects.get(term="Quick Win")
    edit = reverse("glossary:term_edit", args=[cast.programme.slug, term.pk])
    pmo.post(edit, {"term": "Quick Win", "definition": "Neu", "version": 1})
    stale = pmo.post(edit, {"term": "Quick Win", "definition": "Alt", "version": 1})
    assert stale.status_code == 422
    with pytest.raises(ValidationError):
        services.term_save(term=GlossaryTerm(programme=cast.programme), data={"term": " "})


def test_a_too_long_term_or_source_gets_a_message_instead_of_being_cut_by_the_browser(cast):
    """The inputs carry no `maxlength` (the browser cut pasted text silently): too long a term
    or source comes back with its field's name and limit, the text kept, nothing saved."""
    url = reverse("glossary:term_create", args=[cast.programme.slug])
    pmo = cast.client("pmo")
    page = pmo.get(url).content.decode()
    inputs = re.findall(r'<input[^>]*name="(?:term|source)"[^>]*>', page)
    assert len(inputs) == 2 and not any("maxlength" in i for i in inputs), inputs
    data = {"term": "B" * 201, "definition": "Lang.", "source": "Q" * 301}
    response = pmo.post(url, data)
    assert response.status_code == 422
    text = response.content.decode()
    assert "„Begriff“: Bitte geben Sie höchstens 200 Zeichen an." in text
    assert "„Quelle“: Bitte geben Sie höchstens 300 Zeichen an." in text
    assert "B" * 201 in text and "Q" * 301 in text
    assert not GlossaryTerm.objects.filter(definition="Lang.").exists()
    response = pmo.post(url, {"term": "B" * 200, "definition": "Lang.", "source": "Q" * 300})
    assert response.status_code == 302


def test_a_control_character_in_the_hand_written_term_form_is_refused_naming_the_field(cast):
    url = reverse("glossary:term_create", args=[cast.programme.slug])
    pmo = cast.client("pmo")
    data = {"term": "Quick\x07Win", "definition": "Zeile 1\nZeile 2\x00", "source": "Q\tS"}
    text = pmo.post(url, data).content.decode()
    assert "„Begriff“: Der Text enthält ein unsichtbares Steuerzeichen (U+0007)." in text
    assert "„Bedeutung“: Der Text enthält ein Nullzeichen (U+0000)." in text
    assert "„Quelle“: Bitte geben Sie hier nur eine Zeile ohne Tabulator" in text
    assert not GlossaryTerm.objects.filter(
        programme=cast.programme, term__startswith="Quick"
    ).exists()
    data = {"term": "Quick Win", "definition": "Zeile 1\nZeile 2", "source": ""}
    assert pmo.post(url, data).status_code == 302


def test_principles_verbatim_from_the_seed():
    seed = (SEEDS / "000_2558246b77aa05d9.txt").read_text()
    for text in data.POTSDAM_PRINCIPLES:
        assert text in seed
    assert len(data.POTSDAM_PRINCIPLES) == 9


def test_principles_on_zielbild_and_public_page(cast):
    services.principles_save(
        programme=cast.programme,
        texts=data.POTSDAM_PRINCIPLES,
        source=data.POTSDAM_PRINCIPLES_SOURCE,
    )
    first = data.POTSDAM_PRINCIPLES[0]
    zielbild = cast.client("viewer").get(
        reverse("portfolio:target_picture", args=[cast.programme.slug])
    )
    assert first in zielbild.content.decode()
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    public = Client().get(reverse("public:programme", args=[cast.programme.slug]))
    assert first in public.content.decode()


def test_principles_editing(cast):
    url = reverse("glossary:principles", args=[cast.programme.slug])
    assert cast.client("viewer").post(url, {"text": "X"}).status_code == 403
    response = cast.client("pmo").post(
        url, {"text": "Erstens.\r\n\r\nZweitens\r\nüber zwei Zeilen."}
    )
    assert response.status_code == 302
    texts = list(cast.programme.principles.values_list("text", flat=True))
    assert texts == ["Erstens.", "Zweitens über zwei Zeilen."]
    cast.client("pmo").post(url, {"text": "Nur noch eins."})
    assert list(cast.programme.principles.values_list("text", flat=True)) == ["Nur noch eins."]


def test_a_control_character_in_the_principles_is_refused_naming_the_field(cast):
    """QA: the principles' textarea is written by hand too; a control character was stored
    (and reached the Zielbild, the public page and the exports)."""
    services.principles_save(programme=cast.programme, texts=["Erstens."])
    url = reverse("glossary:principles", args=[cast.programme.slug])
    response = cast.client("pmo").post(url, {"text": "Erstens.\r\n\r\nZweitens \x07 mit Glocke."})
    assert response.status_code == 422
    text = response.content.decode()
    assert "„Leitprinzip“: Der Text enthält ein unsichtbares Steuerzeichen (U+0007)." in text
    assert "Zweitens \x07 mit Glocke." in text  # kept in the field, to be corrected
    assert list(cast.programme.principles.values_list("text", flat=True)) == ["Erstens."]


def test_a_term_another_request_saved_meanwhile_is_refused_with_the_glossary_message(
    cast, monkeypatch
):
    # Two people adding one term at once: both find it new, the other one commits first.
    # Simulated in one transaction: the other term appears after the check.
    clean = GlossaryTerm.full_clean
    other = []
    values = {"term": "Once-Only", "definition": "Daten nur einmal angeben."}

    def after_the_other_request(term, **kwargs):
        clean(term, **kwargs)
        if not other:
            other.append(term.term)
            services.term_save(term=GlossaryTerm(programme=cast.programme), data=values)

    monkeypatch.setattr(GlossaryTerm, "full_clean", after_the_other_request)
    with pytest.raises(ValidationError) as exc:
        services.term_save(term=GlossaryTerm(programme=cast.programme), data=values)

    assert exc.value.message_dict == {"term": ["Diesen Begriff gibt es im Glossar schon."]}
