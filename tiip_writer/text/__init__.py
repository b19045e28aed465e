"""Text analysis for Traditional Chinese prose (used by the text.* and writing.* rules)."""
