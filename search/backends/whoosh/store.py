"""The index directory ``PATH``: the live index, rebuild journals, locks, opening and searching.

Layout of ``PATH``::

    current -> index-20251113T101500-1a2b3c4d   (symlink, swapped atomically with os.replace)
    index-20251113T101500-1a2b3c4d/              (a complete Whoosh index)
    journal-index-...                            (while a rebuild runs: changes to replay)

Searches always read the directory ``current`` points to. A rebuild writes a fresh directory,
replays the changes that were written to the live index meanwhile (recorded in the journal), and
then swaps the link: searches keep working during a rebuild, and a killed rebuild leaves the live
index as it was. A missing, corrupt or incompatible index raises :class:`IndexUnavailable`;
``update_index`` / ``rebuild_modelsearch_index`` repairs it.
"""

import contextlib
import fcntl
import json
import logging
import os
import pickle
import secrets
import shutil
import socket
import struct
import threading
import time
import zlib

from whoosh import index as windex

from .columns import cache_columns
from .schema import INDEX_FORMAT, build_schema
from .writing import (
    BulkWriter,
    IndexWriter,
    add_documents,
    bulk_codec,
    keep_segments,
    merge_due,
    merge_tiers,
)

logger = logging.getLogger(__name__)

# How often opening a searcher is tried when a file vanished under a concurrent commit.
OPEN_ATTEMPTS = 12

# A rebuild journal older than this (or of a dead process on this host) is abandoned.
STALE_BUILD_SECONDS = 24 * 3600


class IndexUnavailable(Exception):  # noqa: N818 - public name, reads well in `except`
    """The search index is missing, corrupt, or was built for other settings.

    Searching cannot continue; rebuilding (``manage.py update_index`` or
    ``rebuild_modelsearch_index``) repairs the index.
    """


class IndexLocked(IndexUnavailable):  # noqa: N818
    """Another writer held the index write lock for longer than ``LOCK_TIMEOUT`` seconds."""


class IndexMissing(IndexUnavailable):  # noqa: N818
    """No index exists although the database holds content: a write does not create an empty
    one (searches would then answer with wrong counts); ``update_index`` builds it."""


# Errors that mean "the files on disk are not a usable Whoosh index".
CORRUPTION_ERRORS = (
    windex.IndexError,
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    AttributeError,  # an unpicklable schema (code changed since the index was written)
    ImportError,
    ValueError,
    KeyError,
    IndexError,
)
READ_ERRORS = (OSError, EOFError, struct.error, zlib.error, pickle.UnpicklingError)


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# A merge requested this long ago and not begun (its task was lost) is requested again.
STALE_MERGE_REQUEST_SECONDS = 600

# Opened index objects per directory (see ``IndexStore.open``).
_open_indexes = {}
_open_indexes_lock = threading.Lock()


# Searchers are cached per thread and index directory (Whoosh searchers are not shared
# between threads); backends are instantiated often, so the cache lives at module level.
_local = threading.local()


