"""Remembered results of pure functions of one sentence.

News repeats itself: wire copy runs in many outlets, boilerplate closes every story, updates
restate the lede, and masked phrasings ('§0§ sanctioned §1§ on Monday.') recur far more often
than sentences. The extractor remembers what it found for the sentences seen last.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")

SENTENCES_REMEMBERED = 4096  # per memo: a few MB, the same at any corpus size


class Memo(Generic[Result]):
    """`function`'s results for the last `size` distinct arguments (an LRU cache). The function
    must be pure and its results immutable or copied by the caller. A pickled memo (sent to a
    spawned worker) arrives empty."""

    def __init__(self, function: Callable[..., Result], size: int = SENTENCES_REMEMBERED
                 ) -> None:
        self.function, self.size = function, size
        self._cached = lru_cache(maxsize=size)(function)

    def __call__(self, *args: Any) -> Result:
        return self._cached(*args)

    def forget(self) -> None:
        """Drop every remembered result."""
        self._cached.cache_clear()

    def hits(self) -> int:
        """How many calls were answered from memory (since the last `forget`)."""
        return self._cached.cache_info().hits

    def __reduce__(self) -> tuple[Any, ...]:
        return (Memo, (self.function, self.size))
