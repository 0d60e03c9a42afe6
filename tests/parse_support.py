"""Shared by the parse-engine tests: the spaCy model they need, loaded once per session."""

from __future__ import annotations

import os

import pytest

from geokg.extract.parse.model import find_model, missing_message

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_parse_model() -> str:
    """The installed spaCy model's name. Without one the test fails in CI (the model is part
    of the CI install) and is skipped elsewhere, saying how to install it."""
    model = find_model()
    if model is None:
        if IN_CI:
            pytest.fail(f"the parse engine needs a spaCy model in CI: {missing_message()}")
        pytest.skip(missing_message())
    return model
