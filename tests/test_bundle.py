"""The sealed evidence bundle: every run's evidence files hashed in a manifest, a sign-off
that records which manifest it signed, and golive verify saying no to any change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from golive.evidence.manifest import MANIFEST, write_manifest
from tests.test_manual import gate_on, golive, project, record

__all__ = ["project"]  # the manual results' project, with a @manual scenario


def sealed(project: Path) -> Path:
    """A project whose last gate sealed its evidence, one manual result among it."""
    assert record(project, "--evidence", "evidence/close.png").returncode == 0
    done, gate = gate_on(project, "2.4.1")
    assert gate["criteria"][0]["status"] == "passed", gate
    assert "证据清单：" in done.stdout
    return project / "reports"


def test_a_run_seals_its_evidence(project: Path) -> None:
    reports = sealed(project)
    manifest = json.loads((reports / MANIFEST).read_text("utf-8"))
    assert manifest["run"] == "r1" and manifest["phase"] == "pilot"
    assert manifest["versions"]["platform"] == "2.4.1"
    files = manifest["files"]
    assert {"gate.json", "run.json", "manual-results.yaml"} <= set(files)
    assert [n for n in files if n.startswith("allure-results/manual-")]  # result + attachment
    assert all(len(digest) == 64 for digest in files.values())
    done = golive(project, "verify")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "每个文件都与清单一致" in done.stdout
    assert "项目中还没有针对任何证据的签字" in done.stdout


def test_one_changed_byte_is_a_change(project: Path) -> None:
    reports = sealed(project)
    (result,) = (reports / "allure-results").glob("manual-*-result.json")
    data = bytearray(result.read_bytes())
    data[-2] ^= 1  # one byte
    result.write_bytes(bytes(data))
    done = golive(project, "verify")
    assert done.returncode == 1
    assert f"已修改：allure-results/{result.name}" in done.stdout
    assert "1 处变化" in done.stdout


def test_a_removed_or_added_file_is_a_change(project: Path) -> None:
    reports = sealed(project)
    (reports / "junit.xml").unlink()
    (reports / "allure-results" / "forged-result.json").write_text("{}", "utf-8")
    done = golive(project, "--lang", "en", "verify")
    assert done.returncode == 1
    assert "removed: junit.xml" in done.stdout
    assert "added, not in the manifest: allure-results/forged-result.json" in done.stdout


def test_a_signoff_names_the_manifest_and_catches_a_resealed_bundle(project: Path) -> None:
    reports = sealed(project)
    signed = golive(project, "signoff", "AC-FIN-01", "--by", "李总", "--phase", "pilot")
    assert signed.returncode == 0, signed.stderr
    (entry,) = yaml.safe_load((project / "approvals.yaml").read_text("utf-8"))["signoffs"]
    assert entry["run"] == "r1" and len(entry["manifest"]) == 64
    done = golive(project, "verify")
    assert done.returncode == 0
    assert "李总" in done.stdout and "的签字正是针对这份证据" in done.stdout
    # someone changes a result and writes a new manifest to match: the sign-off says no
    (reports / "gate.md").write_text("# GO\n", "utf-8")
    facts = json.loads((reports / "run.json").read_text("utf-8"))
    write_manifest(reports, facts, "GO")
    done = golive(project, "verify")
    assert done.returncode == 1
    assert "签字之后证据清单被改过" in done.stdout


def test_a_bundle_is_verified_outside_its_project(project: Path, tmp_path_factory) -> None:
    reports = sealed(project)
    elsewhere = tmp_path_factory.mktemp("artifact")
    shutil.copytree(reports, elsewhere / "bundle")
    done = golive(elsewhere, "--lang", "en", "verify", "bundle")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every file matches its manifest" in done.stdout


def test_no_manifest_is_no_bundle(project: Path) -> None:
    (project / "reports").mkdir()
    done = golive(project, "verify")
    assert done.returncode == 2
    assert "no evidence manifest at" in done.stderr


def test_a_bundle_under_another_run_id_is_not_the_signed_one(project: Path) -> None:
    """The run a manifest names is its writer's word: a forger who changes a file and
    reseals under a new run id is caught by the sign-off's hash, not by the id."""
    reports = sealed(project)
    assert (
        golive(project, "signoff", "AC-FIN-01", "--by", "李总", "--phase", "pilot").returncode == 0
    )
    (reports / "gate.md").write_text("# GO\n", "utf-8")
    facts = {**json.loads((reports / "run.json").read_text("utf-8")), "run": "r2"}
    (reports / "run.json").write_text(json.dumps(facts), "utf-8")
    write_manifest(reports, facts, "GO")
    done = golive(project, "--lang", "en", "verify")
    assert done.returncode == 1
    assert "no sign-off covers this evidence (run r2): the evidence signed is of run(s) r1" in (
        done.stdout
    )


def test_a_signoff_refuses_changed_evidence_and_another_phase(project: Path) -> None:
    reports = sealed(project)
    other = golive(project, "signoff", "AC-FIN-01", "--by", "李总", "--phase", "rollout")
    assert other.returncode == 2
    assert "is of a pilot run" in other.stderr
    (reports / "junit.xml").write_text("<testsuites/>", "utf-8")
    changed = golive(project, "signoff", "AC-FIN-01", "--by", "李总", "--phase", "pilot")
    assert changed.returncode == 2
    assert "no longer matches its manifest" in changed.stderr
    assert not (project / "approvals.yaml").exists()


def test_a_link_in_a_bundle_is_a_change(project: Path) -> None:
    reports = sealed(project)
    (reports / "allure-results" / "elsewhere-result.json").symlink_to("/etc/hostname")
    done = golive(project, "--lang", "en", "verify")
    assert done.returncode == 1
    assert "added, not in the manifest: allure-results/elsewhere-result.json" in done.stdout
