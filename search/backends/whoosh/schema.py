"""The index's schema and how an object becomes a document.

Every search field of a model is indexed three ways: ``s_<path>`` stemmed text, ``x_<path>``
exact text and ``a_<path>`` autocomplete words (see :mod:`search.backends.analysis`); ``id``,
``pk`` and ``ct`` (the model and its concrete parents) identify the document, ``rev`` holds the
reversed long words that let a query find compounds by their last part. A document in another
language than the backend's has its stemmed text in that language's fields (``sen_title``).

Filter fields (``index.FilterField``, also inside ``RelatedFields``) are kept as exact values in
``f_<path>`` (see :func:`filter_term`), so that a queryset's filters can be applied in the index
(see :mod:`.filtering`) and the values of hits read without the database. Date-times are kept as
their day (UTC) to sort hits by, and filtered by the database, as are floats, decimals, long
texts and JSON (not kept); the object's own primary key is ``pk``.
"""

import datetime
import enum

from django.db.models import Manager
from django.db.models.signals import post_delete, post_save
from django.utils.encoding import force_str

from modelsearch.backends.base import get_model_root
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField

from whoosh import fields as wfields
from whoosh.analysis import RegexTokenizer

from .. import analysis

# 5: stemmed fields per document language (sen_*, sde_*).
# 6: filter fields' values in f_* (filters and hit values from the index).
INDEX_FORMAT = 6

#: Separates the values of a multi-valued filter field in a document.
VALUE_SEPARATOR = "\x1f"
#: The term of a missing value (``None``); every other value's term starts with "=".
NULL_TERM = "~"
#: Filter field types left to the database (their values are unique per row, or not exact).
UNINDEXED_FILTER_TYPES = frozenset(
    ("FloatField", "DecimalField", "TextField", "JSONField", "BinaryField")
)
#: Filter field types kept as the day only (a value to sort hits by, never filtered in the index).
DAY_FILTER_TYPES = frozenset(("DateTimeField",))


class FilterValues(wfields.KEYWORD):
    """Exact filter values, one term each (``=value``, or ``~`` for none), not scored."""

    def __init__(self):
        super().__init__(scorable=False)
        self.analyzer = RegexTokenizer(r"[^\x1f]+")


def filter_term(value):
    """The index term of one filter value (the same for a stored value and a lookup's)."""
    if value is None:
        return NULL_TERM
    if isinstance(value, bool):
        return "=true" if value else "=false"
    if isinstance(value, enum.Enum):
        value = value.value
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        value = value.pk
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return "=" + value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return "=" + value.isoformat()
    return "=" + force_str(value).replace(VALUE_SEPARATOR, " ")


def filter_value(term):
    """The stored value (a string, or ``None``) of a filter term."""
    return None if term == NULL_TERM else term[1:]


def filter_indexed(field, model):
    """Whether the ``FilterField`` ``field`` of ``model`` is kept in the index (not the primary
    key, which is ``pk``, and not one of :data:`UNINDEXED_FILTER_TYPES`)."""
    return field.get_type(model) not in UNINDEXED_FILTER_TYPES


def build_schema(language):
    """Return the Whoosh schema: fixed bookkeeping fields plus per-search-field glob fields.

    ``s_<path>`` stemmed text, ``x_<path>`` exact text, ``a_<path>`` autocomplete words, where
    ``<path>`` is the search field's name, with ``__`` through ``RelatedFields``. Documents in
    another supported language than the backend's (English pages on a German site, see
    :func:`document_language`) have their stemmed text in ``s<code>_<path>`` (``sen_title``),
    stemmed for that language; exact and autocomplete fields do not depend on the language.
    """
    schema = wfields.Schema(
        id=wfields.ID(unique=True),
        pk=wfields.ID(sortable=True),
        ct=wfields.KEYWORD(scorable=False),
        rev=analysis.AnalysedText("reversed"),
    )
    schema.add("s_*", analysis.AnalysedText("stem", language), glob=True)
    for other in analysis.LANGUAGES:
        if other != language:
            schema.add(
                stem_prefix(other, language) + "*", analysis.AnalysedText("stem", other), glob=True
            )
    schema.add("x_*", analysis.AnalysedText("exact"), glob=True)
    # Autocomplete fields hold exact words; prefixes are expanded against their vocabulary at
    # query time (edge n-grams would triple the terms a document write has to flush).
    schema.add("a_*", analysis.AnalysedText("exact"), glob=True)
    schema.add("f_*", FilterValues(), glob=True)
    return schema


def stem_prefix(language, backend_language):
    """The prefix of the stemmed fields of documents in ``language``: ``s_`` for the backend's
    own language, else ``s<code>_`` (``sen_``)."""
    return "s_" if language == backend_language else f"s{language}_"


# Locale primary key -> language code (or None); emptied whenever a locale is saved or deleted.
_locale_languages = {}
_locale_models = set()


def forget_locale_languages(**kwargs):
    """Forget the cached languages of locales (a locale changed, or a test rolled one back)."""
    _locale_languages.clear()


def _locale_model(obj):
    """The model of ``obj``'s ``locale`` foreign key (its changes clear the cache), or ``None``."""
    try:
        model = obj._meta.get_field("locale").related_model
    except Exception:  # noqa: BLE001 - no locale foreign key: no language of its own
        return None
    if model is not None and model not in _locale_models:
        for signal in (post_save, post_delete):
            signal.connect(
                forget_locale_languages, sender=model, weak=False, dispatch_uid="whoosh-locales"
            )
        _locale_models.add(model)
    return model


