"""The resident server for `check` and `run` (issue 11: one article in under 3 s, warm; issue 14:
a re-audit without loading everything again).

`clinic-audit server start` runs a detached process (`process.py`) that loads spaCy, the rule
registry and the rules' resources once and answers `check` and `run` requests on a Unix domain
socket in a private per-user folder (`paths.py`); the client sends its arguments, working
directory, environment, terminal flags and stdin (`client.py`, `protocol.py`) and prints what
comes back, byte for byte what the same command prints in-process. For `run` the server also
keeps the process that validates beside the report stage, Great Expectations imported
(`pipeline.parallel.resident`). Nothing here imports spaCy on the client's side.
"""
