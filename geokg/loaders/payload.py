"""What a loader receives: one input's bytes and the options it is read with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    """One input's bytes. `name` is what messages show (the path as given, or the URL);
    `url` the final URL of a fetched input; `file_name` the base name of a file (None for a
    URL); `content_type` the HTTP media type of a fetched input; `max_bytes` the size limit
    in force (None: the default), for loaders that unpack archives; `strict`: a file with
    any bad record loads nothing (for loaders of record files such as JSON Lines)."""

    name: str
    data: bytes
    url: str | None = None
    file_name: str | None = None
    content_type: str | None = None
    max_bytes: int | None = None
    strict: bool = False

