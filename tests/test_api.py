"""The public face: `import geokg` names the Python API, and its docstring example runs."""

from __future__ import annotations

import doctest
import importlib

import geokg


def test_every_public_name_resolves_to_its_module():
    for name in geokg.__all__:
        value = getattr(geokg, name)
        assert getattr(importlib.import_module(value.__module__), name) is value


def test_the_docstring_example_runs():
    result = doctest.testmod(geokg, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5 and result.failed == 0


def test_an_unknown_name_is_an_attribute_error():
    try:
        geokg.nothing_here  # noqa: B018
    except AttributeError as exc:
        assert "nothing_here" in str(exc)
    else:
        raise AssertionError("geokg.nothing_here resolved")
