"""``exportdocs render``: many order files, rendered on a pool of worker processes.

Each order is rendered by :func:`render_file`, in this process (``--jobs 1``, or a
single order) or in a worker process of a :class:`~concurrent.futures.ProcessPoolExecutor`.
The pool starts its workers with ``spawn`` on every platform, so what crosses to a
worker is plain and picklable: the order file's path and the :class:`Job` (option
values, never open files or fonts), and what comes back is an :class:`Outcome` of
paths and text lines. Every error of an order, expected or not, is turned into its
report lines inside :func:`render_file`, so a report reads the same whichever process
rendered the order.

The workers only *stage* an order's files (temporary names); the main process takes
the outcomes in input order (each as soon as those before it are in), refuses an order
whose files an earlier one already wrote (the same contract number), and *commits* the
others. Whatever the order in which the workers finish, the files, the output and the
exit code are the same.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import secrets
import sys
import traceback
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TextIO

import attrs

from exportdocs.cli._render import (
    Job,
    commit,
    discard,
    parse_documents,
    parse_formats,
    parse_languages,
    render_documents,
    report_files,
    stage,
    total_size,
)
from exportdocs.cli._text import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    Progress,
    error_lines,
    is_terminal,
)
from exportdocs.exceptions import ExportDocsError, Problem, ValidationError
from exportdocs.orderfile import load_order

__all__ = ["Outcome", "order_files", "render_all", "render_file", "run_render"]

#: The suffixes of the order files taken from a folder.
SUFFIXES = (".json", ".toml")


@attrs.frozen
class Outcome:
    """What became of one order file: its staged files, or the lines reporting its failure.

    ``number`` is the contract number once the file was read (even if rendering then
    failed), for the duplicate check.
    """

    name: str
    number: str | None = None
    staged: tuple[tuple[Path, Path], ...] = ()
    errors: tuple[str, ...] = ()


def _failure(exc: BaseException, name: str, debug: bool) -> tuple[str, ...]:
    """The report of an order's failure: one line per problem (``--debug``: the traceback)."""
    if debug:
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return (f"{PROG}: error: {name}:", *text.rstrip("\n").splitlines())
    if isinstance(exc, (ExportDocsError, OSError)):
        return tuple(error_lines(exc, name))
    message = str(exc).splitlines()[0] if str(exc) else ""
    return (
        f"{PROG}: error: {name}: unexpected {type(exc).__name__}"
        + (f": {message}" if message else "")
        + " (a bug in exportdocs; --debug shows the traceback)",
    )


def render_file(index: int, path: Path, job: Job) -> Outcome:
    """Read the order file at ``path``, render its documents and stage its files.

    The worker function of the pool (a top-level function, so ``spawn`` can find it).
    Never raises for an order's own failure: every ``Exception`` becomes the outcome's
    report lines; only an interruption (``KeyboardInterrupt``) goes through.
    """
    name = str(path)
    number: str | None = None
    try:
        order = load_order(path)
        number = order.contract.number
        files = render_documents(order, job, job.style())
        return Outcome(name, number, tuple(stage(files, job, index)))
    except Exception as exc:
        return Outcome(name, number, errors=_failure(exc, name, job.debug))


def _lost(name: str, exc: BaseException) -> Outcome:
    """The outcome of an order whose worker process stopped (killed, out of memory...)."""
    reason = str(exc) or type(exc).__name__
    return Outcome(
        name,
        errors=(f"{PROG}: error: {name}: its worker process stopped unexpectedly ({reason})",),
    )


def _worker_count(jobs: int, orders: int) -> int:
    workers = min(jobs, orders)
    if sys.platform == "win32":  # ProcessPoolExecutor's limit there
        workers = min(workers, 61)
    return max(workers, 1)


