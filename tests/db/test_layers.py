"""The core's floors, from the bottom up: a module imports only from its own floor or those below, so
that the folders of db/ tell the architecture (README, Layout). Lazy imports inside functions count."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "db"

# Bottom first. Within a floor, modules may use each other (but see the test on circles below).
LAYERS = (
    "common",  # the clock, messages in two languages, the user-world errors, ids, text cleaning
    "store",  # opening a database, models, migrations, backups, the lock
    "rules",  # working days, pinyin, the vocabulary of kinds
    "services",  # saving each kind of record (validation, history, recycle bin), the settings
    "queries",  # reading the ledger: figures, targets, list pages, checks, likely duplicates
    "documents",  # the document model, the bulletin, the year summary, member files, writers
    "exchange",  # ledgers out (xlsx, csv, md), import in, the demo year
)


def floor_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "db" and parts[1] in LAYERS else None


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every db module this file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "db":
                found += [(node.lineno, f"db.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
                found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name == "db" or name.startswith("db.")]


def core_modules() -> list[Path]:
    return [p for p in DB.rglob("*.py") if "migrations" not in p.parts]


def test_every_module_of_the_core_lives_on_a_floor() -> None:
    loose = [
        str(p.relative_to(ROOT))
        for p in core_modules()
        if floor_of(module_name(p)) is None and p != DB / "__init__.py"
    ]
    assert loose == []


def test_no_import_runs_up_a_floor() -> None:
    upward = []
    for path in core_modules():
        floor = floor_of(module_name(path))
        if floor is None:
            continue
        for line, imported in imports_of(path):
            target = floor_of(imported)
            if target is not None and LAYERS.index(target) > LAYERS.index(floor):
                upward.append(f"{path.relative_to(ROOT)}:{line} ({floor}) imports {imported}")
    assert upward == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    modules = {module_name(p): p for p in core_modules()}
    graph = {
        name: {
            target
            for _, imported in imports_of(path)
            for target in (imported, imported.rpartition(".")[0])
            if target in modules and target != name and modules[target].name != "__init__.py"
        }
        for name, path in modules.items()
    }
    circles = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                circles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == []


def test_the_layer_test_sees_an_upward_import(tmp_path: Path) -> None:
    # The test above must be able to fail: a store module that reads a service is found.
    source = tmp_path / "x.py"
    source.write_text("def f():\n    from db.services.leave import TAKEN\n", encoding="utf-8")
    assert imports_of(source) == [(2, "db.services.leave"), (2, "db.services.leave.TAKEN")]
    assert LAYERS.index(floor_of("db.services.leave") or "") > LAYERS.index("store")
