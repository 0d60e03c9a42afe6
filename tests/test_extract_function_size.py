"""Every function in geokg/extract/ stays readable: a body of at most MAX_BODY_LINES lines
(its docstring not counted) and at most MAX_PARAMETERS parameters (self and cls not counted).
A function past either limit wants splitting, or an object for its parameters (as the
engines get one `SentenceContext`)."""

import ast
from pathlib import Path

import pytest

EXTRACT = Path(__file__).resolve().parents[1] / "geokg" / "extract"
MAX_BODY_LINES = 60
MAX_PARAMETERS = 7


def _functions() -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found = []
    for path in sorted(EXTRACT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append((f"{path.relative_to(EXTRACT)}:{node.name}", node))
    return found


def body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first statement after the docstring to the function's last line."""
    body = node.body
    if (len(body) > 1 and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
        body = body[1:]
    return (node.end_lineno or node.lineno) - body[0].lineno + 1


def parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    args = node.args
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    return len([n for n in names if n not in {"self", "cls"}])


def test_the_checks_see_the_extract_package():
    names = [name for name, _ in _functions()]
    assert len(names) > 100 and any(n.endswith(":extract") for n in names)


def test_counting_rules():
    tree = ast.parse('def f(self, a, *b, c, **d):\n    """Doc."""\n    x = 1\n\n    return x\n')
    (node,) = tree.body
    assert (body_lines(node), parameters(node)) == (3, 4)


FUNCTIONS = _functions()


@pytest.mark.parametrize(("name", "node"), FUNCTIONS, ids=[name for name, _ in FUNCTIONS])
def test_function_is_short_with_few_parameters(name, node):
    assert body_lines(node) <= MAX_BODY_LINES, f"{name}: {body_lines(node)} lines"
    assert parameters(node) <= MAX_PARAMETERS, f"{name}: {parameters(node)} parameters"
