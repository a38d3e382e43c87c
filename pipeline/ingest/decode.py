"""Turn a file's bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, or legacy
Windows-1256 (Persian) when the bytes read as Persian text with confidence.

Windows-1256 gives every byte a character, so "decodes without error" proves nothing: a UTF-8 file
with one damaged byte, or a Latin-1 file, would come out as plausible-looking Arabic-script
garbage and be audited as such. So a file that is not valid UTF-8 is read as Windows-1256 only
when (a) its non-ASCII bytes do not mostly form valid UTF-8 sequences (that is damaged UTF-8), and
(b) they decode to Arabic-script letters that stand together as words. Anything else is an error
naming the first invalid byte."""
from __future__ import annotations

import re

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|"
                            rb"[\xf0-\xf4][\x80-\xbf]{3}")


class DecodeError(ValueError):
    """The file is binary or in no encoding we can read."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    text = sample.decode("latin-1")
    return len(_CONTROL.findall(text)) > max(2, len(sample) // 100)


def _cp1256(data: bytes) -> str | None:
    """The text, when `data` reads as Windows-1256 Persian/Arabic with confidence; else None."""
    high = sum(1 for b in data if b >= 0x80)
    if not high:
        return None
    utf8_like = sum(len(m.group()) for m in _UTF8_SEQUENCE.finditer(data))
    if utf8_like >= 0.5 * high:
        return None  # mostly valid UTF-8 sequences: damaged UTF-8, not Windows-1256
    text = data.decode("cp1256")
    letters = len(_ARABIC_LETTER.findall(text))
    in_words = sum(len(w) for w in _ARABIC_WORD.findall(text))
    if letters >= 0.6 * high and in_words >= 0.7 * letters:
        return text
    return None


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
    except UnicodeDecodeError as e:
        first_bad = e.start
    text = _cp1256(data)
    if text is not None:
        return text, "cp1256"
    raise DecodeError(f"is not valid UTF-8 (first invalid byte at offset {first_bad}) and does "
                      f"not read as Windows-1256 Persian text; save it as UTF-8")
