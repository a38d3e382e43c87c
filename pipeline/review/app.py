"""The review web application (Starlette): the report's own pages, each served with a review panel
(static/review.js and review.css, same-origin), and the JSON API the panel uses (scripts may too).

  GET  /api/session     the CSRF token that writes need, the decisions and the limits
  GET  /api/findings    findings of the report (?article=ID, ?unreviewed=1), each with `decision`
  GET  /api/decisions   current decisions (?article=ID), each `resolved` when its finding is gone
  POST /api/decisions   {"fingerprint", "decision", "comment", "reviewer"} -> 201 and the decision
  GET  /api/history     every recorded decision (?fingerprint=..., ?article=ID), oldest first
  GET  /api/stats       per rule: decisions and precision = confirmed / (confirmed + false alarm)
  GET  /anything        a file of the reports directory (and never outside it)

Security: Host headers other than the bound names are refused (DNS rebinding); a write needs the
X-CSRF-Token header (from /api/session, which other origins cannot read), a JSON body, and no
foreign Origin or Sec-Fetch-Site; report pages keep their hashed CSP, widened only by 'self' for
the panel's script and style and by connect-src 'self' for the API."""
from __future__ import annotations

import hmac
import html
import json
import re
import secrets
import threading
from pathlib import Path
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (FileResponse, JSONResponse, PlainTextResponse, RedirectResponse,
                                 Response)
from starlette.routing import Route

from pipeline import gate
from pipeline.model import Finding
from pipeline.review import marks
from pipeline.review.db import DECISIONS, LABELS, MAX_COMMENT, MAX_REVIEWER, ReviewDB

MAX_BODY = 16 * 1024
FIELDS = {"fingerprint", "decision", "comment", "reviewer", "article_id"}
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
STATIC = Path(__file__).parent / "static"
ASSETS = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json",
         ".sarif": "application/json", ".xml": "application/xml", ".png": "image/png",
         ".csv": "text/csv; charset=utf-8", ".css": "text/css; charset=utf-8"}
DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def resolve(root: Path, path: str) -> Path | None:
    """The regular file under `root` (resolved) that a URL path names, or None: dot segments,
    backslashes, NUL, a second layer of percent-encoding and symlinks out of `root` never reach a
    file. `path` is the decoded path the server gives (so %2e%2e arrives as ..)."""
    for p in (path, unquote(path)):
        if "\\" in p or "\x00" in p or any(seg in (".", "..") for seg in p.split("/")):
            return None
    target = (root / path.lstrip("/")).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


def review_csp(page_csp: str) -> str:
    """A report page's CSP with the review panel allowed: 'self' scripts and styles, and fetches
    to the same origin; nothing else changes (its hashes stay, no 'unsafe-inline')."""
    directives: dict[str, list[str]] = {}
    for part in page_csp.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    for name in ("script-src", "style-src", "connect-src"):
        directives[name] = [w for w in directives.get(name, []) if w != "'none'"] + ["'self'"]
    return "; ".join(" ".join([k, *v]) for k, v in directives.items())


def review_page(page: str, token: str) -> tuple[str, str] | None:
    """A report page with the panel's stylesheet, script and CSRF token added, and its CSP;
    None for a page that is not a report page (no CSP of ours). Article text cannot contain a
    raw `</head>` or `</body>`: the report escapes it."""
    m = _CSP_META.search(page)
    if not m or "</head>" not in page or "</body>" not in page:
        return None
    csp = review_csp(html.unescape(m.group(1)))
    page = (page[:m.start()] + f'<meta http-equiv="Content-Security-Policy" '
            f'content="{html.escape(csp)}">' + page[m.end():])
    page = page.replace("</head>", f'<meta name="clinic-audit-csrf" content="{html.escape(token)}">'
                        '\n<link rel="stylesheet" href="/_review/review.css">\n</head>', 1)
    i = page.rindex("</body>")
    return page[:i] + '<script src="/_review/review.js"></script>\n' + page[i:], csp


class Findings:
    """The report's findings by fingerprint, read again whenever findings.jsonl changes."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._by_fp: dict[str, Finding] = {}

    def current(self) -> dict[str, Finding]:
        st = self.path.stat()
        with self._lock:
            if (st.st_mtime_ns, st.st_size) != self._stamp:
                self._by_fp = {f.fingerprint: f for f in gate.read_findings(self.path)}
                self._stamp = (st.st_mtime_ns, st.st_size)
            return self._by_fp


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class SecurityHeaders:
    """Headers on every response: no sniffing, no framing, no referrer, no caching, and a CSP
    that allows nothing unless the response set its own."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", DEFAULT_CSP)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "no-referrer"
                headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


