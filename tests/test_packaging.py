"""The wheel carries the schemas and the starter plan, byte for byte, and works installed."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from engine.resources import SCHEMA_NAMES
from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("backplan-*.whl")
    return built


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_wheel_data_is_identical_to_the_repository(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "engine/py.typed" in names
        for name in SCHEMA_NAMES:  # `backplan schema NAME` reads each one from the wheel
            assert f"engine/_data/schemas/{name}.schema.json" in names, name
        for folder, packaged in (
            ("schemas", "engine/_data/schemas"),
            ("rules", "engine/_data/rules"),
        ):
            source = _tree(REPO / folder)
            assert source, folder
            shipped = {
                name.removeprefix(packaged + "/"): archive.read(name)
                for name in names
                if name.startswith(packaged + "/")
            }
            assert shipped == source, f"{folder}/ and the wheel's {packaged}/ differ"
        plan_tests = archive.read("engine/_data/examples/plan-tests.yaml")
        assert plan_tests == (REPO / "examples" / "plan-tests.yaml").read_bytes()


def test_installed_wheel_evaluates_with_the_starter_plan(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # another package's docs/ beside engine/: the codes are still the shipped schemas' own
    (target / "docs").mkdir()
    (target / "docs" / "diagnostics.md").write_text("# Another package\n\n## Its codes\n")
    script = (
        "import sys, engine.resources as r, engine.scaffold as s;"
        "assert str(r.schemas_dir()).startswith(sys.argv[1]), r.schemas_dir();"
        "assert str(s.examples_dir()).startswith(sys.argv[1]), s.examples_dir();"
        "from engine.schema import fast_check;"  # the check kept compiled in the package
        "kept = fast_check('plan').__code__.co_filename;"
        "assert kept.startswith(sys.argv[1]) and kept.endswith('_fastcheck_plan.py'), kept;"
        # the models of the published formats import in an installed copy, which has no docs/
        # of its own (the page there is another package's)
        "import engine.errormodel as e, engine.diagnosticmodel as d, engine.codebook as c;"
        "assert c.PAGE.exists() and 'bad-json' in c.event_error_codes(), c.PAGE;"
        "assert 'yaml-syntax' in c.diagnostic_codes();"
        "from engine.cli import main; sys.argv[1:] = ['eval', '-']; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        input=b'{"id": "w1", "type": "x-none"}\n',
        capture_output=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["event_id"] == "w1"


def test_installed_wheel_init_copies_plan_schemas_and_plan_tests(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    script = "import sys; from engine.cli import main; sys.argv[1:] = ['init', 'mine']; main()"
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, check=False
    )
    assert run.returncode == 0, run.stderr.decode()
    written = tmp_path / "mine"
    assert (written / "examples" / "plan-tests.yaml").is_file()
    assert (written / "schemas" / "plan.schema.json").is_file()
    assert sorted(p.name for p in (written / "rules").iterdir()) == sorted(
        p.name for p in (REPO / "rules").iterdir()
    )
