"""Changes to the glossary and the principles."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lotse.portfolio.models import Programme
from lotse.portfolio.services import save_versioned
from lotse.validation import check_typed_text

from .models import GlossaryTerm
from .models import Principle


def _anchor(programme: Programme, term: str, pk: int | None) -> str:
    base = (
        slugify(
            term.replace("ß", "ss")
            .replace("ä", "ae")
            .replace("ö", "oe")
            .replace("ü", "ue")
            .replace("Ä", "Ae")
            .replace("Ö", "Oe")
            .replace("Ü", "Ue")
        )[:70]
        or "begriff"
    )
    slug, n = base, 2
    taken = GlossaryTerm.objects.filter(programme=programme)
    if pk is not None:
        taken = taken.exclude(pk=pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_typed(term: GlossaryTerm) -> None:
    """The form is written by hand (no form field checks it): a control character, or too
    long a term or source, is refused with its field's name (the inputs have no `maxlength`:
    the browser would cut pasted text without a word)."""
    errors: dict[str, list[str]] = {}
    for name in ("term", "definition", "source"):
        try:
            check_typed_text(getattr(term, name), GlossaryTerm, name)
        except ValidationError as exc:
            errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def term_save(
    *, term: GlossaryTerm, data: dict, expected_version: int | None = None
) -> GlossaryTerm:
    for name in ("term", "definition", "source"):
        if name in data:
            setattr(term, name, (data[name] or "").strip())
    if not term.term:
        raise ValidationError({"term": [_("Bitte geben Sie den Begriff ein.")]})
    if not term.definition:
        raise ValidationError({"definition": [_("Bitte erklären Sie den Begriff.")]})
    _check_typed(term)
    _check_new(term)
    if not term.slug or "term" in data:
        term.slug = _anchor(term.programme, term.term, term.pk)
    term.full_clean(exclude=["version", "programme"], validate_constraints=False)
    # checked again if the same term was saved meanwhile (two people at once)
    return save_versioned(term, expected_version, _check_new)


def _check_new(term: GlossaryTerm) -> None:
    duplicate = GlossaryTerm.objects.filter(
        programme=term.programme, term__iexact=term.term
    ).exclude(pk=term.pk)
    if duplicate.exists():
        raise ValidationError({"term": [_("Diesen Begriff gibt es im Glossar schon.")]})


@transaction.atomic
def term_delete(*, term: GlossaryTerm) -> None:
    term.delete()


@transaction.atomic
def glossary_seed(*, programme: Programme, terms: list[tuple[str, str]], source: str) -> int:
    """Add the terms the programme does not have yet (idempotent)."""
    existing = {t.lower() for t in programme.glossary_terms.values_list("term", flat=True)}
    created = 0
    for name, definition in terms:
        if name.lower() in existing:
            continue
        term_save(
            term=GlossaryTerm(programme=programme),
            data={"term": name, "definition": definition, "source": source},
        )
        existing.add(name.lower())
        created += 1
    return created


@transaction.atomic
def principles_save(*, programme: Programme, texts: list[str], source: str = "") -> list[Principle]:
    """Replace the programme's principles by these texts, in this order (one per entry)."""
    cleaned = [check_typed_text(t.strip(), Principle, "text") for t in texts if t and t.strip()]
    if any(len(t) > 2000 for t in cleaned):
        raise ValidationError({"texts": [_("Ein Leitprinzip hat höchstens 2000 Zeichen.")]})
    current = list(programme.principles.all())
    kept: list[Principle] = []
    for order, text in enumerate(cleaned):
        if order < len(current):
            principle = current[order]
            if principle.text != text or principle.order != order:
                principle.text, principle.order = text, order
                principle.source = source or principle.source
                principle.save()
        else:
            principle = Principle.objects.create(
                programme=programme, text=text, order=order, source=source
            )
        kept.append(principle)
    for principle in current[len(cleaned) :]:
        principle.delete()
    return kept
