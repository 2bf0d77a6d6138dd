"""The site search's document reads for a backend that has no ``search_documents``.

The Whoosh backend answers the search page's one search (``search_documents``: hits of several
querysets with their filter values) and its value lookups (``document_values``) from the index.
Other modelsearch backends, such as the database backend on PostgreSQL that the README names as
the scale path (``SEARCH_BACKEND=database``), only search one queryset at a time. This adapter
gives them the same calls: one framework search per scope, capped, with the values read
from the objects, so the search page works (more slowly) on every backend.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldError

from wagtail.models import Page

#: Hits read per scope from a backend without ``search_documents``.
MAX_HITS_PER_SCOPE = 500


class DocumentHit:
    """One hit: primary key (a string), score and ``{path: (values as strings)}``."""

    __slots__ = ("pk", "score", "values")

    def __init__(self, pk, score, values):
        self.pk = pk
        self.score = score
        self.values = values


def _model_values(model, pks, paths):
    """``{pk: {path: (values as strings)}}`` of ``model``'s objects ``pks``, in one query (a
    many-valued path such as ``tags__slug`` adds rows, which are folded)."""
    paths = list(paths)
    result = {str(pk): {path: {} for path in paths} for pk in pks}
    usable = []
    for path in paths:
        try:
            model._default_manager.none().values_list(path)
        except FieldError:
            continue  # a field of another page type
        usable.append(path)
    if usable:
        rows = model._default_manager.filter(pk__in=list(pks)).values_list("pk", *usable)
        for pk, *row in rows:
            for path, value in zip(usable, row, strict=True):
                if value is not None:
                    result[str(pk)][path][str(value)] = None
    return {
        pk: {path: tuple(found) for path, found in values.items()} for pk, values in result.items()
    }


def _values(model, pks, paths):
    """Values of objects of ``model`` (for pages: of each object's own page type)."""
    if not paths or not pks:
        return {str(pk): dict.fromkeys(paths, ()) for pk in pks}
    if not issubclass(model, Page):
        return _model_values(model, pks, paths)
    result = {}
    by_type = {}
    for pk, content_type in Page.objects.filter(pk__in=list(pks)).values_list("pk", "content_type"):
        by_type.setdefault(content_type, []).append(pk)
    for content_type, type_pks in by_type.items():
        specific = ContentType.objects.get_for_id(content_type).model_class() or Page
        result.update(_model_values(specific, type_pks, paths))
    return result


class GenericDocuments:
    """``search_documents``, ``document_values`` and ``document_columns`` through the search
    framework's public API."""

    def __init__(self, backend):
        self.backend = backend

    def search_documents(self, query, scopes, values=None, feedback=False):  # noqa: ARG002
        """``feedback`` (a question's expansion) needs the index: searched without it."""
        values = values or {}
        found = {}
        for name, (queryset, fields) in scopes.items():
            results = self.backend.search(query, queryset, fields=fields).annotate_score("_score")
            scored = [(obj.pk, float(obj._score or 0.0)) for obj in results[:MAX_HITS_PER_SCOPE]]
            read = _values(queryset.model, [pk for pk, _score in scored], values.get(name, ()))
            hits = [DocumentHit(str(pk), score, read[str(pk)]) for pk, score in scored]
            hits.sort(key=lambda hit: (-hit.score, hit.pk))
            found[name] = hits
        return found

    def document_values(self, queryset, keys, paths):
        keys = list(
            queryset.model._default_manager.filter(pk__in=list(keys)).values_list("pk", flat=True)
        )
        return _values(queryset.model, keys, paths)

    def document_columns(self, queryset, keys, paths):
        """``(found, {path: [values or None]})`` aligned with ``keys``."""
        values = self.document_values(queryset, keys, paths)
        found = [str(key) in values for key in keys]
        columns = {
            path: [
                (values[str(key)][path] or None) if ok else None
                for key, ok in zip(keys, found, strict=True)
            ]
            for path in paths
        }
        return found, columns


def documents(backend):
    """``backend`` itself where it reads documents from its index, else the generic adapter."""
    if hasattr(backend, "search_documents"):
        return backend
    return GenericDocuments(backend)
