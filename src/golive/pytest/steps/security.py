"""Security steps: static analysis of the platform's source and active probes of it.

    当 用 bandit 扫描平台的源代码              那么 没有超出安全策略的发现
    当 对每个搜索和筛选参数尝试 SQL 注入        那么 没有发现安全问题
    当 每个角色和未登录用户按权限表尝试每个操作
    当 每个用户尝试打开别人的记录
    当 检查登录、会话 Cookie 和退出登录
    当 检查每个页面的安全响应头
    当 向每个参数和表单提交超长和格式错误的内容
    当 在页面参数中提交脚本
    当 不带 CSRF 令牌提交修改数据的表单

What to probe comes from ``[targets.X.security]`` in golive.toml; the static policy and
the accepted findings too. Each finding becomes a failed Allure result of its own, with
its OWASP Top 10 / ASVS reference; the scenario carries what was tried. A target that
does not allow probes fails the scenario with the reason; one with no source to scan
leaves the static criterion without evidence (no_evidence), saying why: nothing
unproven ever passes.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import allure
import pytest
from pytest_bdd import then, when

from golive.errors import GoliveError
from golive.evidence.writer import Check
from golive.inputs.catalog import Catalog, is_criterion_tag
from golive.inputs.config import Config
from golive.messages import Phrase, Say
from golive.pytest.api import ApiClient
from golive.pytest.plugin import no_evidence
from golive.run.target import RunningTarget
from golive.security.probes import access as probes_access
from golive.security.probes import escalation as probes_escalation
from golive.security.probes import forgery as probes_forgery
from golive.security.probes import headers as probes_headers
from golive.security.probes import injection as probes_injection
from golive.security.probes import leaks as probes_leaks
from golive.security.probes import mass as probes_mass
from golive.security.probes import matrix as probes_matrix
from golive.security.probes import redirect as probes_redirect
from golive.security.probes import reflected as probes_reflected
from golive.security.probes import session as probes_session
from golive.security.probes import sqli as probes_sqli
from golive.security.probes import stored as probes_stored
from golive.security.probes import write as probes_write
from golive.security.probes.crawl import Inventory
from golive.security.probes.prober import Finding, Prober
from golive.security.sarif import write_sarif
from golive.security.static import (
    Verdict,
    checks,
    judge,
    scan,
    settings_acceptances,
    unused_acceptances,
)

MAX_LOGGED = 500
ProbeRun = Callable[[Prober], tuple[list[Any], list[Finding]]]


@dataclass
class SecurityWork:
    """What the scenario's security step tried and found."""

    probe: Phrase | None = None
    check: str = ""
    """Which of the probe's checks ran (``crawled_access``, ``write_access`` ...)."""
    tried: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    verdicts: tuple[Verdict, ...] = ()
    requests: int = 0
    seconds: float = 0.0
    done: bool = False
    inventory: dict[str, Any] | None = None
    """What the discovery crawl found, where the probe crawled (no value, no token)."""


@pytest.fixture
def security_work() -> SecurityWork:
    return SecurityWork()


def _criteria(scenario: Any) -> tuple[str, ...]:
    tags = [*scenario.feature.tags, *scenario.tags]
    return tuple(dict.fromkeys(t for t in tags if is_criterion_tag(t)))


