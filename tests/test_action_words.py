"""Every action the app writes into the audit has words in the record's history, in Vietnamese and English.

The actions are read from the code, not listed by hand: every ``audit(session, ACTION, …)`` call, and
where ACTION is a variable, the values it gets — from assignments in the same function, from the
arguments its callers pass (``save(…, action="help.update")``), from module constants. An f-string's
placeholder is expanded from the values it can take (below); a placeholder or an argument the reader
cannot follow fails the test, so a new audit call cannot slip past it unnamed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from ntm_desktop.core import i18n
from ntm_desktop.services.action_words import action_label, known_label
from ntm_desktop.services.kinds.registry import KINDS

PACKAGE = Path(__file__).resolve().parents[1] / "ntm_desktop"

PLACEHOLDERS = {
    "self.store.entity": [k.entity for k in KINDS],
    "store.entity": [k.entity for k in KINDS],
    "origin": ["edited", "xlsx", "file"],  # CriteriaService.save refuses any other
    "status": ["accepted", "rejected"],  # ReceiverService: amendments.decide(…, "accepted" | "rejected")
}


class Code:
    """The package's syntax trees, with who defines which function and module constant."""

    def __init__(self) -> None:
        self.trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")}
        self.parents: dict[ast.AST, ast.AST] = {}
        self.constants: dict[str, list[ast.expr]] = {}
        self.module: dict[ast.AST, Path] = {}
        for path, tree in self.trees.items():
            for node in ast.walk(tree):
                for child in ast.iter_child_nodes(node):
                    self.parents[child] = node
                if isinstance(node, ast.FunctionDef):
                    self.module[node] = path
            for stmt in tree.body:
                if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
                    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                    for t in targets:
                        if isinstance(t, ast.Name):
                            self.constants.setdefault(t.id, []).append(stmt.value)

    def calls(self, name: str) -> Iterator[ast.Call]:
        for tree in self.trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    f = node.func
                    if (f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)) == name:
                        yield node

    def callers(self, func: ast.FunctionDef, method: bool) -> Iterator[ast.Call]:
        """The calls that reach ``func``: a method by its name on any object; a function by its name in
        its own module or one that imports it from there (not another module's ``save``)."""
        home = self.module[func]
        for path, tree in self.trees.items():
            imported = path == home or any(
                isinstance(n, ast.ImportFrom)
                and n.module == dotted(home)
                and any(a.name == func.name for a in n.names)
                for n in ast.walk(tree)
            )
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    f = node.func
                    by_method = method and isinstance(f, ast.Attribute) and f.attr == func.name
                    by_name = not method and imported and isinstance(f, ast.Name) and f.id == func.name
                    if by_method or by_name:
                        yield node

    def enclosing(self, node: ast.AST) -> ast.FunctionDef | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef):
                return node
        return None

    def values(self, expr: ast.expr, seen: frozenset[int] = frozenset()) -> set[str]:
        """Every string ``expr`` can be, as far as the code says."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.IfExp):
            return self.values(expr.body, seen) | self.values(expr.orelse, seen)
        if isinstance(expr, ast.JoinedStr):
            return self._expand(expr)
        if isinstance(expr, ast.Name) and id(expr) not in seen:
            return self._name(expr, seen | {id(expr)})
        raise AssertionError(f"cannot follow the audit action {ast.unparse(expr)!r} (line {expr.lineno})")

    def _expand(self, expr: ast.JoinedStr) -> set[str]:
        found = {""}
        for part in expr.values:
            if isinstance(part, ast.Constant):
                found = {f + str(part.value) for f in found}
            else:
                key = ast.unparse(part.value)  # type: ignore[attr-defined]
                assert key in PLACEHOLDERS, f"the audit action {ast.unparse(expr)} has an unknown {{{key}}}"
                found = {f + v for f in found for v in PLACEHOLDERS[key]}
        return found

    def _name(self, name: ast.Name, seen: frozenset[int]) -> set[str]:
        func = self.enclosing(name)
        if func is not None:
            assigned = [
                n.value
                for n in ast.walk(func)
                if isinstance(n, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == name.id for t in n.targets)
            ]
            if assigned:
                return set().union(*(self.values(v, seen) for v in assigned))
            params = [a.arg for a in [*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs]]
            if name.id in params:
                return self._passed(func, name.id, params, seen)
        if name.id in self.constants:
            return set().union(*(self.values(v, seen) for v in self.constants[name.id]))
        raise AssertionError(f"cannot follow the audit action {name.id} (line {name.lineno})")

    def _passed(self, func: ast.FunctionDef, param: str, params: list[str], seen: frozenset[int]) -> set[str]:
        """What the callers of ``func`` pass as its parameter ``param``."""
        found: set[str] = set()
        method = bool(params) and params[0] == "self"
        index = params.index(param) - (1 if method else 0)
        callers = list(self.callers(func, method))
        assert callers, f"nobody calls {func.name}: its audit action {param} is never said"
        for call in callers:
            given = [k.value for k in call.keywords if k.arg == param]
            if not given and index < len(call.args) and index < len(func.args.posonlyargs + func.args.args):
                given = [call.args[index]]
            assert given, f"{func.name}(…) called without {param} (line {call.lineno})"
            found |= self.values(given[0], seen)
        return found


def dotted(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def audited_actions() -> set[str]:
    code = Code()
    found: set[str] = set()
    for call in code.calls("audit"):
        if len(call.args) >= 2:
            found |= code.values(call.args[1])
    return found


@pytest.fixture(scope="module")
def actions() -> set[str]:
    return audited_actions()


def test_the_reader_finds_the_actions_written_through_variables(actions: set[str]) -> None:
    """A check of the check: literal, f-string, parameter and module-constant actions are all found."""
    assert {"receiver.expect", "help.add", "supporter.remove", "narrative.update", "help.evidence.attach",
            "criteria.xlsx", "receiver.amendment.rejected", "backup.restore", "signing.seal_image",
            "sync.update", "records.import", "progress.rejudge"} <= actions  # fmt: skip


def test_every_audited_action_has_words(actions: set[str]) -> None:
    i18n.set_language("en")
    try:
        missing = sorted(a for a in actions if known_label(a) is None)
    finally:
        i18n.set_language("vi")
    assert not missing, f"audited actions with no words in services/action_words.py: {missing}"


def test_every_action_is_said_in_vietnamese(actions: set[str]) -> None:
    catalogue = i18n.catalogue("vi")
    i18n.set_language("en")
    try:
        english = {a: action_label(a) for a in actions}
    finally:
        i18n.set_language("vi")
    untranslated = sorted(f"{a}: {words}" for a, words in english.items() if words not in catalogue)
    assert not untranslated
    assert action_label("receiver.expect") == "Thêm vào danh sách xã phải nộp báo cáo"
