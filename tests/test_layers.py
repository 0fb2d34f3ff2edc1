"""The layers of docs/architecture.md, as a test: no module of lotse/ imports upwards.

The order is read from the "Layers" table of docs/architecture.md, so the document and the
test cannot disagree. Every module of lotse/ must belong to a layer (a new app or root module
is placed in the table first); a module may import from its own package, from lower layers,
and from packages of its own layer only when the table says so (never: apps of one layer
are independent of each other). Imports inside functions count like any other.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lotse"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported}: {self.why}"


def layers(text: str) -> dict[str, int]:
    """Unit (`lotse.x` or `lotse.x.y`) → layer number, from the table under "## Layers"."""
    section = text.split("\n## Layers", 1)[1].split("\n## ", 1)[0]
    units: dict[str, int] = {}
    for number, cells in re.findall(r"^\|\s*(\d+)\s*\|(.+)\|\s*$", section, re.M):
        for name in re.findall(r"`(lotse(?:\.\w+)*)`", cells.split("|")[0]):
            units[name] = int(number)
    return units


def unit_of(module: str, units: dict[str, int]) -> str | None:
    """The longest unit that contains `module`."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in units:
            return candidate
    return None


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of a lotse module in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # `from lotse import forms` imports the module lotse.forms.
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "lotse"]


def violations(units: dict[str, int], package: Path = PACKAGE) -> list[Violation]:
    found = []
    for path in sorted(package.rglob("*.py")):
        module = module_name(path, package.parent)
        if module == "lotse":
            continue
        own = unit_of(module, units)
        if own is None:
            found.append(Violation(module, 0, "-", "module is in no layer of the table"))
            continue
        for line, target in imports(path, package.parent):
            other = unit_of(target, units) or unit_of(target.rsplit(".", 1)[0], units)
            if other is None or other == own:
                continue
            if units[other] > units[own]:
                why = f"layer {units[other]} ({other}) is above layer {units[own]} ({own})"
            elif units[other] == units[own] and units[own] > 0:
                why = f"{other} and {own} share layer {units[own]} and must not import each other"
            else:
                continue
            found.append(Violation(module, line, target, why))
    return found


def test_every_import_goes_downwards():
    found = violations(layers(ARCHITECTURE.read_text(encoding="utf-8")))
    assert not found, "Imports against docs/architecture.md's layers:\n" + "\n".join(
        map(str, found)
    )


def test_the_table_names_the_apps_still_to_come():
    units = layers(ARCHITECTURE.read_text(encoding="utf-8"))
    for app in ("finance", "planning", "ozg", "ideas", "discussion"):
        assert f"lotse.{app}" in units


def test_an_upward_import_is_found(tmp_path):
    # A copy of two apps where the lower one imports the higher one.
    root = tmp_path / "lotse"
    (root / "low").mkdir(parents=True)
    (root / "high").mkdir()
    for name in ("__init__.py", "low/__init__.py", "high/__init__.py"):
        (root / name).write_text("")
    (root / "high" / "models.py").write_text("from lotse.low import models\n")
    (root / "low" / "models.py").write_text("def f():\n    from ..high.models import X\n")
    found = violations({"lotse.low": 1, "lotse.high": 2}, root)
    assert [(v.module, v.line, v.imported) for v in found] == [
        ("lotse.low.models", 2, "lotse.high.models.X")
    ]