class Review:
    def __init__(self, reports: Path, db: ReviewDB, waivers=(), token: str | None = None):
        self.root = Path(reports).resolve()
        path = self.root / "findings.jsonl"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run `clinic-audit run` first")
        self.findings = Findings(path)
        self.findings.current()  # a malformed findings file is an error at start (GateError)
        self.db = db
        self.waivers = list(waivers)
        self.token = token or secrets.token_urlsafe(32)

    # -- API ----------------------------------------------------------------------------------
    async def session(self, request: Request) -> Response:
        return JSONResponse({"csrf_token": self.token,
                             "decisions": [{"value": d, "label": LABELS[d]} for d in DECISIONS],
                             "max_comment": MAX_COMMENT, "max_reviewer": MAX_REVIEWER})

    async def list_findings(self, request: Request) -> Response:
        article = request.query_params.get("article")
        todo = request.query_params.get("unreviewed") in ("1", "true", "yes")
        current, decided = await run_in_threadpool(self._state, article)
        rows = []
        for f in current.values():
            if article and f.article_id != article:
                continue
            d = decided.get((f.article_id, f.fingerprint))
            if not (todo and (d or f.review)):
                rows.append({**f.to_dict(), "decision": d})
        return JSONResponse({"findings": rows, "count": len(rows)})

    async def list_decisions(self, request: Request) -> Response:
        current, decided = await run_in_threadpool(self._state, request.query_params.get("article"))
        rows = [{**d, "resolved": getattr(current.get(fp), "article_id", None) != aid}
                for (aid, fp), d in decided.items()]
        return JSONResponse({"decisions": rows, "count": len(rows)})

    async def history(self, request: Request) -> Response:
        q = request.query_params
        rows = await run_in_threadpool(self.db.history, q.get("fingerprint"), q.get("article"))
        return JSONResponse({"history": rows, "count": len(rows)})

    async def stats(self, request: Request) -> Response:
        def compute():
            reviews = {**marks.from_waivers(self.waivers), **marks.from_db(self.db)}
            return marks.rule_stats(reviews, list(self.findings.current().values()))
        return JSONResponse({"rules": await run_in_threadpool(compute)})

    async def post_decision(self, request: Request) -> Response:
        refused = self._foreign(request)
        if refused:
            return _error(403, refused)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _error(415, "send the decision as JSON (Content-Type: application/json)")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return _error(413, f"request body larger than {MAX_BODY} bytes")
        try:
            data = json.loads(body)
        except ValueError as e:
            return _error(400, f"bad JSON: {e}")
        if not isinstance(data, dict):
            return _error(400, "expected a JSON object with fingerprint, decision, comment and "
                               "reviewer")
        unknown = sorted(set(data) - FIELDS)
        if unknown:
            return _error(422, f"unknown field(s): {', '.join(unknown)}")
        current = await run_in_threadpool(self.findings.current)
        fp = data.get("fingerprint")
        finding = current.get(fp) if isinstance(fp, str) else None
        if finding is None or data.get("article_id", finding.article_id) != finding.article_id:
            return _error(404, f"unknown fingerprint {fp!r}: no such finding in "
                               f"{self.findings.path.name}")
        try:
            stored = await run_in_threadpool(self.db.record, finding, data.get("decision"),
                                             data.get("comment", ""), data.get("reviewer"))
        except ValueError as e:
            return _error(422, str(e))
        return JSONResponse(stored, status_code=201)

    def _state(self, article: str | None):
        current = self.findings.current()
        decided = {(d["article_id"], d["fingerprint"]): d for d in self.db.decisions(article)}
        return current, decided

    def _foreign(self, request: Request) -> str | None:
        """Why a write is refused as not coming from this application's own pages, or None."""
        token = request.headers.get("x-csrf-token", "")
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            return "missing or wrong X-CSRF-Token header (GET /api/session gives the token)"
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host')}":
            return f"cross-origin write refused (Origin {origin})"
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return "cross-site write refused (Sec-Fetch-Site)"
        return None

    # -- files --------------------------------------------------------------------------------
    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(STATIC / name, media_type=ASSETS[name])

    async def report_file(self, request: Request) -> Response:
        target = resolve(self.root, request.path_params["path"])
        if target is None:
            return PlainTextResponse("not found", status_code=404)
        media = TYPES.get(target.suffix, "text/plain; charset=utf-8")
        if target.suffix != ".html":
            return FileResponse(target, media_type=media)
        page = target.read_text(encoding="utf-8")
        reviewed = review_page(page, self.token)
        if reviewed is None:  # not a report page: shown, but nothing in it may run
            return Response(page, media_type=media)
        page, csp = reviewed
        return Response(page, media_type=media,
                        headers={"Content-Security-Policy": csp + "; frame-ancestors 'none'"})


def create_app(reports: Path, db: ReviewDB, *, waivers=(), allowed_hosts=LOOPBACK,
               token: str | None = None) -> Starlette:
    r = Review(reports, db, waivers, token)
    routes = [
        Route("/", lambda request: RedirectResponse("/index.html")),
        Route("/api/session", r.session),
        Route("/api/findings", r.list_findings),
        Route("/api/decisions", r.list_decisions, methods=["GET"]),
        Route("/api/decisions", r.post_decision, methods=["POST"]),
        Route("/api/history", r.history),
        Route("/api/stats", r.stats),
        Route("/_review/{name}", r.asset),
        Route("/{path:path}", r.report_file),
    ]
    async def unreadable_report(request: Request, exc: gate.GateError) -> Response:
        return _error(503, f"the report cannot be read (re-run `clinic-audit run`): {exc}")

    app = Starlette(routes=routes, exception_handlers={gate.GateError: unreadable_report},
                    middleware=[
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))])
    app.state.review = r
    return app
