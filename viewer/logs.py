"""Where problems are written: one line on stderr for the user, the details in a rotated log file.

Handled conditions (a damaged index rebuilt, a file that cannot be read) are one warning line; the
traceback, when there is one, goes to `archive-viewer.log` in the data directory (1 MB, 3 older files
kept), which the About dialog names. Nothing here ever raises: a log that cannot be written must not
cost the user anything.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
PREFIX = "archive-viewer: "
FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


_OURS = "_archive_viewer_handler"  # marks the handlers a LogSetup added, so a new one replaces them
OnUnexpected = Callable[[str], None]


def _remove_ours(root: logging.Logger) -> None:
    """Drop handlers an earlier LogSetup added; leave others' (pytest's capture) alone."""
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()


class OneLineFormatter(logging.Formatter):
    """The message on one line, with no traceback: what a user reads on the terminal."""

    def __init__(self, *, details: bool = False) -> None:
        super().__init__()
        self._details = details  # --verbose: developers get the traceback too

    def format(self, record: logging.LogRecord) -> str:
        text = " ".join(record.getMessage().split())
        if record.levelno >= logging.ERROR:
            text = f"{PREFIX}error: {text}"
        elif record.levelno >= logging.WARNING:
            text = f"{PREFIX}warning: {text}"
        else:
            text = f"{PREFIX}{text}"
        if self._details and record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


class _SaidOnce(logging.Filter):
    """The terminal hears a message once per process, however often a retry meets the same problem
    (the log file keeps every occurrence)."""

    def __init__(self) -> None:
        super().__init__()
        self._said: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if text in self._said:
            return False
        self._said.add(text)
        return True


class QuietRotatingFileHandler(RotatingFileHandler):
    """A rotating log that stays silent when it cannot write (read-only disk, another process rotating)."""

    def handleError(self, record: logging.LogRecord) -> None:
        return None

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        try:
            return bool(super().shouldRollover(record))
        except (OSError, ValueError):
            return False

    def doRollover(self) -> None:
        """Rotate; when another process holds the file open (Windows refuses the rename), keep
        appending to it instead of losing every later record: a later rotation will succeed."""
        try:
            super().doRollover()
        except OSError:
            if self.stream is None or self.stream.closed:
                self.stream = self._open()


class LogSetup:
    """The handlers this process installed, so the log file can be attached once the data dir is known."""

    def __init__(self, *, verbose: bool = False) -> None:
        self.verbose = verbose
        self.log_file: Path | None = None
        self._stderr = logging.StreamHandler(sys.stderr)
        self._stderr.setFormatter(OneLineFormatter(details=verbose))
        self._stderr.setLevel(logging.INFO if verbose else logging.WARNING)
        self._stderr.addFilter(_SaidOnce())
        setattr(self._stderr, _OURS, True)
        self.on_unexpected: OnUnexpected | None = None  # the window shows the line too
        self._file: QuietRotatingFileHandler | None = None

    def install(self) -> LogSetup:
        """Route the root logger to stderr (one line a record) and catch uncaught exceptions."""
        root = logging.getLogger()
        _remove_ours(root)
        if sys.stderr is not None:  # a windowed app on Windows has none: the log file is all there is
            root.addHandler(self._stderr)
        root.setLevel(logging.INFO)
        logging.raiseExceptions = False  # a failing handler never prints its own traceback
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        return self

    def attach_file(self, log_file: Path) -> Path | None:
        """Also write every record, with tracebacks, to `log_file`; None when it cannot be written."""
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            handler = QuietRotatingFileHandler(
                log_file, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
            )
            with open(log_file, "a", encoding="utf-8"):
                pass  # fail here, not on the first record, when the folder is read-only
        except OSError:
            return None
        handler.setFormatter(logging.Formatter(FILE_FORMAT))
        handler.setLevel(logging.INFO)
        root = logging.getLogger()
        for old in [h for h in root.handlers if isinstance(h, QuietRotatingFileHandler)]:
            root.removeHandler(old)
            old.close()
        setattr(handler, _OURS, True)
        root.addHandler(handler)
        self._file = handler
        self.log_file = log_file
        return log_file

    def close(self) -> None:
        """Flush and close the log file (tests open many setups in one process)."""
        if self._file is not None:
            logging.getLogger().removeHandler(self._file)
            self._file.close()
            self._file = None

    def where(self) -> str:
        """A clause naming the log file, for messages that point the user to the details."""
        return f"; details are in {self.log_file}" if self.log_file else ""

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self._notify(report_unexpected(exc, self, tb))

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            self._notify(report_unexpected(args.exc_value, self, args.exc_traceback))

    def _notify(self, line: str) -> None:
        """Tell the window too (from any thread: it queues the line to its own); never raise from a hook."""
        if self.on_unexpected is not None:
            with contextlib.suppress(Exception):
                self.on_unexpected(line)


def unexpected_line(exc: BaseException, setup: LogSetup | None) -> str:
    """The one line a user sees for an error nobody foresaw: what it was, and where the details are."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    where = setup.where() if setup is not None else ""
    return f"unexpected error ({type(exc).__name__}: {text}){where}"


def report_unexpected(exc: BaseException, setup: LogSetup | None, tb: TracebackType | None = None) -> str:
    """Log `exc` with its traceback (file) and one line (stderr); returns that line."""
    line = unexpected_line(exc, setup)
    logging.getLogger("viewer").error(line, exc_info=(type(exc), exc, tb or exc.__traceback__))
    return line
