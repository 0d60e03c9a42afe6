"""What the `geokg` commands share beyond their options: the one error boundary (exit codes,
a closed stdout, SIGINT / SIGTERM) and opening the store (a read command never creates one).

Exit codes: 0 ok (also when the reader of stdout went away, as `geokg stats | head -1`),
1 runtime error (one line, no traceback unless --debug), 2 usage error, 130 interrupted
(SIGINT, Ctrl-C), 143 terminated (SIGTERM). An interrupted command ends inside the store's
transaction handling, so an ingest keeps whole articles only.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from geokg.graph.backends import open_store
from geokg.graph.errors import GeokgError, StoreError, UsageError
from geokg.graph.store import GraphStore
from geokg.terminal import clean

INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
TERMINATED = 143  # 128 + SIGTERM


class Terminated(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error
    """Raised in the main process by SIGTERM, so that a command unwinds as for Ctrl-C."""


def _on_sigterm(_signum: int, _frame: Any) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the unwinding must not be cut
    raise Terminated


@contextmanager
def sigterm_unwinds():
    """SIGTERM raises `Terminated` while the command runs (in the main thread only); worker
    processes reset it to the default on start (`geokg.parallel`)."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (e.g. an embedding application): leave it
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _quiet_stdout() -> None:
    """The reader of stdout went away: send what is left to /dev/null, so that neither this
    command nor the interpreter's last flush reports a broken pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (a test runner's capture)
        pass


def _broken_pipe(exc: BaseException) -> bool:
    return isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError)
                                                and exc.errno == errno.EPIPE)


class GeokgGroup(click.Group):
    """A click group with the CLI's one error boundary: a `GeokgError` (or an OS error) is
    one line and exit code 1, a `UsageError` exit code 2; a closed stdout ends the command
    quietly with 0, SIGINT with 130 and SIGTERM with 143; anything else is a bug, named as
    such (`--debug` shows its traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with sigterm_unwinds():
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(INTERRUPTED)
        except Terminated:
            click.echo("terminated", err=True)
            ctx.exit(TERMINATED)
        except Exception as exc:  # noqa: BLE001 - the CLI's single error boundary
            if _broken_pipe(exc):
                _quiet_stdout()
                ctx.exit(0)
            if ctx.meta.get("geokg.debug"):
                raise
            message = clean(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            if isinstance(exc, GeokgError | OSError):
                click.echo(f"error: {message}", err=True)
            else:  # a bug: name the exception, offer the traceback
                click.echo(f"error: {type(exc).__name__}: {message} (run with --debug for "
                           "details)", err=True)
            ctx.exit(2 if isinstance(exc, UsageError) else 1)


def missing_store(db: str | Path) -> StoreError:
    """The one line of a read command on an embedded store that does not exist."""
    return StoreError(f"no geokg store at {clean(db)}: run `geokg ingest` or `geokg demo` "
                      "first")


def require_store(db: str | Path) -> None:
    """StoreError (exit 1) unless the embedded store file `db` exists; nothing is created."""
    if not Path(db).is_file():
        raise missing_store(db)


def command_store(ctx: click.Context, read_only: bool = False) -> GraphStore:
    """The command's store, opened at its first use (`read_only` for commands that only
    read: nothing is written, a missing embedded store is an error, and they work on
    read-only media)."""
    options = ctx.obj
    if "store" not in options:
        if read_only and options["kind"] == "embedded":
            require_store(options["db"])
        options["store"] = open_store(options["kind"], options["db"], read_only=read_only,
                                      **options["neo4j"])
        ctx.call_on_close(options["store"].close)
    return options["store"]
