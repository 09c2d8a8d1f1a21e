"""``golive manual record`` and ``golive manual list``: the results people record for the
``@manual`` scenarios, kept in the project's manual results file."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from golive.cli.commands import against_of, catalog_of, config_of
from golive.cli.exit_codes import ExitCode
from golive.errors import ConfigError
from golive.evidence.manual import Recorded, feature_of, recorded
from golive.evidence.records import Evidence
from golive.gate.freshness import Against, rule_for, staleness
from golive.inputs.config import Config
from golive.inputs.document import did_you_mean
from golive.inputs.freshness import Freshness
from golive.inputs.library import MANUAL, Scenario, read_library
from golive.inputs.manual import ManualResult, add_manual, file_digest, load_manual
from golive.messages import Say
from golive.report.build import NOT_REPORTED, PLATFORM_VERSION, read_run_facts
from golive.run.provenance import platform_version
from golive.run.target import open_target


def record(args: argparse.Namespace) -> int:
    config = config_of(args)
    say = Say(args.lang or catalog_of(args, config).language)
    scenario = find_manual(read_library(config.features), args.scenario, config.root)
    evidence, digest = evidence_of(args.evidence, config.root)
    result = ManualResult(
        feature=feature_of(scenario, config.root),
        scenario=scenario.name,
        result=args.result,
        by=args.by,
        at=dt.datetime.now().astimezone().replace(microsecond=0),
        platform_version=args.version or asked_version(config, args.target),
        evidence=evidence,
        evidence_sha256=digest,
        scenario_sha256=scenario.digest,
        note=args.note or "",
    )
    add_manual(config.manual.file, result)
    print(
        say(
            "manual.recorded",
            scenario=scenario.name,
            result=say.word("status", result.result),
            by=result.by,
            version=result.platform_version,
            file=config.manual.file,
        )
    )
    return ExitCode.GO


def list_results(args: argparse.Namespace) -> int:
    config = config_of(args)
    say = Say(args.lang or catalog_of(args, config).language)
    entries, orphans = recorded(
        read_library(config.features), load_manual(config.manual.file), config.root
    )
    if not entries:
        print(say("manual.none", features=config.features))
    # held to what the last run saw of the platform: the version going live
    seen = read_run_facts(config.reports / "allure-results").get(PLATFORM_VERSION, NOT_REPORTED)
    against = against_of(config, args.version or (seen if seen != NOT_REPORTED else None))
    for entry in entries:
        print(_row(entry, say, against))
    for orphan in orphans:
        print(
            say(
                "manual.orphan",
                file=config.manual.file.name,
                line=orphan.line,
                scenario=orphan.scenario,
                feature=orphan.feature,
            )
        )
    return ExitCode.GO


def _row(entry: Recorded, say: Say, against: Against) -> str:
    result = entry.result
    where = entry.scenario.where
    if result is None:
        status = say("manual.not_recorded")
        return say("manual.row", status=status, name=entry.scenario.name, where=where)
    evidence = Evidence(
        name=entry.scenario.name,
        kind=MANUAL,
        status=result.result,
        criteria=entry.scenario.criteria,
        key=entry.check,
        stop=int(result.at.timestamp() * 1000),
        version=result.platform_version,
    )
    why = staleness(evidence, rule_for(Freshness(), MANUAL, against), against, say)
    if result.scenario_sha256 != entry.scenario.digest:
        why = say("manual.scenario_changed", by=result.by)
    status = say.word("status", "stale") + f" ({why})" if why else say("manual.fresh")
    lines = [say("manual.row", status=status, name=entry.scenario.name, where=where)]
    lines.append(
        say(
            "manual.row_result",
            result=say.word("status", result.result),
            by=result.by,
            at=result.at.isoformat(timespec="minutes"),
            version=result.platform_version,
            evidence=f"; {result.evidence}" if result.evidence else "",
        )
    )
    return "\n".join(lines)


def find_manual(library: tuple[Scenario, ...], wanted: str, root: Path) -> Scenario:
    """The ``@manual`` scenario named ``wanted`` (its name, or its file:line)."""
    text = wanted.strip()
    matches = [
        s
        for s in library
        if s.name.casefold() == text.casefold() or text in {s.check_id(root), s.where}
    ]
    manual = [s for s in matches if s.kind == MANUAL]
    if len(manual) == 1:
        return manual[0]
    if len(manual) > 1:
        raise ConfigError(
            f"{len(manual)} @manual scenarios are named {text!r}: name one by its file and "
            f"line ({', '.join(s.check_id(root) for s in manual)})"
        )
    if matches:
        raise ConfigError(
            f"the scenario {text!r} ({matches[0].check_id(root)}) is not tagged @manual: the "
            "browser runs it. Tag it @manual for people to try it and record the result"
        )
    names = [s.name for s in library if s.kind == MANUAL]
    raise ConfigError(
        f"no @manual scenario named {text!r}{did_you_mean(text, names)}; "
        f"manual scenarios: {', '.join(repr(n) for n in names) or 'none'}"
    )


def evidence_of(value: str | None, root: Path) -> tuple[str, str]:
    """What a record keeps of ``--evidence``: a link as it is, or a file of the project
    (relative to its folder) with its SHA-256."""
    if not value:
        return "", ""
    if value.startswith(("http://", "https://")):
        return value, ""
    path = Path(value).resolve()
    if not path.is_file():
        raise ConfigError(f"--evidence {value}: no such file")
    try:
        inside = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise ConfigError(
            f"--evidence {value}: keep evidence files in the project folder ({root}), under "
            "version control with the results, so every copy of the project can show them"
        ) from None
    return inside, file_digest(path)


def asked_version(config: Config, target_name: str | None) -> str:
    """The version the target reports now (the sandbox is started to ask it)."""
    target = config.target(target_name)
    with open_target(target) as running:
        version = platform_version(running.base_url, target.version, config.root)
    if version is None:
        raise ConfigError(
            f"target {target.name!r} does not report its version "
            f"({target.version.describe()}): say which version you tried with --version"
        )
    return version
