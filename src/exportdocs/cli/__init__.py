"""The ``exportdocs`` command: render, validate, cost and follow orders from a terminal.

Commands (``exportdocs COMMAND --help`` shows each one's options and an example):

* ``demo OUTDIR`` renders the bundled sample order's document set (24 files);
* ``render ORDER...`` renders the documents of order files (JSON or TOML) and
  folders of them, on several processes at once (``--jobs``);
* ``validate ORDER...`` checks order files and reports every problem;
* ``cost ORDER`` shows the price build-up as a table;
* ``workflow ORDER [EVENT ...]`` shows an order's state and applies events;
* ``schema`` prints the JSON Schema of an order file.

Exit codes: 0 success; 1 an order or event was refused, or a file could not be
written; 2 the command line itself is wrong. (3, :data:`EXIT_PARTIAL`, is kept for
compatibility: ``demo`` no longer returns it, as exportdocs ships its own CJK font.)
Errors are one line each on stderr,
``exportdocs: error: FILE: FIELD PATH: MESSAGE (got VALUE)``; ``--debug`` shows
the traceback instead.

:func:`main` takes the arguments as a list and returns the exit code, so other
programs and the tests call it in-process:

>>> main(["schema", "--help"]) == 0  # doctest: +ELLIPSIS
usage: exportdocs schema ...
True
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from exportdocs.cli._parser import Runner, build_parser
from exportdocs.cli._text import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    PROG,
    error_lines,
)
from exportdocs.exceptions import ExportDocsError

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_FAILED", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``exportdocs`` command with ``argv`` (default ``sys.argv[1:]``); the exit code.

    Output goes to ``sys.stdout``, errors and the progress bar to ``sys.stderr``.
    Errors the library raises on purpose (and file errors) become one line each;
    ``--debug`` lets them through with their traceback.
    """
    out, err = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        # argparse gives positionals after an option to nobody ("ORDER --store x EVENT"):
        # the workflow's events are collected from the leftovers instead.
        args, extra = parser.parse_known_args(argv)
        if extra and (args.command != "workflow" or any(w.startswith("-") for w in extra)):
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        if extra:
            args.events = [*args.events, *extra]
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    run: Runner = args.run
    try:
        return run(args, out, err)
    except BrokenPipeError:
        # The reader went away (``exportdocs schema | head``): stop quietly, as Unix
        # tools do, with the shell's code for SIGPIPE.
        _silence(out)
        return EXIT_BROKEN_PIPE
    except (ExportDocsError, OSError) as exc:
        if args.debug:
            raise
        file = getattr(args, "order", None)
        err.write("\n".join(error_lines(exc, str(file) if file else None)) + "\n")
        return EXIT_FAILED
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n")
        return 130


#: The exit code after the reader of the output went away (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141


def _silence(stream: TextIO) -> None:
    """Point ``stream``'s file descriptor at the null device, so that the interpreter's
    last flush at exit does not fail again on the closed pipe."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not a real file (a test's StringIO)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


def console() -> None:  # pragma: no cover - the console-script entry point
    """Entry point of the installed ``exportdocs`` script."""
    sys.exit(main())
