from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

_NUMBER = re.compile(r"^(?P<n>\d{1,3})(?P<style>[.)\-\u2013])\s*$")  # "16.", "3)", "2-"


class ListNumberingBroken(Rule):
    """A numbered list whose numbers skip or repeat: "16. ... 18. ...", "2. ... 2. ...".

    What it does
    Reads the markers of consecutive numbered list items (the same style: "1.", "1)" or "1-")
    and reports an item whose number is not the one after its predecessor's: a jump ("16."
    then "18.": an item is missing) or a repeat ("2." twice). A new list may start again at 1.

    Why is this bad?
    A gap in the numbers means an item was lost when the page was translated or copied: a step
    of the aftercare, a warning, a contraindication. A repeated number shows the list was
    edited by hand and the reader cannot refer to the steps by number.

    Example
    16. Do not blow your nose.
    18. After the splint is removed, wash your face gently.

    Use instead
    16. Do not blow your nose.
    17. (the missing item, from the source)
    18. After the splint is removed, wash your face gently.

    Severity
    Minor: the list still reads, but an item may be missing (MQM Accuracy/Omission).

    References
    Microsoft Writing Style Guide, Lists: https://learn.microsoft.com/en-us/style-guide/scannable-content/lists
    MQM core typology, Accuracy/Omission: https://themqm.org/error-types-2/typology/
    """

    code = "CO014"
    name = "list-numbering-broken"
    category = "content"
    severity = "minor"
    mqm_type = "Accuracy/Omission"

    def check(self, ctx):
        prev = None  # (number, style) of the numbered list item just before
        for block in ctx.blocks:
            m = _NUMBER.match(block.marker or "") if block.kind == "list_item" else None
            if m is None:
                prev = None
                continue
            n, style = int(m.group("n")), m.group("style")
            if prev is not None and prev[1] == style and n != prev[0] + 1 and n != 1:
                start = ctx.text.rfind(block.marker.strip(), 0, block.start + 1)
                what = (f"the number {n} repeats the one before" if n == prev[0] else
                        f"the numbers jump from {prev[0]} to {n}: "
                        f"{'an item is' if n == prev[0] + 2 else 'items are'} missing"
                        if n > prev[0] else f"the numbers go back from {prev[0]} to {n}")
                yield Match(start if start >= 0 else block.start, block.start + len(block.text.rstrip()),
                            f"The list's numbering is broken: {what}.",
                            evidence={"previous": prev[0], "number": n}, confidence=0.8)
            prev = (n, style)
