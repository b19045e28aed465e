"""Programme-year rule sets: takes `<year>.yaml` (found by ruleset/discovery.py), gives a RuleSet with every threshold,
category, list and citation of that year, so the rules and the budget engine read data, not code."""

from tiip_writer.ruleset.discovery import RulesetFile, find_ruleset, known_years
from tiip_writer.ruleset.loader import (
    Category,
    RuleEntry,
    RuleSet,
    RulesetError,
    RulesetFileError,
    load_ruleset,
)

__all__ = ["Category", "RuleEntry", "RuleSet", "RulesetError", "RulesetFile", "RulesetFileError",
           "find_ruleset", "known_years", "load_ruleset"]
