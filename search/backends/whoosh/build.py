"""Rebuilding the index: a fresh directory, written in bulk, changes replayed, then swapped in.

:class:`WhooshRebuilder` is modelsearch's rebuilder (``start()``/``finish()``). The bulk pass
writes with :class:`writing.BulkWriter` (a new segment every ``BULK_SEGMENT_POSTINGS``
postings), with ``BUILD_PROCS`` > 1 in that many forked worker processes that write segments of
their own, committed together (:class:`_ParallelBuild`). Changes written to the live index
meanwhile are journalled by :class:`store.IndexStore` and replayed from the database.
"""

import contextlib

from django.apps import apps

from modelsearch.index import class_is_indexed, get_indexed_instance

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage

from .internals import finish_unlocked_segment
from .schema import document_key, make_document
from .writing import BulkWriter, add_documents, bulk_codec

# A rebuild starts a new segment after this many postings (about 30 bytes of memory each).
BULK_SEGMENT_POSTINGS = 6_000_000


class BuildWriter:
    """The writer of a rebuild: adds documents to the fresh index, committed at the end.

    ``bulk`` (the rebuild's main pass) writes a new segment every ``BULK_SEGMENT_POSTINGS``
    postings, which bounds its memory; segments are never merged during a build. With
    ``BUILD_PROCS`` > 1 the bulk pass hands the documents to that many worker processes (see
    ``_ParallelBuild``). Otherwise (the replay of changes) a plain writer is used, which can also
    replace committed documents.
    """

    def __init__(self, store, directory, bulk=False):
        self.store = store
        self.directory = directory
        self.ix = store.open(directory)
        self.bulk = bulk
        self.parallel = None
        self.deleted = []
        if bulk and store.build_procs > 1:
            self.parallel = _ParallelBuild.start(directory, store.build_procs)
        self.writer = None if self.parallel else self._new_writer()
        self.vocabulary = set()

    def _new_writer(self):
        return self.store.writer(self.ix, bulk=self.bulk, limitmb=256)

    def update_documents(self, docs):
        if self.parallel is not None:
            self.parallel.send(docs)
            return
        vocabulary = self.vocabulary
        vocabulary.update(add_documents(self.writer, docs, known=vocabulary.__contains__))
        if self.bulk and self.writer.posting_count >= BULK_SEGMENT_POSTINGS:
            self.writer.commit(merge=False)
            self.writer = self._new_writer()

    def delete_key(self, key):
        if self.parallel is not None:
            self.deleted.append(key)  # applied once the workers' segments are committed
            return
        self.writer.delete_by_term("id", key)

    def replay(self, lines):
        """Apply journal lines: re-read changed objects from the database, delete removed ones.

        Must run in a writer of its own, after the documents it replaces were committed: Whoosh
        only deletes committed documents, so a pending duplicate would survive.
        """
        writer = self.writer
        latest = {}  # one operation per document: the last one wins
        for line in lines:
            op, _, rest = line.partition(" ")
            if op == "del":
                latest[rest] = ("del", None, None)
            elif op == "upd":
                label, _, pk = rest.partition(" ")
                try:
                    model = apps.get_model(label)
                except LookupError:
                    continue
                latest[document_key(model, pk)] = ("upd", model, pk)
        for key, (op, model, pk) in latest.items():
            writer.delete_by_term("id", key)
            if op == "upd":
                obj = model._default_manager.filter(pk=pk).first()
                indexed = get_indexed_instance(obj) if obj is not None else None
                if indexed is not None and class_is_indexed(type(indexed)):
                    self.update_documents([make_document(indexed, self.store.language)])

    def commit(self):
        if self.parallel is None:
            self.writer.commit(merge=False)
            return
        segments = self.parallel.finish()
        self.parallel = None
        writer = self._new_writer()
        writer.commit(mergetype=lambda _writer, existing: existing + segments)
        if self.deleted:
            writer = self.store.writer(self.ix)
            for key in self.deleted:
                writer.delete_by_term("id", key)
            writer.commit(merge=False)

    def cancel(self):
        if self.parallel is not None:
            self.parallel.cancel()
            self.parallel = None
        if self.writer is not None:
            self.writer.cancel()


