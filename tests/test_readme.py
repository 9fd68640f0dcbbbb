"""The README's promise: its test command is what CI runs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text("utf-8").splitlines()
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    test_command = next(line for line in readme if "pytest" in line and line.startswith("python3 -m venv"))
    assert test_command in ci
    start_command = next(line for line in readme if line.startswith("python3 -m venv") and "dtworkshop --sessions" in line)
    assert start_command.startswith(test_command.split(" && ")[0])
