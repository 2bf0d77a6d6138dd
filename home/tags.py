"""Tag names in the reader's language.

Tags (django-taggit, shared by topic pages and board threads) are named in German. A
`TagTranslation` gives a tag its English label; where none exists the German name is shown.
The labels of all tags are read in one query and kept in the cache until a translation changes
(`home.signals` deletes the key on commit).
"""

from django.core.cache import cache
from django.utils import translation

CACHE_KEY = "home:tag-labels:en"


def english_labels():
    """{tag slug: English label} of every translated tag."""
    labels = cache.get(CACHE_KEY)
    if labels is None:
        from .models import TagTranslation

        labels = dict(TagTranslation.objects.values_list("tag__slug", "name_en"))
        cache.set(CACHE_KEY, labels, None)
    return labels


def forget_labels():
    cache.delete(CACHE_KEY)


def tag_label(slug, name, language=None):
    """The label of the tag `slug` (German `name`) in `language` (default: the active one)."""
    if (language or translation.get_language() or "de").split("-")[0] != "en":
        return name
    return english_labels().get(slug) or name