def document_language(obj):
    """The analysis language of ``obj``: its locale's language (Wagtail pages and other
    translatable objects) if it is one of :data:`analysis.LANGUAGES`, else ``None`` (the
    backend's language). Each locale's code is looked up once (until a locale changes)."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return None
    state = getattr(obj, "_state", None)
    locale = state.fields_cache.get("locale") if state is not None else None
    if locale is not None:
        code = locale.language_code
    elif locale_id in _locale_languages:
        return _locale_languages[locale_id]
    else:
        model = _locale_model(obj)
        if model is None:
            return None
        code = (
            model._default_manager.filter(pk=locale_id)
            .values_list("language_code", flat=True)
            .first()
        )
    code = (code or "").split("-")[0].lower()
    language = code if code in analysis.LANGUAGES else None
    if locale is None:
        _locale_languages[locale_id] = language
    return language


def content_type_labels(model):
    """Labels under which a document of ``model`` is found: itself and its concrete parents."""
    model = model._meta.concrete_model
    return [model._meta.label_lower] + [
        parent._meta.label_lower for parent in model._meta.get_parent_list()
    ]


def document_key(model, pk):
    """The index's unique id of the document of ``model`` with primary key ``pk``."""
    return f"{get_model_root(model._meta.concrete_model)._meta.label_lower}:{pk}"


def prepare_value(value):
    """A field value as text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(prepare_value(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(prepare_value(item) for item in value.values())
    return force_str(value)


def related_objects(field, obj):
    """The objects a ``RelatedFields`` of ``obj`` names: a manager's, a callable's or an
    attribute's (one object or a list), none for ``None``."""
    value = field.get_value(obj)
    if value is None:
        return []
    if isinstance(value, Manager):
        return value.all()
    if callable(value):
        value = value()
    return value if isinstance(value, (list, tuple)) else [value]


def collect_texts(obj, search_fields, prefix, search, autocomplete):
    """Append the text of ``obj``'s search/autocomplete fields to the ``path -> [text]`` dicts."""
    for field in search_fields:
        if isinstance(field, SearchField):
            text = prepare_value(field.get_value(obj))
            if text:
                search.setdefault(prefix + field.field_name, []).append(text)
        elif isinstance(field, AutocompleteField):
            text = prepare_value(field.get_value(obj))
            if text:
                autocomplete.setdefault(prefix + field.field_name, []).append(text)
        elif isinstance(field, RelatedFields):
            for sub_obj in related_objects(field, obj):
                collect_texts(
                    sub_obj, field.fields, prefix + field.field_name + "__", search, autocomplete
                )


def is_primary_key(field, model):
    """Whether the filter field ``field`` of ``model`` is its primary key (found as ``pk``)."""
    try:
        model_field = field.get_field(model)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist: an attribute, not a column
        return False
    return bool(model_field.primary_key) or model_field == model._meta.pk


def collect_filters(obj, search_fields, prefix, values, top=True):
    """Append the terms of ``obj``'s filter fields to the ``path -> [term]`` dict ``values``."""
    model = type(obj)
    for field in search_fields:
        if isinstance(field, FilterField):
            if (top and is_primary_key(field, model)) or not filter_indexed(field, model):
                continue
            value = field.get_value(obj)
            if isinstance(value, Manager):
                value = list(value.all())
            items = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
            terms = values.setdefault(prefix + field.field_name, [])
            terms.extend(filter_term(item) for item in items)
        elif isinstance(field, RelatedFields):
            if not any(isinstance(sub, (FilterField, RelatedFields)) for sub in field.fields):
                continue
            for sub_obj in related_objects(field, obj):
                collect_filters(
                    sub_obj, field.fields, prefix + field.field_name + "__", values, top=False
                )


def field_paths(search_fields, kind, prefix=""):
    """Yield ``(path, boost)`` for every ``kind`` field, following ``RelatedFields``."""
    for field in search_fields:
        if isinstance(field, RelatedFields):
            yield from field_paths(field.fields, kind, prefix + field.field_name + "__")
        elif type(field) is kind:
            boost = getattr(field, "boost", None)
            yield prefix + field.field_name, float(boost) if boost else 1.0


def make_document(obj, language="de"):
    """Return the Whoosh document (a dict) for ``obj``, or ``None`` if it has no text.

    ``language`` is the backend's; an object in another language (see
    :func:`document_language`) gets its stemmed text in that language's fields.
    """
    model = type(obj)
    search, autocomplete = {}, {}
    collect_texts(obj, model.get_search_fields(), "", search, autocomplete)
    doc = {
        "id": document_key(model, obj.pk),
        "pk": str(obj.pk),
        "ct": " ".join(content_type_labels(model)),
    }
    stemmed = stem_prefix(document_language(obj) or language, language)
    all_text = []
    for path, texts in search.items():
        text = "\n".join(texts)
        doc[stemmed + path] = text
        doc["x_" + path] = text
        all_text.append(text)
    for path, texts in autocomplete.items():
        doc["a_" + path] = "\n".join(texts)
    filters = {}
    collect_filters(obj, model.get_search_fields(), "", filters)
    for path, terms in filters.items():
        if terms:
            doc["f_" + path] = VALUE_SEPARATOR.join(terms)
    if all_text:
        # Not indexed with the document: the writer adds its new words to a vocabulary
        # document (see ``add_documents``).
        doc["rev"] = "\n".join(all_text)
    return doc
