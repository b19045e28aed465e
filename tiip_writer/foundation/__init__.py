"""What every stage stands on: diagnostics and their bilingual texts, messages, number formats,
atomic file writing and output-path guards, and where the bundled data lives. Imports no stage."""