# -- static analysis ------------------------------------------------------------------
@when("用 bandit 扫描平台的源代码")
@when("the platform's source is scanned with bandit")
def scan_source(
    golive_target: RunningTarget,
    golive_config: Config,
    golive_catalog: Catalog,
    golive_scenario: Any,
    golive_say: Say,
    security_work: SecurityWork,
) -> None:
    target = golive_target.target
    if target.source is None:
        no_evidence(golive_say("security.no_source", target=target.name))
    static = target.security.static
    unknown = sorted(set(static.policies) - set(golive_catalog.criteria))
    if unknown:
        pytest.fail(
            f"[targets.{target.name}.security.static.policy] names criteria the catalog does "
            f"not know: {', '.join(unknown)}{golive_catalog.suggest(unknown[0])}",
            pytrace=False,
        )
    started = time.monotonic()
    try:
        acceptances = settings_acceptances(static)
        result = scan(
            target.source, golive_config.reports / "security", honour_nosec=static.honour_nosec
        )
    except GoliveError as exc:
        pytest.fail(exc.said(golive_say), pytrace=False)
    policy = static.policy(_criteria(golive_scenario))
    verdicts = judge(result.findings, policy, acceptances, dt.date.today())
    write_sarif(golive_config.reports / "security" / "bandit.sarif", result, verdicts)
    security_work.probe = Phrase.of("probe.static")
    security_work.verdicts = verdicts
    security_work.seconds = time.monotonic() - started
    security_work.tried = [
        f"bandit {result.version} over {target.source} ({result.files} files); "
        f"policy: a finding counts when {policy.describe()}",
        *(f"{v.status}: {v.finding.test_id} {v.finding.where}" for v in verdicts[:MAX_LOGGED]),
        *(f"could not scan {error}" for error in result.errors),
        *(
            f"unused acceptance (the code changed; remove it): {a.test_id} {a.file}"
            for a in unused_acceptances(verdicts, acceptances)
        ),
    ]
    security_work.findings = [
        Finding(
            Phrase.of("probe.static"),
            Phrase.of("security.cannot_scan", source=error),
            str(target.source),
            error,
            "OWASP A04:2021 Insecure Design",
        )
        for error in result.errors
    ]
    security_work.done = True


@then("没有超出安全策略的发现")
@then("no finding is above the security policy")
def within_policy(
    security_work: SecurityWork,
    golive_scenario: Any,
    golive_say: Say,
    golive_record: Callable[[Iterable[Check]], None],
) -> None:
    assert security_work.done, golive_say("security.no_scan")
    criteria = _criteria(golive_scenario)
    recorded = checks(security_work.verdicts, criteria, golive_scenario.name)
    recorded += [
        f.check(criteria, golive_scenario.name, golive_say) for f in security_work.findings
    ]
    _attach(security_work, golive_say)
    golive_record(recorded)
    failed = [c.message for c in recorded if c.status == "failed"]
    if failed:
        pytest.fail(
            golive_say("security.above_policy", count=len(failed), findings="; ".join(failed)),
            pytrace=False,
        )


# -- active probes --------------------------------------------------------------------
def _probe(name: Phrase, run: ProbeRun) -> Callable[..., None]:
    def step(
        golive_target: RunningTarget,
        golive_api: ApiClient,
        golive_say: Say,
        security_work: SecurityWork,
    ) -> None:
        started = time.monotonic()
        security_work.check = run.__name__
        try:
            prober = Prober(golive_target, golive_api.token)
        except GoliveError as exc:
            pytest.fail(exc.said(golive_say), pytrace=False)
        try:
            tried, found = run(prober)
        except GoliveError as exc:
            # what was sent before it stopped still belongs in the report
            security_work.probe, security_work.requests = name, prober.requests
            security_work.tried = prober.tried[:MAX_LOGGED]
            security_work.inventory = _inventory(prober)
            _attach(security_work, golive_say)
            pytest.fail(f"{name(golive_say)}: {exc.said(golive_say)}", pytrace=False)
        finally:
            prober.close()
        security_work.probe = name
        security_work.tried = [str(t) for t in tried] or prober.tried[:MAX_LOGGED]
        security_work.findings = found
        security_work.requests = prober.requests
        security_work.seconds = time.monotonic() - started
        security_work.inventory = _inventory(prober)
        security_work.done = True

    return step


def _inventory(prober: Prober) -> dict[str, Any] | None:
    return prober.inventory.to_json() if isinstance(prober.inventory, Inventory) else None


