"""`tiip edit`: a local web editor over the proposal's own YAML file.

The YAML file stays the single source of truth. The browser sends edits as small operations on
JSON pointers; the session applies them to a round-trip YAML tree (comments, key order, styles
kept), checks the resulting text in-process with the same pipeline as `tiip check`, and writes
the file only when the user saves.

- document.py: the round-trip YAML tree and the edit operations on it
- session.py: one open file: current text, undo/redo, what is on disk, save and reload
- state.py: what the page shows after each edit (findings, budget, computed values)
- preview.py: the HTML preview from the build's own templates and Markdown
- security.py: the token, Host and Origin checks every request passes
- app.py: the Starlette application (routes)
- serve.py: start the server on 127.0.0.1 and open the browser
"""
