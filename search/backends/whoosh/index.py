"""The modelsearch index object: adds, replaces and deletes documents of objects.

There is one index for all models. Writes to the live index go through
:meth:`IndexStore.write` and are recorded in the journal of any running rebuild; an index with a
``directory`` is a rebuild's fresh copy, written by a :class:`build.BuildWriter`.
"""

from modelsearch.backends.base import BaseIndex
from modelsearch.index import class_is_indexed

from .build import BuildWriter
from .schema import document_key, make_document


class WhooshIndex(BaseIndex):
    """The single index of this backend (all models), or a rebuild's fresh copy of it."""

    def __init__(self, backend, directory=None):
        super().__init__(backend)
        #: ``None`` for the live index, else the directory of a rebuild in progress.
        self.directory = directory
        self._writer = None
        self._ix = None

    def get_key(self):
        return "default"

    def __str__(self):
        return f"whoosh:{self.directory or self.backend.store.path}"

    # -- documents --------------------------------------------------------------------------

    @staticmethod
    def document(obj, language="de"):
        """Return the Whoosh document (a dict) for ``obj`` (see :func:`schema.make_document`)."""
        return make_document(obj, language)

    # -- writing ----------------------------------------------------------------------------

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        docs = [self.document(obj, self.backend.language) for obj in items]
        if not docs:
            return
        if self.directory is not None:
            self.build_writer().update_documents(docs)
            return
        directory = self.backend.store.current_dir()
        if directory is None:
            directory = self.backend.create_missing_index(items)
        self.backend.store.write(directory, docs=docs)
        for obj in items:
            self.backend.store.record_change(
                f"upd {type(obj)._meta.concrete_model._meta.label_lower} {obj.pk}"
            )

    def delete_item(self, item):
        key = document_key(type(item), item.pk)
        if self.directory is not None:
            self.build_writer().delete_key(key)
            return
        directory = self.backend.store.current_dir()
        if directory is None:
            return
        self.backend.store.write(directory, delete_keys=[key])
        self.backend.store.record_change(f"del {key}")

    def reset(self):
        self.backend.store.reset()

    def refresh(self):
        # Commits are visible immediately: every search refreshes its searcher.
        pass

    def build_writer(self):
        """The writer of the rebuild this index belongs to (made on first use)."""
        if self._writer is None:
            self._writer = BuildWriter(self.backend.store, self.directory, bulk=True)
        return self._writer
