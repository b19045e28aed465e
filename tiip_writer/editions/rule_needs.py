"""Which rule set values each rule reads, found in the rules' own code (never a list kept by hand).

A rule reads the rule set through `RuleSet.num/setting` (a threshold or formula), `items/text`
or `data[...]` (a top-level value), or the describers `limit_text(op, name, …)` and
`list_text(name)`. This module reads every rule module's source and the helper functions it
imports from tiip_writer/rules (followed through the helpers' own calls), and collects the
names given as literal text; a rule module's text that is the name of a threshold in
schemas/ruleset.schema.json also counts (rules that pass the name along, as
budget.academia-split does). A name computed entirely at run time is not seen.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import tiip_writer.rules as rules_package
from tiip_writer.foundation.records import dataclass
from tiip_writer.schema.index import load_schema

RULESET_SCHEMA = "ruleset.schema.json"

THRESHOLD = "thresholds"   # RuleSet.num looks in thresholds, then formulas; setting in thresholds
TOP = "top"                # a top-level key of the rule set
CRITERIA_HELPER = "criteria"


@dataclass(frozen=True)
class Need:
    """One value a rule reads: `section` is THRESHOLD or TOP, `name` the key."""

    section: str
    name: str


@cache
def rule_needs() -> dict[str, frozenset[Need]]:
    """Return {rule id: the rule set values its code reads}."""
    from tiip_writer.rules import rule_modules

    helpers = _HelperIndex(Path(rules_package.__file__).parent)
    result = {}
    for rule_id, module in rule_modules().items():
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        needs = set(_direct_needs(tree)) | _named_thresholds(tree)
        for helper_module, function in _helper_imports(tree):
            needs |= helpers.needs(helper_module, function)
        result[rule_id] = frozenset(needs)
    return result


@cache
def uses_review_criteria() -> frozenset[str]:
    """Return the ids of the rules built on the criteria helper: each needs its own entry in
    the rule set's `review_criteria`."""
    from tiip_writer.rules import rule_modules

    found = set()
    for rule_id, module in rule_modules().items():
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        if any(helper == CRITERIA_HELPER for helper, _name in _helper_imports(tree)):
            found.add(rule_id)
    return frozenset(found)


def threshold_names() -> frozenset[str]:
    """Return the names the rule set format defines under thresholds and formulas."""
    properties = load_schema(RULESET_SCHEMA)["properties"]
    return frozenset((*properties["thresholds"]["properties"], *properties["formulas"]["properties"]))


def _named_thresholds(tree: ast.AST) -> set[Need]:
    names = threshold_names()
    return {Need(THRESHOLD, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in names}


def _direct_needs(node: ast.AST) -> set[Need]:
    found: set[Need] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            found |= _call_need(child)
        elif isinstance(child, ast.Subscript) and _is_data(child.value):
            name = _literal(child.slice)
            if name:
                found.add(Need(TOP, name))
    return found


def _call_need(call: ast.Call) -> set[Need]:
    func = call.func
    if isinstance(func, ast.Attribute):
        first = _literal(call.args[0]) if call.args else None
        if not first:
            return set()
        if func.attr in ("num", "setting"):
            return {Need(THRESHOLD, first)}
        if func.attr in ("items", "text"):
            return {Need(TOP, first)}
        if func.attr == "get" and _is_data(func.value):
            return {Need(TOP, first)}
    if isinstance(func, ast.Name) and func.id == "limit_text" and len(call.args) > 1:
        name = _literal(call.args[1])
        return {Need(THRESHOLD, name)} if name else set()
    if isinstance(func, ast.Name) and func.id == "list_text" and call.args:
        name = _literal(call.args[0])
        return {Need(TOP, name)} if name else set()
    return set()


def _is_data(node: ast.AST) -> bool:
    """Return True for `<something>.data` (RuleSet.data)."""
    return isinstance(node, ast.Attribute) and node.attr == "data"


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _helper_imports(tree: ast.AST) -> list[tuple[str, str]]:
    """Return (helper module, function) for each `from tiip_writer.rules.X import f`."""
    prefix = "tiip_writer.rules."
    return [(node.module[len(prefix):], alias.name) for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
            and node.module.startswith(prefix) for alias in node.names]


class _HelperIndex:
    """The needs of each top-level function of the rules' helper modules, calls followed."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.trees: dict[str, ast.Module] = {}
        self.done: dict[tuple[str, str], set[Need]] = {}

    def needs(self, module: str, function: str) -> set[Need]:
        key = (module, function)
        if key in self.done:
            return self.done[key]
        self.done[key] = set()  # a recursive call adds nothing new
        tree = self._tree(module)
        if tree is None:
            return set()
        definition = next((n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))
                           and n.name == function), None)
        if definition is None:
            return set()
        found = _direct_needs(definition)
        local = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        imported = {name: helper for helper, name in _helper_imports(tree)}
        for child in ast.walk(definition):
            if isinstance(child, ast.Name) and child.id != function:
                if child.id in local:
                    found |= self.needs(module, child.id)
                elif child.id in imported:
                    found |= self.needs(imported[child.id], child.id)
        self.done[key] = found
        return found

    def _tree(self, module: str) -> ast.Module | None:
        if module not in self.trees:
            path = self.folder / f"{module}.py"
            if not path.is_file():
                return None
            self.trees[module] = ast.parse(path.read_text(encoding="utf-8"))
        return self.trees[module]
