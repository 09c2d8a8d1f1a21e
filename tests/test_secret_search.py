"""The secrets search of the end-to-end run: it must see through every layer a report has.

Each case hides a (made-up) password the way a report could carry it, and the search must
name the file and the layer; a clean tree and near misses must give nothing. No
assertion message shows a secret: the findings themselves never contain one.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import re
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from secret_search import find_secrets

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Secret-sales-7f3a9c"  # the form of test_run.py's passwords
ODD = 'p@ss "w0rd"/+&<x>'  # one that percent-encoding, JSON and HTML each change
SECRETS = {"password of sales": PASSWORD, "odd password": ODD}
TOKEN = re.compile(rb"Bearer [A-Za-z0-9_\-.]{16,}|sandbox_session=[A-Za-z0-9_\-.]{16,}")
BEARER = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzYWxlcyJ9.c2lnbmF0dXJl"


def b64(data: bytes | str) -> str:
    return base64.b64encode(data.encode() if isinstance(data, str) else data).decode()


def zipped(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def allure_html(attachments: dict[str, bytes | str]) -> str:
    """Shaped like Allure 3's single-file report: each file as d("name","base64")."""
    calls = ",".join(
        f'd("data/attachments/{name}","{b64(data)}")' for name, data in attachments.items()
    )
    return f"<html><script defer>Promise.allSettled([{calls}])</script></html>"


def trace(network: str) -> bytes:
    """Shaped like a Playwright trace: JSON lines in a zip, the bodies beside them."""
    return zipped({"trace.trace": '{"type":"before"}\n', "trace.network": network})


def write(root: Path, name: str, content: bytes | str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)


# case: (the file under reports/ that carries the secret, its content, where it is found)
LEAKS: dict[str, tuple[str, bytes | str, str]] = {
    "raw text": (
        "gate.md",
        f"| AC-SEC-01 | login as sales with {PASSWORD} |",
        "reports/gate.md: password of sales at offset 34",
    ),
    "percent-encoded form body": (
        "load/requests.log",
        "POST /login user=sales&password=p%40ss+%22w0rd%22%2F%2B%26%3Cx%3E",
        "reports/load/requests.log: odd password at offset 32",
    ),
    "JSON-escaped": (
        "uat-outcomes.json",
        json.dumps({"typed": ODD}),
        "reports/uat-outcomes.json: odd password at offset 11",
    ),
    "HTML-escaped": (
        "gate.html",
        "<td>p@ss &quot;w0rd&quot;/+&amp;&lt;x&gt;</td>",
        "reports/gate.html: odd password at offset 4",
    ),
    "base64 attachment in HTML": (
        "allure-report/single/index.html",
        allure_html({"a.txt": f"typed {PASSWORD}"}),
        "single/index.html > base64 at offset 68: password of sales at offset 6",
    ),
    "data: URI": (
        "gate.html",
        f'<a href="data:text/plain;base64,{b64("pw=" + PASSWORD)}">log</a>',
        "reports/gate.html > base64 at offset 32: password of sales at offset 3",
    ),
    "URL-safe base64 without padding": (
        "results.json",
        json.dumps({"body": base64.urlsafe_b64encode(b"\xff\xfe" + ODD.encode()).decode()[:-1]}),
        "reports/results.json > base64 at offset 10: odd password at offset 2",
    ),
    "base64 glued to other text": (
        "x.js",
        f"var s='ab{b64(PASSWORD)}';",
        "reports/x.js: password of sales, base64-encoded, at offset 9",
    ),
    "zip member": (
        "allure-results/1-attachment.zip",
        trace(f'{{"postData":"password={PASSWORD}"}}'),
        "reports/allure-results/1-attachment.zip > zip member 'trace.network': password of",
    ),
    "zip in a zip": (
        "bundle.zip",
        zipped({"traces/t.zip": trace(PASSWORD)}),
        "reports/bundle.zip > zip member 'traces/t.zip' > zip member 'trace.network': password",
    ),
    "zip inside base64 (a trace in the Allure HTML)": (
        "allure-report/single/index.html",
        allure_html({"t.zip": trace(PASSWORD)}),
        "> base64 at offset 68 > zip member 'trace.network': password of sales at offset 0",
    ),
    "zip in a file with no extension": (
        "allure-results/1-attachment",
        trace(PASSWORD),
        "reports/allure-results/1-attachment > zip member 'trace.network': password of sales",
    ),
    "gzip": (
        "history.jsonl.gz",
        gzip.compress(f'{{"env":"{PASSWORD}"}}'.encode()),
        "reports/history.jsonl.gz > gzip: password of sales at offset 8",
    ),
    "base64 in a zip in base64": (
        "index.html",
        allure_html({"t.zip": trace(json.dumps({"body": b64(PASSWORD)}))}),
        "> zip member 'trace.network' > base64 at offset 10: password of sales at offset 0",
    ),
    "a file's name": (
        f"screens/{PASSWORD}.png",
        b"\x89PNG",
        "reports/screens/***.png: password of sales in the name",
    ),
}


@pytest.mark.parametrize("case", LEAKS)
def test_a_hidden_secret_is_found(tmp_path: Path, case: str) -> None:
    name, content, place = LEAKS[case]
    root = tmp_path / "reports"
    write(root, "gate.json", '{"verdict": "GO"}')  # a clean neighbour says nothing
    write(root, name, content)
    found = find_secrets(root, SECRETS)
    assert any(place in line for line in found), found
    assert not any("gate.json" in line for line in found), found
    for line in found:
        assert PASSWORD not in line and ODD not in line  # the finding locates, never shows