def render_all(
    paths: Sequence[Path], job: Job, jobs: int, progress: Progress
) -> Generator[Outcome, None, None]:
    """Render every order file on ``jobs`` processes; the outcomes in input order.

    Each outcome is yielded as soon as it and all those before it are there, so the
    files of the first orders can be committed while the workers render the others.
    One worker (``jobs`` 1 or a single file) renders in this process, without a pool.
    """
    workers = _worker_count(jobs, len(paths))
    if workers == 1:
        for index, path in enumerate(paths):
            outcome = render_file(index, path, job)
            progress.step(str(path))
            yield outcome
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[Future[Outcome], int] = {
            pool.submit(render_file, index, path, job): index for index, path in enumerate(paths)
        }
        ready: dict[int, Outcome] = {}
        following = 0  # the index of the next outcome to yield
        try:
            for future in as_completed(futures):
                index = futures[future]
                name = str(paths[index])
                try:
                    ready[index] = future.result()
                except Exception as exc:  # the worker died or its result could not come back
                    ready[index] = _lost(name, exc)
                progress.step(name)
                while following in ready:
                    yield ready.pop(following)
                    following += 1
        except BaseException:  # interrupted: stop at once (run_render sweeps up staged files)
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    assert following == len(paths)  # as_completed went through every future


def order_files(inputs: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The order files named on the command line, and the error lines of empty folders.

    A folder stands for its ``*.json`` and ``*.toml`` files (not its sub-folders or
    hidden files), sorted by name; a file named twice (also through its folder) is
    rendered once. Anything else is kept as given, for :func:`load_order` to refuse.
    """
    files: list[Path] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for given in inputs:
        found = [given]
        if given.is_dir():
            found = sorted(
                (
                    p
                    for p in given.iterdir()
                    if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file()
                ),
                key=lambda p: p.name,
            )
            if not found:
                problems.append(
                    f"{PROG}: error: {given}: no order files (*.json, *.toml) in this folder"
                )
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files, problems


class _Committer:
    """Commits the outcomes, given in input order; keeps the files written and the failures.

    An order whose contract number (or one of whose files) an earlier order of the run
    already has is refused, as its files would overwrite the earlier ones.
    """

    def __init__(self) -> None:
        self.written: list[Path] = []
        self.failed: list[tuple[str, ...]] = []
        self.numbers: dict[str, str] = {}  # contract number: the first order file with it
        self.owners: dict[Path, str] = {}  # file written: the order file it came from

    def add(self, outcome: Outcome) -> None:
        """Commit ``outcome``'s files, or record why they are not written."""
        number = outcome.number
        earlier = self.numbers.get(number) if number is not None else None
        reason = "has the same contract number"
        if earlier is None:
            if number is not None:
                self.numbers[number] = outcome.name
            earlier = next((self.owners[f] for _, f in outcome.staged if f in self.owners), None)
            reason = "writes files of the same names"
        if earlier is not None:
            discard(outcome.staged)
            problem = Problem(
                "contract.number", number, f"{earlier} {reason}; its files would be overwritten"
            )
            self.failed.append(tuple(error_lines(ValidationError([problem]), outcome.name)))
            return
        if outcome.errors:
            self.failed.append(outcome.errors)
            return
        try:
            done = commit(outcome.staged)
        except OSError as exc:
            self.failed.append(tuple(error_lines(exc, outcome.name)))
            return
        self.owners.update((path, outcome.name) for path in done)
        self.written += done


def run_render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Render every order file; a bad one is reported and the others are still rendered.

    The progress bar (on stderr) shows only when both stdout and stderr are terminals.
    """
    try:
        job = Job(
            parse_documents(args.doc),
            parse_formats(args.format),
            parse_languages(args.lang),
            args.outdir,
            args.cjk_font,
            args.system_fonts,
            bool(args.debug),
            secrets.token_hex(4),
        )
    except ValidationError as exc:
        err.write("\n".join(error_lines(exc)) + "\n")
        return EXIT_USAGE
    job.style()  # a font asked for and missing: one error (exit 1) before any work
    paths, problems = order_files(args.orders)
    jobs: int = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    progress = Progress(len(paths), err, enabled=is_terminal(out) and is_terminal(err))
    committer = _Committer()
    try:
        outcomes = render_all(paths, job, jobs, progress)
        try:
            for outcome in outcomes:
                committer.add(outcome)
        finally:
            outcomes.close()  # on an error here, stops the pool before the sweep below
            progress.done()
    finally:
        for leftover in job.leftovers():  # only after an interruption or a lost worker
            leftover.unlink(missing_ok=True)
    written, failed = committer.written, committer.failed
    for lines in [(p,) for p in problems] + failed:
        err.write("\n".join(lines) + "\n")
    report_files(written, out)
    done = len(paths) - len(failed)
    out.write(
        f"{done} of {len(paths)} orders rendered: {len(written)} files, "
        f"{total_size(written)}, in {args.outdir}\n"
    )
    return EXIT_FAILED if failed or problems else EXIT_OK
