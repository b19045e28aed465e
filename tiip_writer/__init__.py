"""tiip-writer: write a TIIP proposal as YAML, check it against the programme rules, build Word."""

__version__ = "0.1.0"