def test_a_bearer_token_is_found_by_its_pattern_inside_a_trace(tmp_path: Path) -> None:
    write(tmp_path, "index.html", allure_html({"t.zip": trace(f'{{"authorization":"{BEARER}"}}')}))
    found = find_secrets(tmp_path, {}, patterns=[TOKEN])
    assert len(found) == 1
    assert "> zip member 'trace.network': a match of " in found[0]
    assert "(61 bytes) at offset 18" in found[0]
    assert "eyJ" not in found[0]


def test_plain_secrets_are_numbered_and_one_file_can_be_searched(tmp_path: Path) -> None:
    write(tmp_path, "log.txt", f"one {ODD} two {PASSWORD}")
    found = find_secrets(tmp_path / "log.txt", [PASSWORD, ODD])
    assert found == ["log.txt: secret #1 at offset 26", "log.txt: secret #2 at offset 4"]


def nested_base64(layers: int) -> str:
    nested = PASSWORD
    for _ in range(layers):
        nested = "\x01" + b64(nested)
    return nested


def test_the_depth_is_bounded(tmp_path: Path) -> None:
    # three decodings, and the secret's base64 form is looked for in the last layer
    write(tmp_path, "deep.txt", nested_base64(4))
    assert len(find_secrets(tmp_path, SECRETS)) == 1
    write(tmp_path, "deep.txt", nested_base64(5))
    assert find_secrets(tmp_path, SECRETS) == []
    assert len(find_secrets(tmp_path, SECRETS, max_depth=4)) == 1


def test_a_zip_that_cannot_be_opened_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "broken.zip", trace(PASSWORD)[:40])
    found = find_secrets(tmp_path, SECRETS)
    assert len(found) == 1
    assert "broken.zip: a zip that cannot be opened" in found[0]
    assert found[0].endswith("not searched")


def test_a_clean_tree_gives_nothing(tmp_path: Path) -> None:
    write(tmp_path, "gate.md", "| AC-SEC-01 | passed | password policy: 12 characters |")
    write(tmp_path, "gate.html", f'<img src="data:image/png;base64,{b64(bytes(range(256)) * 40)}">')
    write(
        tmp_path, "index.html", allure_html({"t.zip": trace("GET /api/orders 200"), "a.txt": "ok"})
    )
    write(tmp_path, "allure-results/1-attachment", trace('{"authorization":"Bearer ***"}'))
    write(tmp_path, "history.jsonl.gz", gzip.compress(b'{"verdict":"GO"}\n' * 1000))
    write(tmp_path, "ids.txt", " ".join(str(uuid.UUID(int=n)) for n in range(1000)))
    assert find_secrets(tmp_path, SECRETS, patterns=[TOKEN]) == []


NEAR_MISSES = [
    PASSWORD[:-1],  # cut short
    PASSWORD.lower(),
    PASSWORD[:-1] + "b",  # the last character differs in its low bits only
    "R" + PASSWORD[1:],  # and so does the first
    PASSWORD.replace("-", "_"),
]


@pytest.mark.parametrize("near", NEAR_MISSES, ids=range(len(NEAR_MISSES)))
def test_a_near_miss_gives_nothing(tmp_path: Path, near: str) -> None:
    for shift in range(3):  # the near miss in base64 at each of the three alignments
        write(tmp_path, f"b64-{shift}.json", json.dumps({"body": b64("x" * shift + near + "y")}))
        write(tmp_path, f"glued-{shift}.js", f"var s='{b64('x' * shift + near)}';")
    write(tmp_path, "raw.txt", f"login with {near}.")
    write(tmp_path, "index.html", allure_html({"t.zip": trace(near)}))
    assert find_secrets(tmp_path, SECRETS) == []


def test_an_empty_secret_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'SOME_PASSWORD' is empty"):
        find_secrets(tmp_path, {"SOME_PASSWORD": ""})


def test_the_real_allure_single_file_report(tmp_path: Path) -> None:
    """The report Allure 3 really writes: a text attachment and a trace zip on a step."""
    results = tmp_path / "allure-results"
    results.mkdir()
    text, archive = f"{uuid.uuid4()}-attachment.txt", f"{uuid.uuid4()}-attachment.zip"
    (results / text).write_text("the log, with no secret", encoding="utf-8")
    (results / archive).write_bytes(trace(f'{{"postData":"password={PASSWORD}"}}'))
    attachments = [
        {"name": "log", "source": text, "type": "text/plain"},
        {"name": "trace", "source": archive, "type": "application/zip"},
    ]
    step = {"name": "log in", "status": "failed", "attachments": attachments}
    result = {"uuid": str(uuid.uuid4()), "historyId": "h", "name": "login", "status": "failed"}
    (results / f"{result['uuid']}-result.json").write_text(
        json.dumps({**result, "stage": "finished", "start": 1, "stop": 2, "steps": [step]})
    )
    out = tmp_path / "reports" / "allure-report"
    plugins = {"single": {"import": "awesome", "options": {"singleFile": True}}}
    rc = tmp_path / "allurerc.json"
    rc.write_text(json.dumps({"name": "t", "output": str(out), "plugins": plugins}))
    tool = ROOT / "node_modules" / ".bin" / "allure"
    subprocess.run(
        [str(tool), "generate", "--config", str(rc), str(results)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (results / archive).unlink()  # only the report is left to carry it
    found = find_secrets(tmp_path / "reports", SECRETS)
    assert len(found) == 1, found
    assert re.fullmatch(
        r"reports/allure-report/index\.html > base64 at offset \d+ > "
        r"zip member 'trace\.network': password of sales at offset 22",
        found[0],
    ), found
