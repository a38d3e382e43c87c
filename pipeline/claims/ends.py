"""Judging the anatomy of operations and connecting structures (`Judge.site`, `Judge.connects`):
the organ an operation is on (`operates_on`), and the two ends of a tendon or ligament (`connects`,
one fact per end). Unknown is never wrong: a part the knowledge cannot place, or a kind it does not
keep apart from the expected one, gives no verdict."""
from __future__ import annotations

from itertools import permutations


def _near(judge, a: str, b: str) -> bool:
    """Whether `a` names `b` or a part or region of it, or holds it (the heel, for the calcaneus)."""
    return judge._compatible(a, b) or b in judge.regions(a) or a in judge.regions(b)


def site(judge, verdict, x: str, named: list[str]):
    """"X, the surgery of the Y" (and of the parts listed after Y): wrong when X's organs are
    known (`operates_on`, closed), every named part is placed, and none of them is, holds or lies
    in one of X's organs."""
    organs, closed, fs = judge.facts.objects(x, "operates_on")
    if not closed or not all(judge.placed(o) for o in organs):
        return None
    if any(judge.facts.prop(y, "positional")[0] or not judge.placed(y) for y in named):
        return None
    if any(_near(judge, y, o) for y in named for o in organs):
        return None
    where = " / ".join(judge.name(o) for o in sorted(organs))
    return verdict(f"{judge.name(x)} is an operation on the {where}, not the {judge.name(named[0])}",
                   tuple(fs), (x, *named), tuple(sorted(organs)))


def connection_ends(judge, x: str):
    """(the `connects` facts giving X's ends, whether they are its class's: a tendon or ligament
    with no facts of its own is judged by the kinds of tissue its class joins)."""
    for a in [x] + sorted(judge.ancestors(x) - {x}):
        fs = judge.facts.get(a, "connects")
        if len(fs) == 2:
            return fs, a != x or not all(f.closed for f in fs)
    return [], False


def _fits(judge, e: str, f, kinds_only: bool) -> bool | None:
    """Whether claimed end `e` can be the end fact `f` names: True, False, or None (unknown)."""
    if any(_near(judge, e, o) for o in f.objects):
        return True
    if all(judge.disjoint(e, o) for o in f.objects):
        return False  # a kind of tissue kept apart from the end's: muscle for bone
    if not kinds_only and f.closed and judge.placed(e) and all(judge.placed(o) for o in f.objects) \
            and not judge.facts.prop(e, "positional")[0]:
        return False
    return None


def connects(judge, verdict, x: str, ends: list[str]):
    """"X connects A to B" (or only A): wrong when no way of matching the claimed ends to X's two
    ends leaves every claimed end possible."""
    fs, kinds_only = connection_ends(judge, x)
    if len(fs) != 2 or not ends or len(ends) > 2:
        return None
    for order in permutations(fs, len(ends)):
        if all(_fits(judge, e, f, kinds_only) is not False for e, f in zip(ends, order)):
            return None
    joins = " to ".join("/".join(judge.name(o) for o in f.objects) for f in fs)
    claimed = " to ".join(judge.name(e) for e in ends)
    whose = f"a {judge.name(fs[0].subject)}" if kinds_only else f"the {judge.name(x)}"
    return verdict(f"{whose} joins {joins}, not {claimed}", tuple(fs), (x, *ends),
                   tuple(o for f in fs for o in f.objects))
