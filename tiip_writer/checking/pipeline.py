"""The check pipeline narrated in one place: source → schema → model → budget → rules →
inline suppressions, under the project configuration (tiip.toml)."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from tiip_writer.budget import BudgetReport, compute_budget
from tiip_writer.checking.config import Config, config_for
from tiip_writer.checking.programme_year import programme_year_findings
from tiip_writer.checking.suppress import apply_suppressions, with_levels
from tiip_writer.foundation.diagnostics import Diagnostic, Severity
from tiip_writer.foundation.messages import msg
from tiip_writer.foundation.records import dataclass
from tiip_writer.model import Proposal, build_proposal
from tiip_writer.model.sections import changed_sections
from tiip_writer.rules import Context, all_rules, locate, run_rules
from tiip_writer.ruleset import RuleSet, RulesetFileError, known_years, load_ruleset
from tiip_writer.schema import validate
from tiip_writer.source import Source, load_source

# Findings that leave the data schema-valid for the model: an unknown key is ignored by the
# model, a duplicate key keeps its first (validated) value. Any other finding stops before rules.
MODEL_SAFE = frozenset({"schema.unknown-key", "yaml.duplicate-key"})


@dataclass
class CheckResult:
    """What checking one file found; `proposal` is None when the file is not schema-valid,
    `ruleset` and `budget` are None when the model or the programme year is unusable."""

    source: Source
    proposal: Proposal | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ruleset: RuleSet | None = None
    budget: BudgetReport | None = None
    config: Config = field(default_factory=Config)
    suppressed: list[Diagnostic] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        """Return True when any finding is an error."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def check_file(path: Path, display: str | None = None, config: Config | None = None,
               revised_from: Source | None = None) -> CheckResult:
    """Return every finding for the proposal at `path` under `config` (by default the
    tiip.toml that governs it); raises InputError if the file or its tiip.toml is unreadable.

    With `revised_from` (the version the reviewers read), the review responses are checked
    against the sections that changed since."""
    source = load_source(path, display)
    return check_source(source, config if config is not None else config_for(path), revised_from)


def check_source(source: Source, config: Config,
                 revised_from: Source | None = None) -> CheckResult:
    """Return every finding for a proposal already read (the editor checks text it holds);
    `revised_from` as for check_file."""
    diagnostics = list(source.diagnostics)
    diagnostics.extend(validate(source))
    result = CheckResult(source=source, proposal=None, diagnostics=diagnostics, config=config)
    if source.data is not None and all(d.rule in MODEL_SAFE for d in diagnostics):
        result.proposal = build_proposal(source.data)
        changed = (changed_sections(revised_from.data, source.data)
                   if revised_from is not None else None)
        _apply_rules(result, result.proposal, changed)
    _apply_suppressions(result)
    result.diagnostics.sort(key=lambda d: d.sort_key)
    return result


def _apply_rules(result: CheckResult, proposal: Proposal,
                 changed: tuple[tuple[str, ...], tuple[str, ...]] | None) -> None:
    """Select the year's rule set, compute the budget and add the rules' findings."""
    source = result.source
    year = proposal.programme.year
    pointer = "/programme/year"
    try:
        result.ruleset = result.config.apply(load_ruleset(year))
    except RulesetFileError as error:
        line, column = locate(source.positions, pointer)
        result.diagnostics.append(Diagnostic(
            rule="ruleset.invalid", severity=Severity.ERROR,
            message=msg("ruleset.invalid", year=year, path=error.path, reason=error.reason),
            file=source.display, line=line, column=column, pointer=pointer,
            hint=msg("ruleset.invalid.hint", path=error.path)))
        return
    except KeyError:
        line, column = locate(source.positions, pointer)
        known = "、".join(str(y) for y in known_years())
        result.diagnostics.append(Diagnostic(
            rule="ruleset.unknown-year", severity=Severity.ERROR,
            message=msg("ruleset.unknown-year", year=year, known=known),
            file=source.display, line=line, column=column, pointer=pointer,
            hint=msg("ruleset.unknown-year.hint", year=year)))
        return
    result.budget = compute_budget(proposal, result.ruleset)
    own, shown = (frozenset(keys) for keys in changed) if changed else (None, None)
    context = Context(proposal, result.budget, result.ruleset, own, shown)
    result.diagnostics.extend(run_rules(context, source))
    result.diagnostics.extend(programme_year_findings(proposal, result.ruleset, source))


def _apply_suppressions(result: CheckResult) -> None:
    """Drop the findings that inline comments silence; add what is wrong with the comments."""
    active = {entry.id for entry in result.ruleset.rules} if result.ruleset else None
    kept, result.suppressed = apply_suppressions(
        result.source, result.diagnostics, set(all_rules()), active)
    result.diagnostics = with_levels(kept, result.config.level)
