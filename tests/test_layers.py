"""The layers of the tree (docs/architecture.md): core, site, plugins, and tools outside."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def test_the_layer_contracts_hold():
    """import-linter's contracts in pyproject.toml: no layer imports one above it, and the
    core imports nothing of Pelican."""
    linter = Path(sys.executable).with_name("lint-imports")
    completed = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "0 broken" in completed.stdout


def test_the_product_never_imports_the_tools():
    """The benchmark, its chart and the map maker are tools: the product runs without them."""
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / "collaborare").rglob("*.py"))
        for module in _imported_modules(path)
        if module == "tools" or module.startswith("tools.")
    ]
    assert offenders == []
