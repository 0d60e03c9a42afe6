"""The input of a cluster run as shards: files listed lazily (local paths, folders, fsspec URLs
such as `s3://bucket/news/`), grouped into shards of whole files that a worker reads itself.

A shard is the unit of work and of retry: it closes at `SHARD_FILES` files or `SHARD_BYTES`
bytes, so a task carries seconds of extraction and a worker holds one shard's text at a time.
A single file is never split (split a huge JSON Lines file beforehand, e.g. `split -l 10000`).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from geokg.loaders.fetch import is_url
from geokg.loaders.registry import wanted_in_folder
from geokg.pipeline import RunReport, iter_files

SHARD_FILES = 256
SHARD_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Shard:
    """Consecutive input files, numbered in input order (`index` orders the results)."""

    index: int
    files: tuple[str, ...]


@dataclass
class ShardOutcome:
    """What a worker made of one shard: its fragments (in input order) and its report."""

    index: int
    files: tuple[str, ...] = ()
    fragments: list = field(default_factory=list)
    report: RunReport = field(default_factory=RunReport)


def is_fsspec_url(path: str | Path) -> bool:
    """Whether an input names a file or folder for fsspec (`s3://`, `gs://`, `file://`...);
    http(s) URLs are web pages, fetched by the loaders."""
    return isinstance(path, str) and "://" in path and not is_url(path)


def _fsspec_files(url: str, report: RunReport) -> Iterator[tuple[str, int]]:
    """(URL, size) of a remote file, or of the supported files under a remote folder,
    one directory listing at a time (sorted, like local folders)."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(url)
    protocol = url.split("://", 1)[0]
    try:
        if not fs.isdir(root):
            if not fs.exists(root):
                report.errors.append(f"{url}: no such file or folder")
                return
            yield url, int(fs.size(root) or 0)
            return
        for folder, dirs, files in fs.walk(root, detail=True):
            ordered = sorted(dirs.items())  # the walk descends in the order of this dict
            dirs.clear()
            dirs.update(ordered)
            for name in sorted(files):
                if wanted_in_folder(name):  # as in local folders
                    info = files[name]
                    yield (f"{protocol}://{folder.rstrip('/')}/{name}",
                           int(info.get("size") or 0))
    except OSError as exc:
        report.errors.append(f"{url}: cannot list ({exc})")


def iter_inputs(paths: Iterable[str | Path], report: RunReport) -> Iterator[tuple[str, int]]:
    """(file, size in bytes) for every input file, lazily and in input order; missing paths
    and unlistable folders become report errors, as with `ingest`."""
    for path in paths:
        if is_fsspec_url(path):
            yield from _fsspec_files(str(path), report)
            continue
        for file in iter_files([path], report):
            size = 0
            if not is_url(file):
                with contextlib.suppress(OSError):
                    size = Path(file).stat().st_size
            yield str(file), size


def make_shards(files: Iterable[tuple[str, int]], most_files: int = SHARD_FILES,
                most_bytes: int = SHARD_BYTES) -> Iterator[Shard]:
    """Consecutive files in shards of at most `most_files` files, closed once they hold
    `most_bytes` bytes."""
    batch: list[str] = []
    size = index = 0
    for file, nbytes in files:
        batch.append(file)
        size += nbytes
        if len(batch) >= most_files or size >= most_bytes:
            yield Shard(index, tuple(batch))
            batch, size, index = [], 0, index + 1
    if batch:
        yield Shard(index, tuple(batch))


@contextlib.contextmanager
def local_files(files: Iterable[str], max_bytes: int | None,
                report: RunReport) -> Iterator[tuple[list[Path | str], dict[str, str]]]:
    """The files as local paths (fsspec URLs copied into a temporary folder, keeping their
    names; http(s) URLs stay as they are), and {local path: URL} to name them in messages.
    A remote file that cannot be read or is larger than the limit becomes a report error."""
    from geokg.loaders.readers import max_file_bytes

    limit = max_bytes if max_bytes is not None else max_file_bytes()
    with tempfile.TemporaryDirectory(prefix="geokg-shard-") as scratch:
        local: list[Path | str] = []
        names: dict[str, str] = {}
        for number, file in enumerate(files):
            if not is_fsspec_url(file):
                local.append(file if is_url(file) else Path(file))
                continue
            import fsspec

            target = Path(scratch) / str(number) / PurePosixPath(file.split("://", 1)[1]).name
            target.parent.mkdir()
            try:
                with fsspec.open(file, "rb") as handle:
                    data = handle.read(limit + 1)
            except OSError as exc:
                report.files += 1
                report.errors.append(f"{file}: cannot read ({exc})")
                continue
            if len(data) > limit:
                report.files += 1
                report.errors.append(f"{file}: larger than {limit:,} bytes (use --max-bytes "
                                     "or GEOKG_MAX_FILE_BYTES to allow more)")
                continue
            target.write_bytes(data)
            local.append(target)
            names[str(target)] = file
        yield local, names


def name_remote(report: RunReport, names: dict[str, str]) -> None:
    """Messages of the report name remote files by their URL, not their local copy."""
    for local, url in names.items():
        report.errors[:] = [e.replace(local, url) for e in report.errors]
        report.warnings[:] = [w.replace(local, url) for w in report.warnings]
