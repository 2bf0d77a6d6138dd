"""``manage.py update_index``: modelsearch's rebuild (as Wagtail's command of the same name),
then the ``SEARCH`` version is bumped, so search results kept in the cache
(``home/page_cache.py``) are made anew from the rebuilt index."""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand

from home import versions


class Command(RebuildCommand):
    def handle(self, *args, **options):
        result = super().handle(*args, **options)
        versions.bump(versions.SEARCH)
        return result
