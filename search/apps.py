from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Suche")

    def ready(self):
        # Index writes take the project's route (search/signal_handlers.py): after the commit, as
        # a background task. This replaces modelsearch's own post_save/post_delete handlers.
        from django.core import checks

        from . import health, signal_handlers, tag_handlers

        signal_handlers.register()
        tag_handlers.register()  # a renamed or merged tag: what it tags is indexed anew
        checks.register(health.check_search_index, "search")
