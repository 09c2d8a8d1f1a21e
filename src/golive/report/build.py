"""The Allure HTML report, built by the Allure tool the setup installs (npm ``allure``).

Two outputs in reports/allure-report: ``awesome/`` (many files, to serve over http) and
``single/index.html`` (one file that opens from disk and can be mailed). The run's
facts (target, URL, phase, browser, golive version, CI build) appear as report
variables; history carries over between runs in reports/allure-history.jsonl.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess  # nosec B404
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from golive.errors import ConfigError, SuiteError
from golive.inputs.config import Config

RUN_FACTS = "run.json"
"""Written by golive run next to the results: what the report shows as its environment."""
PLATFORM_VERSION = "platform version"
"""The run fact of the version the platform reported; ``NOT_REPORTED`` where it did not."""
NOT_REPORTED = "not reported"
LAST_ANSWER = "target last answered"
FIRST_REFUSAL = "target first refused"
"""Run facts that keep an outage, for ``golive gate`` to decide again later."""

# CI variables that name the build and link to it, for the report's executor facts
CI_BUILD = (
    ("GITHUB_RUN_ID", "GitHub Actions run"),
    ("CI_PIPELINE_ID", "GitLab pipeline"),
    ("BUILD_NUMBER", "Jenkins build"),
)
CI_LINK = ("CI_JOB_URL", "BUILD_URL")


CATEGORIES = [
    # first match wins; Allure's own "product errors" and "test errors" come after these
    {
        "id": "environment",
        "name": "环境问题 Environment broken",
        "matchers": {
            "statuses": ["failed", "broken"],
            "message": "does not answer|stopped answering|dropped connections|ERR_CONNECTION|"
            "Connection refused|ConnectError|Executable doesn't exist|Locust exited",
        },
    },
    {
        "id": "security",
        "name": "安全发现 Security finding",
        "matchers": {"statuses": ["failed"], "labels": {"tag": "^security$"}},
    },
    {
        "id": "performance",
        "name": "性能退化 Performance regression",
        "matchers": {"statuses": ["failed"], "labels": {"tag": "^load$"}},
    },
    {"id": "product", "name": "产品缺陷 Product defect", "matchers": {"statuses": ["failed"]}},
    {"id": "test", "name": "测试缺陷 Test defect", "matchers": {"statuses": ["broken"]}},
]
"""How the report sorts what did not pass; a failed check is a defect of the platform,
a broken one (an error in the check itself) a defect of the test."""


@dataclass(frozen=True)
class Report:
    folder: Path
    multi_file: Path
    single_file: Path


def tool(config: Config) -> Path:
    """The Allure command line: the project's own (``npm install allure`` in the project
    folder; scripts/setup.sh does it for this repository), else ``allure`` on PATH."""
    path = config.root / "node_modules" / ".bin" / "allure"
    if path.exists():
        return path
    found = shutil.which("allure")
    if found is None:
        raise ConfigError(
            f"the Allure report tool is not installed: run `npm install allure` in "
            f"{config.root}, or put allure on PATH"
        )
    return Path(found)


def ci_facts(env: Mapping[str, str]) -> dict[str, str]:
    """The CI build this run belongs to, from the usual CI variables."""
    facts = {f"CI {name}": env[var] for var, name in CI_BUILD if env.get(var)}
    if env.get("GITHUB_SERVER_URL") and env.get("GITHUB_REPOSITORY") and env.get("GITHUB_RUN_ID"):
        facts["CI link"] = (
            f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}/actions/"
            f"runs/{env['GITHUB_RUN_ID']}"
        )
    for var in CI_LINK:
        if env.get(var):
            facts["CI link"] = env[var]
    return facts


def write_run_facts(results: Path, facts: Mapping[str, str]) -> None:
    results.mkdir(parents=True, exist_ok=True)
    (results.parent / RUN_FACTS).write_text(
        json.dumps(dict(facts), ensure_ascii=False, indent=1), encoding="utf-8"
    )


def read_run_facts(results: Path) -> dict[str, str]:
    """The facts ``golive run`` wrote beside ``results`` (run id, target ...); {} if none."""
    try:
        facts = json.loads((results.parent / RUN_FACTS).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in facts.items()} if isinstance(facts, dict) else {}


def build_report(config: Config, results: Path) -> Report:
    """Build both HTML reports from ``results``; SuiteError if the tool fails."""
    if not results.is_dir() or not any(results.glob("*-result.json")):
        raise ConfigError(f"no Allure results in {results}: run golive run first")
    facts = {**read_run_facts(results), **ci_facts(os.environ)}
    if (config.reports / "gate.html").is_file():
        facts["gate"] = "reports/gate.html (also attached to this report)"
    out = config.reports / "allure-report"
    name = f"golive: {facts.get('phase', '')} {facts.get('target', '')}".strip()
    # the tree a business reader walks: goal, then criterion, then scenario
    options = {"reportName": name, "reportLanguage": "zh", "groupBy": ["epic", "feature", "story"]}
    allurerc = {
        "name": name,
        "output": str(out),
        "historyPath": str(config.reports / "allure-history.jsonl"),
        "variables": facts,
        "categories": {"rules": CATEGORIES},
        # the gate's own page travels inside the report (one file to mail) and beside it
        "globalAttachments": [str(p) for p in (config.reports / "gate.html",) if p.is_file()],
        "plugins": {
            "awesome": {"options": {**options, "singleFile": False}},
            "single": {"import": "awesome", "options": {**options, "singleFile": True}},
        },
    }
    with tempfile.TemporaryDirectory(prefix="golive-report-") as tmp:
        rc = Path(tmp) / "allurerc.json"
        rc.write_text(json.dumps(allurerc, ensure_ascii=False), encoding="utf-8")
        process = subprocess.run(  # the installed tool, our arguments  # noqa: S603  # nosec B603
            [str(tool(config)), "generate", "--config", str(rc), str(results)],
            cwd=config.root,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    if process.returncode != 0:
        raise SuiteError(
            f"the Allure tool failed (exit {process.returncode}): "
            f"{(process.stderr or process.stdout)[-2000:]}"
        )
    return Report(out, out / "awesome" / "index.html", out / "single" / "index.html")
