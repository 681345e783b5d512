"""The pytest this project pins keeps a folder's conftest fixtures whatever the order of the files named on
its command line: a maintainer runs `pytest tests/browser/a.py tests/b.py tests/browser/c.py` as often as
the whole suite (pytest 9.1 lost them there: pytest-dev/pytest#14971)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FILES = {
    "tests/conftest.py": "",
    "tests/test_top.py": "def test_top():\n    pass\n",
    "tests/sub/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef answer():\n    return 42\n",
    "tests/sub/test_a.py": "def test_a(answer):\n    assert answer == 42\n",
    "tests/sub/test_b.py": "def test_b(answer):\n    assert answer == 42\n",
}


def test_a_folder_s_fixtures_hold_when_the_files_named_leave_the_folder_and_come_back(tmp_path: Path):
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/sub/test_a.py", "tests/test_top.py", "tests/sub/test_b.py"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert run.returncode == 0, run.stdout[-2000:]
    assert "3 passed" in run.stdout
