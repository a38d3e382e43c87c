"""The resident `check` server (issue 11: one article in under 3 s, warm).

`clinic-audit server start` runs a detached process (`process.py`) that loads spaCy, the rule
registry and the rules' resources once and answers `check` requests on a Unix domain socket in a
private per-user folder (`paths.py`); `check` sends it its arguments, working directory,
environment, terminal flags and stdin (`client.py`, `protocol.py`) and prints what comes back,
byte for byte what an in-process `check` prints. Nothing here imports spaCy on the client's side.
"""