class IndexStore:
    """The directory ``PATH``: the live index behind ``current``, builds, journals and locks."""

    CURRENT = "current"
    MERGE_REQUEST = "merge-requested"

    def __init__(self, path, language, lock_timeout, build_procs=1):
        self.path = os.path.abspath(path)
        self.language = language
        self.lock_timeout = lock_timeout
        self.build_procs = build_procs
        #: The index directory this store's last write left a tier of segments to merge in
        #: (see ``merge``), or ``None``.
        self.merge_wanted = None

    # -- directories -------------------------------------------------------------------------

    def current_dir(self):
        """Return the live index directory, or ``None`` if no index was ever built here."""
        try:
            target = os.readlink(os.path.join(self.path, self.CURRENT))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise IndexUnavailable(
                f"{self.path}/{self.CURRENT} is not a link to an index; rebuild the search index."
            ) from exc
        return os.path.join(self.path, target)

    def new_dir(self):
        """Create an empty index directory (not live yet) and return its path."""
        os.makedirs(self.path, exist_ok=True)
        name = f"index-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"
        directory = os.path.join(self.path, name)
        os.makedirs(directory)
        windex.create_in(directory, build_schema(self.language))
        with open(os.path.join(directory, "meta.json"), "w", encoding="utf-8") as fh:
            json.dump({"format": INDEX_FORMAT, "language": self.language}, fh)
        return directory

    def _activate(self, directory):
        """Point ``current`` at ``directory`` atomically and remove unused index directories."""
        tmp = os.path.join(self.path, f".current-{secrets.token_hex(6)}")
        os.symlink(os.path.basename(directory), tmp)
        os.replace(tmp, os.path.join(self.path, self.CURRENT))
        self._cleanup(keep=directory)

    def _cleanup(self, keep):
        active = {os.path.basename(keep)}
        for journal, name in self._journals(include_stale=True):
            if self._journal_is_stale(journal):
                with contextlib.suppress(OSError):
                    os.remove(journal)
            else:
                active.add(name)
        for entry in os.listdir(self.path):
            if entry.startswith("index-") and entry not in active:
                # Open searchers elsewhere keep their files until they close (POSIX semantics).
                shutil.rmtree(os.path.join(self.path, entry), ignore_errors=True)

    def ensure(self):
        """Create an empty live index if none was ever built; return its directory.

        Processes creating it at once take turns (a lock file in ``PATH``): otherwise the
        second would swap in its own empty index and remove the first one's, with whatever
        the first had written to it meanwhile.
        """
        directory = self.current_dir()
        if directory is not None:
            return directory
        os.makedirs(self.path, exist_ok=True)
        with open(os.path.join(self.path, ".create.lock"), "a+b") as lock:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise IndexLocked(
                            f"Creating the search index in {self.path} took over "
                            f"{self.lock_timeout} s."
                        ) from None
                    time.sleep(0.02)
            try:
                directory = self.current_dir()
                if directory is None:
                    directory = self.new_dir()
                    self._activate(directory)
                    logger.info("Created an empty search index in %s", directory)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        return directory

    def reset(self):
        """Replace the live index by an empty one (the old one is removed only after the swap)."""
        self._activate(self.new_dir())

    # -- opening -----------------------------------------------------------------------------

    def open(self, directory, cached=False):
        """Open the index in ``directory``, raising :class:`IndexUnavailable` if unusable.

        ``cached``: reuse an index object opened before in this process (its schema and
        storage never change; writers and searchers read the current segments themselves).
        """
        if cached:
            ix = _open_indexes.get(directory)
            if ix is not None:
                return ix
        try:
            with open(os.path.join(directory, "meta.json"), encoding="utf-8") as fh:
                meta = json.load(fh)
            ix = windex.open_dir(directory)
        except CORRUPTION_ERRORS as exc:
            raise IndexUnavailable(
                f"The search index in {directory} cannot be opened ({exc!r}); rebuild it."
            ) from exc
        if meta.get("format") != INDEX_FORMAT or meta.get("language") != self.language:
            raise IndexUnavailable(
                f"The search index in {directory} was built with {meta}, but the backend is "
                f"configured for language {self.language!r}; rebuild it."
            )
        if cached:
            with _open_indexes_lock:
                _open_indexes[directory] = ix
                while len(_open_indexes) > 8:
                    _open_indexes.pop(next(iter(_open_indexes)))
        return ix

    @contextlib.contextmanager
    def searcher(self, refresh=True):
        """Yield an up-to-date searcher on the live index (cached per thread).

        With ``refresh=False`` a cached searcher is used even if the index changed since.
        """
        directory = self.current_dir()
        if directory is None or not os.path.isdir(directory):
            raise IndexUnavailable(
                f"No search index in {self.path}; run `manage.py update_index` to build it."
            )
        cache = getattr(_local, "searchers", None)
        if cache is None:
            cache = _local.searchers = {}
        searcher = cache.get(directory)
        try:
            if searcher is None:
                for stale_dir in [d for d in cache if d.startswith(self.path + os.sep)]:
                    with contextlib.suppress(Exception):  # noqa: BLE001 - best-effort close
                        cache.pop(stale_dir).close()
                searcher = self._open_searcher(directory)
            elif refresh and not searcher.up_to_date():
                # Not Searcher.refresh(): it reuses segment readers by segment and so keeps
                # their old deletion lists (and re-adds merged-away segments).
                with contextlib.suppress(Exception):  # noqa: BLE001 - best-effort close
                    searcher.close()
                searcher = self._open_searcher(directory)
        except IndexUnavailable:
            raise
        except CORRUPTION_ERRORS as exc:
            cache.pop(directory, None)
            raise IndexUnavailable(
                f"The search index in {directory} cannot be read ({exc!r}); rebuild it."
            ) from exc
        cache[directory] = searcher
        try:
            yield searcher
        except READ_ERRORS as exc:
            cache.pop(directory, None)
            raise IndexUnavailable(
                f"The search index in {directory} cannot be read ({exc!r}); rebuild it."
            ) from exc

    def _open_searcher(self, directory):
        """A new searcher on the index in ``directory``, retried when a file vanished.

        Whoosh lists the directory for the newest table of contents (``_MAIN_<gen>.toc``) and
        then opens it and the segments it names; a commit in another process in between writes
        a newer one and removes the old one (and segments merged away). A fresh listing finds
        the new one, so a missing file is retried a few times before the index counts as
        unusable (issue 11, M4). A directory that is gone (swapped out by a rebuild) is not.
        """
        for attempt in range(OPEN_ATTEMPTS):
            try:
                return cache_columns(self.open(directory).searcher())
            except (IndexUnavailable, FileNotFoundError) as exc:
                missing = isinstance(exc, FileNotFoundError) or isinstance(
                    exc.__cause__, FileNotFoundError
                )
                if not missing or attempt == OPEN_ATTEMPTS - 1 or not os.path.isdir(directory):
                    raise
                logger.info("Index file vanished while opening %s; retrying", directory)
            time.sleep(min(0.05, 0.002 * (attempt + 1)))
        raise AssertionError("unreachable")  # pragma: no cover

    def writer(self, ix, bulk=False, **kwargs):
        """Return a writer, waiting up to ``lock_timeout`` seconds for the write lock.

        ``bulk``: a writer for adding many documents to a fresh index (see ``BulkWriter``).
        Every writer leaves posting blocks uncompressed (``bulk_codec``).
        """
        try:
            kwargs.setdefault("codec", bulk_codec())
            writer_class = BulkWriter if bulk else IndexWriter
            return writer_class(ix, timeout=self.lock_timeout, delay=0.05, **kwargs)
        except windex.LockError as exc:
            raise IndexLocked(
                f"The search index in {ix.storage.folder} stayed locked for {self.lock_timeout} s."
            ) from exc

    def write(self, directory, *, docs=(), delete_keys=()):
        """Apply deletions and (insert-or-replace) documents to the index in ``directory``.

        The change is one small segment, committed at once (the next search sees it); nothing
        is merged here. ``merge_wanted`` tells whether a tier of segments now waits for
        :meth:`merge` (the index task asks for one, see :meth:`request_merge`).
        """
        ix = self.open(directory, cached=True)
        writer = self.writer(ix)
        try:
            for key in delete_keys:
                writer.delete_by_term("id", key)
            if docs:
                add_documents(
                    writer,
                    docs,
                    known=lambda word: writer.has_word("rev", word[::-1]),
                    replace=True,
                )
            segments = keep_segments(writer, writer.segments)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=keep_segments)
        due = merge_due(segments + ([writer.get_segment()] if docs else []))
        self.merge_wanted = directory if due and directory == self.current_dir() else None

    # -- merges --------------------------------------------------------------------------------

    def request_merge(self):
        """Ask for a merge if this store's last write left one due; ``True`` if the caller
        should start one (no other request is pending: a request file in the index directory,
        taken back by :meth:`merge`, or older than ``STALE_MERGE_REQUEST_SECONDS``)."""
        directory, self.merge_wanted = self.merge_wanted, None
        if directory is None:
            return False
        marker = os.path.join(directory, self.MERGE_REQUEST)
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return True
        except FileExistsError:
            try:
                if time.time() - os.path.getmtime(marker) < STALE_MERGE_REQUEST_SECONDS:
                    return False
                os.utime(marker)
            except OSError:
                pass
            return True
        except OSError:
            return True

    def merge(self):
        """Merge the live index's segments in tiers (``writing.merge_tiers``) in one commit;
        return the number of segments merged (or dropped as empty). Single writes leave this
        to a task of its own, so a write never waits for a merge; searches go on meanwhile,
        and a merge killed midway leaves the index as it was (it commits like any write)."""
        directory = self.current_dir()
        if directory is None or not os.path.isdir(directory):
            return 0
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(directory, self.MERGE_REQUEST))
        ix = self.open(directory, cached=True)
        writer = self.writer(ix)
        before = len(writer.segments)
        if not merge_due(writer.segments):
            writer.cancel()
            return 0
        try:
            remaining = merge_tiers(writer, writer.segments)
        except BaseException:
            writer.cancel()
            raise
        merged = before - len(remaining)
        writer.commit(mergetype=lambda _writer, _segments: remaining)
        return merged

    # -- rebuild journals ----------------------------------------------------------------------

    def _journal_path(self, directory):
        return os.path.join(self.path, "journal-" + os.path.basename(directory))

    def _journals(self, include_stale=False):
        try:
            entries = os.listdir(self.path)
        except FileNotFoundError:
            return []
        found = []
        for entry in entries:
            if entry.startswith("journal-"):
                journal = os.path.join(self.path, entry)
                if include_stale or not self._journal_is_stale(journal):
                    found.append((journal, entry[len("journal-") :]))
        return found

    def _journal_is_stale(self, journal):
        try:
            if time.time() - os.path.getmtime(journal) > STALE_BUILD_SECONDS:
                return True
            with open(journal, encoding="utf-8") as fh:
                host, pid = fh.readline().split()
        except (OSError, ValueError):
            return True
        return host == socket.gethostname() and not _pid_alive(int(pid))

    def start_build(self):
        """Create a fresh index directory for a rebuild and start its change journal."""
        directory = self.new_dir()
        with open(self._journal_path(directory), "w", encoding="utf-8") as fh:
            fh.write(f"{socket.gethostname()} {os.getpid()}\n")
        return directory

    def record_change(self, line):
        """Append ``line`` to the journal of every running rebuild."""
        for journal, _name in self._journals():
            with open(journal, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")

    def read_journal(self, directory, skip):
        """Return the journal lines of the build in ``directory`` after the first ``skip``."""
        try:
            with open(self._journal_path(directory), encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except FileNotFoundError:
            return []
        return lines[1 + skip :]

    def activate_build(self, directory):
        """Make the rebuilt ``directory`` the live index (its journal stays until removed)."""
        self._activate(directory)

    def remove_journal(self, directory):
        with contextlib.suppress(FileNotFoundError):
            os.remove(self._journal_path(directory))
