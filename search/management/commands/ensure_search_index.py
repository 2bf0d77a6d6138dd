"""Rebuild the search index only if it cannot serve searches (missing, outdated format, damaged).

`make run` calls this after `migrate`, so a checkout whose index was built by an older version
of the backend (see ``INDEX_FORMAT``) searches again without a manual `update_index`, and a fresh
database gets its index before the demo is loaded.

The system checks of the ``search`` tag (search/health.py) run after the repair, not before:
they ask the very question this command answers, and before it they would warn about the
missing index of a fresh database (``search.W001``) that the next line builds. The other checks
run first, as for any command.
"""

from django.core import checks
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wagtail.search.backends import get_search_backend

from search.backends.whoosh import IndexUnavailable

SEARCH_CHECKS = "search"  # the tag of search.health.check_search_index (search/apps.py)


class Command(BaseCommand):
    help = "Rebuild the search index if it is missing, outdated or unreadable; else do nothing."

    # Every registered tag but the search index's own (checked in handle(), after the repair).
    requires_system_checks = sorted(
        tag for tag in checks.registry.registry.tags_available() if tag != SEARCH_CHECKS
    )

    def handle(self, *args, **options):
        self.ensure_index(options["verbosity"])
        if not options.get("skip_checks"):
            self.check(tags=[SEARCH_CHECKS])

    def ensure_index(self, verbosity):
        store = getattr(get_search_backend(), "store", None)
        if store is None:
            self.stdout.write(_("Suchindex: kein Whoosh-Backend, nichts zu prüfen."))
            return
        try:
            if store.current_dir() is None:
                # A fresh database (or a deleted var/): nothing is wrong, it is built now.
                self.stdout.write(_("Suchindex wird angelegt."))
                call_command("update_index", verbosity=max(verbosity - 1, 0))
                return
            with store.searcher():
                pass
        except IndexUnavailable as exc:
            self.stdout.write(_("Suchindex wird neu aufgebaut: %(reason)s") % {"reason": exc})
            call_command("update_index", verbosity=max(verbosity - 1, 0))
            return
        self.stdout.write(_("Suchindex ist aktuell."))
