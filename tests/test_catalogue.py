"""Every German text the code marks for translation is in the English catalogue, translated.

`makemessages` (xgettext) does not look inside f-strings: a `_("…")` written there is missing
from the catalogue, and the English page shows German. This test reads the code itself."""

import ast
import gettext
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The compiled catalogue holds only translated, non-fuzzy entries.
CATALOGUE = ROOT / "lotse" / "locale" / "en" / "LC_MESSAGES" / "django.mo"
# gettext's names as Lotse's modules import them.
SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop", "_lazy"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}


def marked_texts(path: Path) -> list[tuple[int, str | None, str]]:
    """(line, context, msgid) of every call with literal arguments in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        if node.func.id in SINGULAR | PLURAL and args and isinstance(args[0], str):
            found.append((node.lineno, None, args[0]))
        elif node.func.id in CONTEXT and len(args) > 1 and isinstance(args[1], str):
            found.append((node.lineno, args[0], args[1]))
    return found


def test_every_marked_text_is_in_the_english_catalogue() -> None:
    with CATALOGUE.open("rb") as compiled:
        keys = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    # Keys: "msgid", "context\x04msgid", or (msgid, n) for plural forms.
    translated = set()
    for key in keys:
        text = key[0] if isinstance(key, tuple) else key
        context, _sep, msgid = text.rpartition("\x04")
        translated.add((context or None, msgid))
    missing = [
        f"{path.relative_to(ROOT)}:{line}: {msgid!r}"
        for path in sorted((ROOT / "lotse").rglob("*.py"))
        if "migrations" not in path.parts
        for line, context, msgid in marked_texts(path)
        if (context, msgid) not in translated
    ]
    assert not missing, "Not in the English catalogue (or untranslated):\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = f\"<p>{_('Noch keine')}</p>\"", [(1, None, "Noch keine")]),
        ('y = pgettext("Monat", "Mai")', [(1, "Monat", "Mai")]),
        ('z = ngettext("ein Tag", "%(n)s Tage", n)', [(1, None, "ein Tag")]),
        ("w = _(name)", []),
    ],
)
def test_marked_texts_are_found_inside_f_strings_too(tmp_path, source, expected) -> None:
    module = tmp_path / "m.py"
    module.write_text(source, encoding="utf-8")
    assert marked_texts(module) == expected
