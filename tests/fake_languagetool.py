"""A stand-in LanguageTool server on 127.0.0.1 for tests: answers /v2/languages and /v2/check
with LanguageTool's documented response shapes (https://languagetool.org/http-api/), optionally
after a delay; stops when the `with` block ends."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

LANGUAGES = [{"name": "English (US)", "code": "en", "longCode": "en-US"}]


def lt_match(offset: int, length: int, message: str = "Possible agreement error.",
             rule_id: str = "AGREEMENT", category: str = "GRAMMAR", replacement: str = "x"):
    """One entry of /v2/check "matches"; offset and length in UTF-16 code units."""
    return {"message": message, "shortMessage": "", "replacements": [{"value": replacement}],
            "offset": offset, "length": length,
            "context": {"text": "...", "offset": 0, "length": length}, "sentence": "",
            "type": {"typeName": "Other"},
            "rule": {"id": rule_id, "description": message, "issueType": "grammar",
                     "category": {"id": category, "name": category.title()}}}


class FakeLanguageTool:
    def __init__(self, matches_for=lambda text: [], delay: float = 0.0):
        self.matches_for, self.delay, self.requests = matches_for, delay, []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, body):
                time.sleep(fake.delay)
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                fake.requests.append(self.path)
                self._answer(LANGUAGES)

            def do_POST(self):
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                fake.requests.append(self.path)
                text = form["text"][0]
                self._answer({"software": {"name": "LanguageTool"}, "language": {},
                              "matches": fake.matches_for(text)})

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
