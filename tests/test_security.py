"""Static analysis: real bandit over small purpose-built sources, the policy, the accepted
findings (matched precisely, expiring), the SARIF file, and bad accepted-findings files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from golive.errors import ConfigError
from golive.inputs.security_policy import Policy
from golive.security.sarif import write_sarif
from golive.security.static import (
    Acceptance,
    checks,
    judge,
    load_acceptances,
    scan,
    unused_acceptances,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "security"
FLAGGED = DATA / "source" / "flagged"
CLEAN = DATA / "source" / "clean"
TODAY = dt.date(2026, 11, 25)
STRICT = Policy(max_severity="low", min_confidence="low")

# file -> (line, what the message must say)
BAD = {
    "missing_owner.yaml": (3, "accepted[0].owner: is required"),
    "missing_expiry.yaml": (3, "accepted[0].expires: is required"),
    "bad_date.yaml": (8, "accepted[0].expires: 'next summer' is not a date"),
    "empty_reason.yaml": (6, "accepted[0].reason: is required (not empty)"),
    "bad_hash.yaml": (5, "'leads.py:100' is not 16 hex digits"),
    "bad_test_id.yaml": (3, "'sql' is not a bandit test id like B608"),
    "unknown_key.yaml": (7, "owners: unknown key (did you mean 'owner'?)"),
    "not_a_list.yaml": (2, "accepted: {'test_id': 'B608'} is not a list"),
}


def accept(finding_file: str, test_id: str, code_hash: str, expires: dt.date) -> Acceptance:
    return Acceptance(test_id, finding_file, code_hash, "reviewed", "security lead", expires)


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in (DATA / "bad").glob("*.yaml")) == sorted(BAD)


@pytest.mark.parametrize(("name", "expected"), sorted(BAD.items()))
def test_bad_accepted_findings_are_located_and_explained(
    name: str, expected: tuple[int, str]
) -> None:
    line, message = expected
    path = DATA / "bad" / name
    with pytest.raises(ConfigError) as info:
        load_acceptances(path)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


def test_the_shipped_accepted_findings_load() -> None:
    entries = load_acceptances(ROOT / "security" / "accepted-findings.yaml")
    assert entries and all(e.reason and e.owner and e.expires for e in entries)


def test_scan_locates_each_finding(tmp_path: Path) -> None:
    result = scan(FLAGGED, tmp_path)
    assert (tmp_path / "bandit.json").is_file()
    got = [(f.test_id, f.file, f.line, f.severity) for f in result.findings]
    assert ("B602", "app.py", 8, "high") in got
    assert ("B307", "app.py", 12, "medium") in got and ("B307", "app.py", 16, "medium") in got
    assert ("B602", "app.py", 20, "high") in got  # "# nosec" is not a review: still found
    shell = next(f for f in result.findings if f.line == 8)
    assert shell.cwe == 78 and shell.owasp == "A03:2021 Injection"
    assert "shell=True" in shell.code and len(shell.fingerprint) == 16


def test_nosec_is_honoured_only_when_configured(tmp_path: Path) -> None:
    result = scan(FLAGGED, tmp_path, honour_nosec=True)
    assert 20 not in [f.line for f in result.findings]


def test_a_missing_source_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        scan(tmp_path / "nowhere", tmp_path)


def test_clean_source_has_nothing_above_policy(tmp_path: Path) -> None:
    result = scan(CLEAN, tmp_path)
    verdicts = judge(result.findings, STRICT, (), TODAY)
    assert verdicts and {v.status for v in verdicts} == {"within_policy"}  # low findings only
    assert checks(verdicts, ("AC-SEC-01",), "scan") == []


def test_the_policy_sets_the_highest_severity_and_lowest_confidence_counted(
    tmp_path: Path,
) -> None:
    findings = scan(FLAGGED, tmp_path).findings
    counted = {v.finding.test_id for v in judge(findings, STRICT, (), TODAY) if v.counts}
    assert counted == {"B602", "B307"}
    lenient = Policy(max_severity="medium", min_confidence="low")
    assert {v.finding.test_id for v in judge(findings, lenient, (), TODAY) if v.counts} == {"B602"}
    nothing = Policy(max_severity="high", min_confidence="low")
    assert not any(v.counts for v in judge(findings, nothing, (), TODAY))


def test_one_acceptance_hides_one_finding_only(tmp_path: Path) -> None:
    # the two eval() lines differ in their code; the two shell calls too, but an entry
    # never covers a second finding, even an identical one (bandit's baseline would)
    findings = scan(FLAGGED, tmp_path).findings
    total = next(f for f in findings if f.line == 12)
    entry = accept("app.py", "B307", total.fingerprint, TODAY)
    verdicts = judge(findings, STRICT, [entry], TODAY)
    by_line = {v.finding.line: v.status for v in verdicts}
    assert by_line[12] == "accepted"
    assert by_line[16] == "counts"
    assert unused_acceptances(verdicts, [entry]) == []


def test_an_expired_acceptance_counts_again(tmp_path: Path) -> None:
    findings = scan(FLAGGED, tmp_path).findings
    shell = next(f for f in findings if f.line == 8)
    entry = accept("app.py", "B602", shell.fingerprint, TODAY - dt.timedelta(days=1))
    verdict = next(v for v in judge(findings, STRICT, [entry], TODAY) if v.finding.line == 8)
    assert verdict.status == "expired" and verdict.counts
    (check,) = [c for c in checks([verdict], ("AC-SEC-01",), "scan")]
    assert check.status == "failed"
    assert f"expired by security lead until {TODAY - dt.timedelta(days=1)}" in check.message


def test_an_acceptance_follows_a_moved_line_but_not_changed_code(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(FLAGGED, source)
    findings = scan(source, tmp_path / "r1").findings
    shell = next(f for f in findings if f.line == 8)
    entry = accept("app.py", "B602", shell.fingerprint, TODAY)
    app = source / "app.py"
    app.write_text("\n\n" + app.read_text(encoding="utf-8"), encoding="utf-8")
    moved = judge(scan(source, tmp_path / "r2").findings, STRICT, [entry], TODAY)
    assert {v.finding.line: v.status for v in moved}[10] == "accepted"
    app.write_text(
        app.read_text(encoding="utf-8").replace("call(command", "call(command + ' -v'"),
        encoding="utf-8",
    )
    changed = judge(scan(source, tmp_path / "r3").findings, STRICT, [entry], TODAY)
    assert "accepted" not in {v.status for v in changed}


def test_each_finding_above_policy_is_a_failed_check_with_file_line_cwe_and_code(
    tmp_path: Path,
) -> None:
    verdicts = judge(scan(FLAGGED, tmp_path).findings, STRICT, (), TODAY)
    found = checks(verdicts, ("AC-SEC-01",), "源代码扫描")
    assert len(found) == 4 and {c.status for c in found} == {"failed"}
    shell = next(c for c in found if "app.py:8" in c.name)
    assert shell.kind == "security" and shell.criteria == ("AC-SEC-01",)
    params = dict(shell.parameters)
    assert params["file"] == "app.py" and params["line"] == "8" and params["CWE"] == "CWE-78"
    assert params["OWASP"] == "A03:2021 Injection"
    assert "shell=True" in shell.details
    assert dict(shell.labels)["story"] == "源代码扫描"


def test_sarif_for_code_scanning(tmp_path: Path) -> None:
    result = scan(FLAGGED, tmp_path)
    shell = next(f for f in result.findings if f.line == 8)
    verdicts = judge(
        result.findings, STRICT, [accept("app.py", "B602", shell.fingerprint, TODAY)], TODAY
    )
    write_sarif(tmp_path / "bandit.sarif", result, verdicts)
    sarif = json.loads((tmp_path / "bandit.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "bandit"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"B602", "B307"}
    results = run["results"]
    assert len(results) == len(result.findings)
    accepted = [r for r in results if "suppressions" in r]
    assert len(accepted) == 1
    location = accepted[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app.py"
    assert location["region"]["startLine"] == 8
    assert accepted[0]["partialFingerprints"]["golive/codeHash/v1"] == shell.fingerprint


def test_a_file_that_cannot_be_scanned_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "broken.py").write_text("def broken(:\n    pass\n", encoding="utf-8")
    result = scan(source, tmp_path / "reports")
    assert [e.split(":")[0] for e in result.errors] == ["broken.py"]
    assert not list((tmp_path / "reports").glob(".bandit-*"))  # only bandit.json stays
