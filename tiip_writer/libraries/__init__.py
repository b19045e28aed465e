"""Template libraries: manifests, discovery, lint, sample tests, archives and the starter."""
