"""The check stage: takes a proposal file (and its tiip.toml), gives a CheckResult: the loaded
proposal, its budget and every finding, after the schema, the rules and inline suppressions."""
