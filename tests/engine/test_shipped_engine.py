"""What ships to the browser is the engine folder itself, and it needs nothing beyond the standard
library; every fact of the domain's vocabulary is defined once."""
import json
import re
import subprocess
import sys
import zipfile

from engine_helpers import REPO

from plugins.runtime.files import zip_engine
from pyscript_tools.authoring.schema import SCHEMAS
from pyscript_tools.engine import vocabulary

ENGINE = REPO / "pyscript_tools" / "engine"
CODE = [p for folder in ("pyscript_tools", "plugins", "overrides") for p in (REPO / folder).rglob("*")
        if p.suffix in (".py", ".js", ".html") and "__pycache__" not in p.parts]


def test_the_archive_is_exactly_the_engine_folder(tmp_path):
    archive = zip_engine(ENGINE, tmp_path / "engine.zip", "pyscript_tools.engine")
    names = zipfile.ZipFile(archive).namelist()
    files = {f"pyscript_tools/engine/{p.relative_to(ENGINE).as_posix()}" for p in ENGINE.rglob("*.py")}
    folders = {f"pyscript_tools/engine/{p.relative_to(ENGINE).as_posix()}/" for p in ENGINE.rglob("*")
               if p.is_dir() and p.name != "__pycache__"} | {"pyscript_tools/", "pyscript_tools/engine/"}
    assert set(names) == files | folders
    assert len(names) == len(set(names))


ISOLATED = """
import importlib, pkgutil, sys
sys.path.insert(0, sys.argv[1])
before = set(sys.modules)
import pyscript_tools.engine as engine
for module in pkgutil.walk_packages(engine.__path__, "pyscript_tools.engine."):
    importlib.import_module(module.name)
outside = sorted(m for m in set(sys.modules) - before
                 if m.split(".")[0] not in sys.stdlib_module_names and m != "pyscript_tools"
                 and not m.startswith("pyscript_tools.engine"))
print(",".join(outside))
"""


def test_the_shipped_engine_imports_only_the_standard_library(tmp_path):
    """In an isolated interpreter (no site-packages, no environment), every module imports straight
    from the archive, as the browser imports it (never unpacked)."""
    archive = zip_engine(ENGINE, tmp_path / "engine.zip", "pyscript_tools.engine")
    run = subprocess.run([sys.executable, "-I", "-S", "-c", ISOLATED, str(archive)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "", "imported from outside the standard library: " + run.stdout


def test_every_label_of_the_vocabulary_is_defined_once_in_code():
    labels = [*vocabulary.STAGES.values(), *vocabulary.APPROACHES.values(), *vocabulary.STATUSES.values(),
              vocabulary.ID_PATTERN]
    for label in labels:
        found = [str(p.relative_to(REPO)) for p in CODE for _ in re.finditer(re.escape(f'"{label}"'), p.read_text())]
        assert found == ["pyscript_tools/engine/vocabulary.py"], (label, found)


def test_the_editors_schema_uses_the_engines_vocabulary():
    """The JSON Schema that editors' tools read lists the same stages, approaches and kinds."""
    schema = json.loads((SCHEMAS / "questionnaire.schema.json").read_text())
    enums = [set(node["enum"]) for node in _walk(schema) if isinstance(node, dict) and "enum" in node]
    for values in (vocabulary.STAGES, vocabulary.APPROACHES, vocabulary.KINDS):
        assert set(values) in enums, sorted(values)


def _walk(node):
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        yield from _walk(child)
