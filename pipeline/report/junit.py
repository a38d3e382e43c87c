"""JUnit XML: one test case per article, failing when the article fails the release policy, so
that CI systems show the release as a test run (one red test per failing article)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from pipeline.policy import Policy, Verdict


def build(verdicts: dict[str, Verdict], policy: Policy) -> str:
    failures = sum(1 for v in verdicts.values() if not v.passed)
    suites = ET.Element("testsuites", name="clinic-audit", tests=str(len(verdicts)),
                        failures=str(failures), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="release-policy", tests=str(len(verdicts)),
                          failures=str(failures), errors="0", skipped="0")
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="policy", value=f"{policy.path}: {policy.describe()}")
    for v in sorted(verdicts.values(), key=lambda v: v.source):
        case = ET.SubElement(suite, "testcase", name=v.source, classname="clinic-audit.articles",
                             file=v.source)
        if not v.passed:
            failure = ET.SubElement(case, "failure", type="PolicyViolation",
                                    message="; ".join(v.failures))
            failure.text = "\n".join(
                [*v.failures, "", *(f"{f.source}:{f.line}:{f.column}: {f.rule_id} "
                                    f"[{f.severity}] {f.message}" for f in v.gating)])
        out = ET.SubElement(case, "system-out")
        out.text = f"score {v.score:g} over {v.words} words; {len(v.gating)} gating finding(s)"
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
