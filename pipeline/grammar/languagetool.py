"""Grammar checking through a LanguageTool server (language-tool-python in remote mode).

language-tool-python 3.x contacts the server already in its constructor (it asks for
/v2/languages), retries /v2/check once, and waits up to its class-level `_TIMEOUT` (300 s) per
request; we construct it lazily, on the first check, with `_TIMEOUT` set to the configured timeout,
so no call can hang for longer. After the first failure the client stays unavailable for the
rest of the run. LanguageTool counts offsets in UTF-16 code units; `check` returns Python string
offsets."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class LanguageToolUnavailable(Exception):
    """The server could not be reached, timed out, or answered with something unusable."""


@dataclass
class GrammarIssue:
    start: int  # Python str offsets into the checked text
    end: int
    message: str
    rule_id: str
    category: str
    replacements: list[str] = field(default_factory=list)


def utf16_offsets(text: str) -> tuple[list[int], list[int]]:
    """(UTF-16 offset of each Python index 0..len, Python index of each UTF-16 offset 0..len16);
    the second unit of a surrogate pair maps to the character after the pair."""
    to16, from16, pos = [], [], 0
    for i, ch in enumerate(text):
        to16.append(pos)
        from16.append(i)
        if ord(ch) > 0xFFFF:
            from16.append(i + 1)
            pos += 1
        pos += 1
    to16.append(pos)
    from16.append(len(text))
    return to16, from16


class LanguageToolClient:
    def __init__(self, url: str, language: str = "en-US", timeout: float = 10.0):
        self.url = url
        self.language = language
        self.timeout = float(timeout)
        self._tool = None
        self.failure: str | None = None

    def _connect(self):
        import language_tool_python  # only when a server is configured (0.2 s of imports)

        tool_class = type("TimedLanguageTool", (language_tool_python.LanguageTool,),
                          {"_TIMEOUT": self.timeout})
        return tool_class(self.language, remote_server=self.url)

    def check(self, text: str) -> list[GrammarIssue]:
        """Issues LanguageTool finds in `text`; raises LanguageToolUnavailable on any failure
        (and on every later call)."""
        if self.failure:
            raise LanguageToolUnavailable(self.failure)
        try:
            if self._tool is None:
                self._tool = self._connect()
            matches = self._tool.check(text)
        except Exception as exc:  # requests, JSON and server errors all mean "unavailable"
            self.failure = f"{self.url}: {type(exc).__name__}: {exc}"[:300]
            raise LanguageToolUnavailable(self.failure) from exc
        to16, from16 = utf16_offsets(text)
        return [_issue(m, to16, from16) for m in matches]

    def close(self) -> None:
        if self._tool is not None:
            self._tool.close()
            self._tool = None


def _issue(m, to16: list[int], from16: list[int]) -> GrammarIssue:
    # language-tool-python already moved `offset` to a Python index (it subtracts one per non-BMP
    # character before the match), but `error_length` still counts UTF-16 code units.
    end16 = min(to16[m.offset] + m.error_length, len(from16) - 1)
    return GrammarIssue(start=m.offset, end=from16[end16], message=m.message, rule_id=m.rule_id,
                        category=m.category, replacements=list(m.replacements[:5]))


def client_from_settings(settings: dict[str, Any]) -> LanguageToolClient | None:
    """A client for the configured server, or None when no URL is configured."""
    url = (settings or {}).get("url")
    if not url:
        return None
    return LanguageToolClient(url, settings.get("language") or "en-US",
                              settings.get("timeout") or 10.0)
