"""The security scenarios against the sandbox: all green when clean, and each fault fails
the scenario of the criterion that exists to catch it, with the finding's reference."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from scenario_runs import ROOT, Run, run_features

from golive.evidence.records import read_results
from golive.gate.verdict import evaluate
from golive.inputs.catalog import load_catalog
from golive.inputs.config import load_config
from golive.run.target import RunningTarget, open_target

SANDBOX = load_config(ROOT / "golive.toml").target("sandbox")
SECURITY = ["features/security", "features/en/security.feature"]

# fault -> {scenario that must fail: what its message must say}; every other passes
FAULTS = {
    "sql_injection": {
        "搜索和筛选条件不能被当作数据库语句执行": "参数 q 中的引号破坏了数据库语句",
        "search_and_filter_input_is_never_run_as_sql": "OWASP A03:2021 Injection",
        # the pasted SQL also breaks on a control character: a 500, not a 4xx
        "超长和格式错误的输入得到明确拒绝": "q 含控制字符导致服务器错误",
        "overlong_and_malformed_input": "crashes the server",
    },
    "idor": {
        "销售不能打开另一名销售的客户和订单": "sales 打开了 sales2 的 customer",
        "a_salesperson_cannot_open_another": "ASVS 4.2.1 (IDOR)",
    },
    "privilege_escalation": {
        "每个角色只能做权限表允许的事": "sales 被允许：approve an order (API)",
        "each_role_does_only_what_the_access_matrix": "OWASP A01:2021 Broken Access Control",
    },
    "missing_headers": {
        "每个页面都带安全响应头": "缺少或无效的 Content-Security-Policy",
        "every_page_sends_the_security_headers": (
            "problem(s) found: Content-Security-Policy missing or weak"
        ),
        "会话_cookie_受保护": "缺少 HttpOnly",
        "the_session_cookie_is_protected": "lacks SameSite",
    },
    "lead_write_scope": {
        "不能打开或没有被提供修改操作的人": "sales2 通过 POST /leads/{id}/qualify 修改了记录",
        # the API's own qualify, which no page shows, is tried too
        "nobody_changes_or_deletes_a_record": "changed a record through POST /api/leads/{id}",
    },
    "csrf_unchecked": {
        "修改数据的表单必须带_csrf_令牌": "POST /leads/{id}/qualify（没有 CSRF 令牌也被接受）",
        "statechanging_forms_need_a_csrf_token": "ASVS 4.2.2",
    },
    "open_redirect": {
        "跳转参数不会把人送到其他网站": "参数 next 能把用户转到其他网站",
        "a_redirect_parameter_never_sends": "CWE-601",
    },
    "mass_assignment": {
        "表单只接受它显示的字段": "POST /leads/new 接受了表单上没有的字段",
        "a_form_takes_only_the_fields_it_shows": "ASVS 5.1.2",
    },
    "search_scope": {
        "不能打开的记录也不出现在列表和搜索中": "sales2 在 /leads?q={word} 上看到了",
        "a_record_one_may_not_open": "ASVS 4.2.1 (IDOR)",
    },
    "stored_xss": {
        "保存在记录里的内容在每个页面上都经过转义": "写入 name 的内容在 /leads 上未经转义地显示",
        "what_is_stored_in_a_record_is_escaped": "OWASP A03:2021 Injection",
    },
    "overlong_500": {
        "超长和格式错误的输入得到明确拒绝": "name 超长 1000 字符导致服务器错误",
        "overlong_and_malformed_input": "OWASP A04:2021 Insecure Design",
    },
}


def security(running: RunningTarget, tmp: Path, *args: str) -> Run:
    return run_features(running, SECURITY, tmp, "-m", "security", *args)


@pytest.fixture(scope="module")
def clean() -> Iterator[RunningTarget]:
    with open_target(SANDBOX) as running:
        yield running


def test_the_clean_sandbox_passes_every_security_scenario(
    clean: RunningTarget, tmp_path: Path
) -> None:
    results = tmp_path / "allure-results"
    run = security(clean, tmp_path, "--alluredir", str(results))
    assert run.failed() == {}, run.output[-4000:]
    assert len(run.outcomes) == 32
    # the five accepted findings of the sandbox's source are shown, as accepted
    found = [json.loads(p.read_text("utf-8")) for p in results.glob("*-result.json")]
    accepted = [r for r in found if r["name"].startswith(("B608", "B704"))]
    assert len(accepted) == 2 * 5  # zh and en scenario each record them
    assert all(
        r["status"] == "passed" and "accepted by" in r["statusDetails"]["message"] for r in accepted
    )
    sarif = json.loads((ROOT / "reports" / "security" / "bandit.sarif").read_text("utf-8"))
    assert len(sarif["runs"][0]["results"]) == 5


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_fails_the_scenario_made_to_catch_it(fault: str, tmp_path: Path) -> None:
    results = tmp_path / "allure-results"
    with open_target(SANDBOX, faults=[fault]) as running:
        run = security(running, tmp_path, "--alluredir", str(results))
    failed = run.failed()
    for scenario, message in FAULTS[fault].items():
        hits = {k: v for k, v in failed.items() if scenario in k}
        assert hits, f"{scenario!r} did not fail with {fault}:\n{run.output[-3000:]}"
        assert all(message in text for text in hits.values()), hits
    expected = {k for k in failed if any(s in k for s in FAULTS[fault])}
    assert set(failed) == expected, f"unexpected failures with {fault}: {set(failed) - expected}"
    # each finding is a failed security result of its own, labelled with its criterion
    findings = [json.loads(p.read_text("utf-8")) for p in results.glob("*-result.json")]
    own = [r for r in findings if {"name": "kind", "value": "security"} in r["labels"]]
    failed_results = [r for r in own if r["status"] == "failed"]
    assert failed_results
    # the only passing ones are the static findings accepted in security/
    assert all(
        "accepted by" in r["statusDetails"]["message"] for r in own if r["status"] != "failed"
    )
    assert all(any(lb["name"] == "criterion" for lb in r["labels"]) for r in own)
    assert all("OWASP" in r["statusDetails"]["message"] for r in own)


def _config(tmp: Path, old: str, new: str) -> Path:
    """golive.toml with one change, in ``tmp``, still pointing at the real catalog."""
    text = _with_catalog((ROOT / "golive.toml").read_text(encoding="utf-8"))
    assert text.count(old) == 1
    path = tmp / "golive.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _with_catalog(text: str) -> str:
    return text.replace('catalog = "acceptance.yaml"', f'catalog = "{ROOT / "acceptance.yaml"}"')


def test_no_source_leaves_the_static_criterion_without_evidence(
    clean: RunningTarget, tmp_path: Path
) -> None:
    config = _config(tmp_path, 'source = "sandbox"\n', "")
    results = tmp_path / "allure-results"
    run = run_features(
        clean,
        ["features/security/static.feature"],
        tmp_path,
        "--golive-config",
        str(config),
        "--alluredir",
        str(results),
    )
    (outcome,) = run.outcomes.values()
    assert outcome["status"] == "skipped"  # nothing was judged, so nothing passed
    assert "没有配置源代码，无法做静态分析" in outcome["message"]
    gate = evaluate(
        load_catalog(ROOT / "acceptance.yaml"),
        read_results(results),
        phase="pilot",
        target="sandbox",
        today=dt.date.today(),
    )
    (static,) = [c for c in gate.criteria if c.id == "AC-SEC-01"]
    assert static.status == "no_evidence"
    assert "没有配置源代码" in static.reason


def test_probes_are_refused_where_the_target_does_not_allow_them(
    clean: RunningTarget, tmp_path: Path
) -> None:
    config = _config(tmp_path, "sandbox = true\n", "sandbox = true\nallow_probes = false\n")
    run = run_features(
        clean, ["features/security/access.feature"], tmp_path, "--golive-config", str(config)
    )
    assert len(run.failed()) == 7  # the access.feature's seven probe scenarios
    for message in run.failed().values():
        assert "does not allow active security probes" in message


def test_no_secret_reaches_the_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "Otter-Secret-5521"
    monkeypatch.setenv("GOLIVE_SANDBOX_SALES_PASSWORD", secret)
    results = tmp_path / "allure-results"
    with open_target(SANDBOX, faults=["missing_headers"]) as running:
        run = security(running, tmp_path, "--alluredir", str(results))
    assert run.failed()
    for path in [*results.iterdir(), *(ROOT / "reports" / "security").iterdir()]:
        data = path.read_bytes()
        assert secret.encode() not in data, f"the password leaked into {path.name}"
        assert b"sandbox_session=" not in data.replace(b"sandbox_session=<hidden>", b"")
        assert b"Bearer " not in data, f"a token leaked into {path.name}"


def test_an_expired_acceptance_fails_the_static_scenario_again(
    clean: RunningTarget, tmp_path: Path
) -> None:
    accepted = (ROOT / "security" / "accepted-findings.yaml").read_text(encoding="utf-8")
    first = accepted.index("expires: 2027-06-30")
    expired = tmp_path / "accepted.yaml"
    expired.write_text(
        accepted[:first] + "expires: 2025-01-31" + accepted[first + 19 :], encoding="utf-8"
    )
    text = _with_catalog((ROOT / "golive.toml").read_text(encoding="utf-8"))
    text = text.replace('source = "sandbox"', f'source = "{ROOT / "sandbox"}"')
    text = text.replace('accepted = "security/accepted-findings.yaml"', f'accepted = "{expired}"')
    config = tmp_path / "golive.toml"
    config.write_text(text, encoding="utf-8")
    run = run_features(
        clean, ["features/security/static.feature"], tmp_path, "--golive-config", str(config)
    )
    (message,) = run.failed().values()
    assert "1 个发现超出安全策略：B608" in message
    assert "customers.py:74" in message and "expired by 安全负责人" in message


def test_a_policy_for_an_unknown_criterion_fails_the_static_scenario(
    clean: RunningTarget, tmp_path: Path
) -> None:
    text = _with_catalog((ROOT / "golive.toml").read_text(encoding="utf-8"))
    text = text.replace("static.policy.AC-SEC-01]", "static.policy.AC-SEC-10]")
    config = tmp_path / "golive.toml"
    config.write_text(text, encoding="utf-8")
    run = run_features(
        clean, ["features/security/static.feature"], tmp_path, "--golive-config", str(config)
    )
    (message,) = run.failed().values()
    assert "names criteria the catalog does not know: AC-SEC-10" in message
    assert "(did you mean 'AC-SEC-" in message


def test_a_probe_out_of_budget_fails_unproven_and_shows_what_it_sent(
    clean: RunningTarget, tmp_path: Path
) -> None:
    config = _config(tmp_path, "max_requests = 1500", "max_requests = 5")
    results = tmp_path / "allure-results"
    run = run_features(
        clean,
        ["features/security/injection.feature"],
        tmp_path,
        "--golive-config",
        str(config),
        "--alluredir",
        str(results),
    )
    (message,) = run.failed().values()
    # a Chinese scenario hears why in Chinese
    assert "安全探测在完成之前用完了预算（5 个请求" in message and "没有证明任何事" in message
    (log,) = [json.loads(p.read_text("utf-8")) for p in results.glob("*-attachment.json")]
    assert log["requests"] == 5 and log["tried"][0] == "GET /openapi.json"
