"""Rebuild the search index only if it cannot serve searches (missing, outdated format, damaged).

`make run` calls this after `migrate`, so a checkout whose index was built by an older version
of the backend (see ``INDEX_FORMAT``) searches again without a manual `update_index`.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wagtail.search.backends import get_search_backend

from search.backends.whoosh import IndexUnavailable


class Command(BaseCommand):
    help = "Rebuild the search index if it is missing, outdated or unreadable; else do nothing."

    def handle(self, *args, **options):
        store = getattr(get_search_backend(), "store", None)
        if store is None:
            self.stdout.write(_("Suchindex: kein Whoosh-Backend, nichts zu prüfen."))
            return
        try:
            with store.searcher():
                pass
        except IndexUnavailable as exc:
            self.stdout.write(_("Suchindex wird neu aufgebaut: %(reason)s") % {"reason": exc})
            call_command("update_index", verbosity=options["verbosity"])
            return
        self.stdout.write(_("Suchindex ist aktuell."))
