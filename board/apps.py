from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "board"
    verbose_name = _("Fragen und Antworten")

    def ready(self):
        from . import cache_signals, links, polling, rules  # noqa: F401 - rules: object permissions

        links.connect()  # PostPageLink rows follow every saved post text (wiki backlinks)
        cache_signals.connect()  # version keys for the page cache and live polling
        polling.connect()  # the moderation queue's key follows flags too
