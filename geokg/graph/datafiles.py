"""Built-in data files (YAML) with a user's file merged in: how the vocabulary and the word
lists are read."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml


def load_data(default: Path, extra_file: str | None, env_var: str,
              merge: Callable[[dict, dict], dict]) -> dict[str, Any]:
    """The document of `default`, with `extra_file` (else the file `$env_var` names, if set)
    merged in by `merge(built_in, user)`; an empty user file adds nothing."""
    data = yaml.safe_load(default.read_text(encoding="utf-8"))
    extra_file = extra_file or os.environ.get(env_var)
    if extra_file:
        data = merge(data, yaml.safe_load(Path(extra_file).read_text(encoding="utf-8")) or {})
    return data
