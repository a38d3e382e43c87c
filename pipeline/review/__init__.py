"""Editors' review: decisions on findings (confirmed, false alarm, fixed, won't fix) kept in
SQLite, served by a local web application (`clinic-audit review`), fed to the gate, the reports
and the rule statistics.

  db.py       the decision database (versioned schema, WAL, one transaction per decision)
  marks.py    decisions as marks on findings, as waivers, and as rule precision
  export.py   decisions -> sources/waivers.yaml (git-reviewable, for CI without the database)
  app.py      the web application (report pages + review panel + JSON API); imports Starlette
  serve.py    runs the application on uvicorn
Only app.py and serve.py import the server stack, and only `clinic-audit review` imports them.
"""