# The probe steps: (Chinese, English, probe name, probe), one pair of phrases per probe.
PROBE_STEPS = (
    (
        "对每个搜索和筛选参数尝试 SQL 注入",
        "SQL injection is tried on every search and filter parameter",
        probes_sqli.SQLI,
        probes_sqli.sql_injection,
    ),
    (
        "每个角色和未登录用户按权限表尝试每个操作",
        "every role and an anonymous user try every action of the access matrix",
        probes_access.ACCESS,
        probes_access.access_matrix,
    ),
    (
        "每个角色直接打开菜单里没有给它的页面",
        "each role opens the pages its menus leave out",
        probes_access.ACCESS,
        probes_matrix.crawled_access,
    ),
    (
        "每个用户尝试打开别人的记录",
        "each user tries to open other users' records",
        probes_access.ACCESS,
        probes_access.other_users_records,
    ),
    (
        "其他角色尝试修改和删除探测自己创建的记录",
        "other roles try to change and delete a record the probe made",
        probes_access.ACCESS,
        probes_write.write_access,
    ),
    (
        "在不能打开记录的角色的列表和搜索中查找探测自己创建的记录",
        "a record the probe makes is looked for in the lists and searches of roles that may "
        "not open it",
        probes_access.ACCESS,
        probes_leaks.list_leaks,
    ),
    (
        "用表单上没有的权限和归属字段提交探测自己创建的记录的表单",
        "fields a form does not show are sent with the forms of a record the probe makes",
        probes_mass.MASS,
        probes_mass.mass_assignment,
    ),
    (
        "每个角色用自己账户上带角色或权限字段的表单尝试提升自己的权限",
        "each role tries to raise itself through the role and permission fields of its own "
        "account's forms",
        probes_access.ACCESS,
        probes_escalation.self_escalation,
    ),
    (
        "检查登录、会话 Cookie 和退出登录",
        "the login, the session cookie and the logout are checked",
        probes_session.SESSION,
        probes_session.session_handling,
    ),
    (
        "检查每个页面的安全响应头",
        "the security headers of every page are checked",
        probes_headers.HEADERS,
        probes_headers.security_headers,
    ),
    (
        "向每个参数和表单提交超长和格式错误的内容",
        "overlong and malformed input is sent to every parameter and form",
        probes_injection.INPUT,
        probes_injection.input_handling,
    ),
    (
        "在页面参数中提交脚本",
        "a script is sent in the page parameters",
        probes_injection.XSS,
        probes_reflected.reflected_script,
    ),
    (
        "在探测自己创建的记录中写入标记，并在每个页面上查找",
        "markup is written into a record the probe makes and looked for on every page",
        probes_stored.STORED,
        probes_stored.stored_script,
    ),
    (
        "向每个跳转参数提交其他网站的地址",
        "another site's address is sent to every redirect parameter",
        probes_redirect.REDIRECT,
        probes_redirect.open_redirects,
    ),
    (
        "不带 CSRF 令牌提交修改数据的表单",
        "the state-changing forms are sent without their CSRF token",
        probes_forgery.CSRF,
        probes_forgery.csrf_required,
    ),
)
for _zh, _en, _name, _run in PROBE_STEPS:
    when(_zh)(when(_en)(_probe(_name, _run)))


@then("没有发现安全问题")
@then("no security problem is found")
def no_problem(
    security_work: SecurityWork,
    golive_scenario: Any,
    golive_say: Say,
    golive_record: Callable[[Iterable[Check]], None],
) -> None:
    assert security_work.done, golive_say("security.no_check")
    criteria = _criteria(golive_scenario)
    _attach(security_work, golive_say)
    golive_record(
        f.check(criteria, golive_scenario.name, golive_say) for f in security_work.findings
    )
    problems = [f.text(golive_say) for f in security_work.findings]
    if problems:
        probe = security_work.probe(golive_say) if security_work.probe else ""
        pytest.fail(
            golive_say(
                "security.found", probe=probe, count=len(problems), problems="; ".join(problems)
            ),
            pytrace=False,
        )


def _attach(work: SecurityWork, say: Say) -> None:
    """What was tried, for the security reviewer (never a secret: see
    golive.security.probes.prober)."""
    findings = [{**f.__dict__, "probe": f.probe(say), "title": f.title(say)} for f in work.findings]
    log = {
        "probe": work.probe(say) if work.probe else "",
        "check": work.check,
        "requests": work.requests,
        "seconds": round(work.seconds, 2),
        "tried": work.tried,
        "findings": findings,
        **({"inventory": work.inventory} if work.inventory else {}),
    }
    allure.attach(
        json.dumps(log, ensure_ascii=False, indent=1),
        name="security-log",
        attachment_type=allure.attachment_type.JSON,
    )
