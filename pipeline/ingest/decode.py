"""Turn a file's bytes into text: UTF-8 (with or without BOM), or a legacy Persian encoding."""
from __future__ import annotations

import re

from charset_normalizer import from_bytes

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """The file is binary or in no encoding we can read."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    text = sample.decode("latin-1")
    return len(_CONTROL.findall(text)) > max(2, len(sample) // 100)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). A BOM stays in the text as U+FEFF so that offsets count it,
    like any reader that decodes the file as UTF-8; the view drops it."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise DecodeError(f"has a UTF-8 byte-order mark but invalid UTF-8 at byte {e.start}") from e
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise DecodeError(f"has a UTF-16 byte-order mark but invalid UTF-16 at byte {e.start}") from e
    if looks_binary(data):
        raise DecodeError("is binary (NUL or control bytes), not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Legacy encodings. Windows-1256 is what Persian sites and editors produced before UTF-8; try it
    # first and keep it when the result reads as Persian/Arabic text.
    try:
        text = data.decode("cp1256")
        high = sum(1 for b in data if b >= 0x80)
        if high and len(_ARABIC_LETTER.findall(text)) >= 0.6 * high:
            return text, "cp1256"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("is not valid UTF-8 and its encoding could not be detected")
    return str(best), best.encoding
