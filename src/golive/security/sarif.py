"""SARIF 2.1.0 of a static scan, for code-scanning tools (GitHub, GitLab, IDEs).

Each finding is a result located relative to the scanned folder (``SRCROOT``) with
golive's code hash as its fingerprint; an accepted finding carries an external
suppression with the reviewer's reason, owner and expiry.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from golive.security.static import Scan, Verdict


def write_sarif(path: Path, scan_: Scan, verdicts: Sequence[Verdict]) -> None:
    """SARIF 2.1.0 for code-scanning tools; accepted findings carry a suppression."""
    rules: dict[str, dict[str, Any]] = {}
    results = []
    for verdict in verdicts:
        f = verdict.finding
        rules.setdefault(
            f.test_id,
            {
                "id": f.test_id,
                "name": f.test_name,
                "shortDescription": {"text": f.text},
                "properties": {
                    "tags": [t for t in (f"CWE-{f.cwe}" if f.cwe else "", f.owasp) if t]
                },
            },
        )
        result: dict[str, Any] = {
            "ruleId": f.test_id,
            "level": {"high": "error", "medium": "warning"}.get(f.severity, "note"),
            "message": {"text": f"{f.text} ({f.owasp})"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.file, "uriBaseId": "SRCROOT"},
                        "region": {"startLine": f.line},
                    }
                }
            ],
            "partialFingerprints": {"golive/codeHash/v1": f.fingerprint},
            "properties": {
                "severity": f.severity,
                "confidence": f.confidence,
                "golive": verdict.status,
            },
        }
        if verdict.status == "accepted" and verdict.acceptance is not None:
            result["suppressions"] = [
                {
                    "kind": "external",
                    "justification": f"{verdict.acceptance.reason} "
                    f"({verdict.acceptance.owner}, until {verdict.acceptance.expires})",
                }
            ]
        results.append(result)
    sarif = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "bandit",
                        "version": scan_.version,
                        "informationUri": "https://bandit.readthedocs.io/",
                        "rules": list(rules.values()),
                    }
                },
                "originalUriBaseIds": {"SRCROOT": {"uri": scan_.source.resolve().as_uri() + "/"}},
                "results": results,
            }
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}-{os.getpid()}-{secrets.token_hex(4)}")
    partial.write_text(json.dumps(sarif, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)
