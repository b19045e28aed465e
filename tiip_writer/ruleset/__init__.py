"""Programme-year rule sets: takes `rulesets/<year>.yaml`, gives a RuleSet with every threshold,
category, list and citation of that year, so the rules and the budget engine read data, not code."""

from tiip_writer.ruleset.loader import (
    Category,
    RuleEntry,
    RuleSet,
    RulesetError,
    known_years,
    load_ruleset,
)

__all__ = ["Category", "RuleEntry", "RuleSet", "RulesetError", "known_years", "load_ruleset"]