class _PrivateTempStorage(FileStorage):
    """The index's storage, but each writer gets a temporary directory of its own (Whoosh
    names it after the index, which processes writing segments at once would share)."""

    def temp_storage(self, name=None):
        return super().temp_storage(None)


def _build_worker(conn, directory):
    """A worker process of a parallel rebuild: write the documents it receives (lists of
    documents, ``None`` at the end) to segments of their own in ``directory``; send back
    ``("ok", segments)`` or ``("error", traceback)``. It never touches the database."""
    import traceback

    try:
        ix = windex.FileIndex(_PrivateTempStorage(directory))
        segments = []
        vocabulary = set()
        writer = None
        while True:
            docs = conn.recv()
            if docs is None:
                break
            if writer is None:
                writer = BulkWriter(ix, _lk=False, limitmb=256, codec=bulk_codec())
            vocabulary.update(add_documents(writer, docs, known=vocabulary.__contains__))
            if writer.posting_count >= BULK_SEGMENT_POSTINGS:
                segments.append(finish_unlocked_segment(writer))
                writer = None
        if writer is not None and writer._added:
            segments.append(finish_unlocked_segment(writer))
        conn.send(("ok", segments))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        with contextlib.suppress(Exception):
            conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


class _ParallelBuild:
    """The bulk pass of a rebuild in ``procs`` worker processes (forked).

    The rebuilding process reads the database and makes the documents; the workers analyse
    them and write segments (the expensive part), each its own, without the write lock: the
    fresh index directory is not live yet, and nothing commits to it until ``finish`` returns
    the workers' segments for one commit. Chunks are handed out in turn; a worker's pipe
    blocks when it falls behind, which bounds memory.
    """

    def __init__(self, workers):
        self.workers = workers  # [(process, connection)]
        self.turn = 0

    @classmethod
    def start(cls, directory, procs):
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        context = multiprocessing.get_context("fork")
        workers = []
        for _ in range(procs):
            parent_end, child_end = context.Pipe()
            process = context.Process(target=_build_worker, args=(child_end, directory))
            process.daemon = True
            process.start()
            child_end.close()
            workers.append((process, parent_end))
        return cls(workers)

    def send(self, docs):
        _process, conn = self.workers[self.turn % len(self.workers)]
        self.turn += 1
        conn.send(docs)

    def finish(self):
        segments, errors = [], []
        try:
            for _process, conn in self.workers:
                conn.send(None)
            for _process, conn in self.workers:
                status, result = conn.recv()
                if status == "ok":
                    segments.extend(result)
                else:
                    errors.append(result)
        except (EOFError, OSError) as exc:
            errors.append(repr(exc))
        finally:
            for process, conn in self.workers:
                conn.close()
                process.join(timeout=60)
        if errors:
            raise RuntimeError("A search index build process failed:\n" + "\n".join(errors))
        return segments

    def cancel(self):
        for process, conn in self.workers:
            conn.close()
            process.terminate()
            process.join(timeout=10)


class WhooshRebuilder:
    """Rebuild into a fresh directory, then swap it in; the live index is never emptied first.

    Changes written to the live index while the rebuild runs are journalled and replayed into
    the new index (from the database, so the newest state wins) before and after the swap.
    """

    def __init__(self, index):
        self.index = index
        self.new_index = None

    def start(self):
        store = self.index.backend.store
        self.new_index = type(self.index)(self.index.backend, directory=store.start_build())
        return self.new_index

    def finish(self):
        store = self.index.backend.store
        directory = self.new_index.directory
        self.new_index.build_writer().commit()
        lines = store.read_journal(directory, 0)
        self._replay(store, directory, lines)
        store.activate_build(directory)
        # Changes recorded between reading the journal and the swap went to the old live index
        # only; they are few, so apply them to the new live index the same way.
        self._replay(store, directory, store.read_journal(directory, len(lines)))
        store.remove_journal(directory)

    @staticmethod
    def _replay(store, directory, lines):
        """Apply journalled changes to the index in ``directory`` in one commit."""
        if not lines:
            return
        writer = BuildWriter(store, directory)
        try:
            writer.replay(lines)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
