"""Source checks shared by the tests of this repository (standard library only)."""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def modules(package: str) -> list[pathlib.Path]:
    """The package's Python files, __init__.py aside, sorted."""
    return sorted(p for p in (ROOT / package).glob("*.py") if p.name != "__init__.py")


def sources(package: str) -> list[pathlib.Path]:
    """All of the package's Python files, sorted."""
    return sorted((ROOT / package).glob("*.py"))


def module_names(package: str) -> list[str]:
    """Import names of the package and of each of its modules."""
    return [package] + [f"{package}.{p.stem}" for p in modules(package)]


def unused_imports(path: pathlib.Path) -> list[str]:
    """Names the module imports at top level but never uses (__future__ imports aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            imported += [(alias.asname or alias.name).split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            imported += [alias.asname or alias.name for alias in node.names]
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return sorted(name for name in imported if name not in used)


def identifiers(path: pathlib.Path) -> set[str]:
    """Every name the module defines, imports, reads or accesses as an attribute."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name)
    return names
