"""Store fresh HTML for posts rendered by an older ``board.markdown`` pipeline.

Run after raising ``board.markdown.HTML_VERSION`` (for example after changing the sanitiser's
allowlist). Until then the thread page renders such posts afresh on every view, so nothing
unsafe or outdated is shown in the meantime; this command makes the stored HTML current again.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from board.markdown import HTML_VERSION
from board.models import Post

BATCH = 500


class Command(BaseCommand):
    help = "Rendert die HTML-Fassung veralteter Beiträge neu (board.markdown.HTML_VERSION)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Alle Beiträge neu rendern, nicht nur die veralteten.",
        )

    def handle(self, *args, **options):
        posts = Post.objects.only("pk", "body", "body_html", "html_version").order_by("pk")
        if not options["all"]:
            posts = posts.exclude(html_version=HTML_VERSION)
        changed = unchanged = 0
        last_pk = 0
        while True:
            batch = list(posts.filter(pk__gt=last_pk)[:BATCH])
            if not batch:
                break
            last_pk = batch[-1].pk
            for post in batch:
                before = post.body_html
                post.render_body()
                if post.body_html != before:
                    # A real save: the search index and the page links follow the new HTML.
                    post.save(update_fields=["body_html", "html_version"])
                    changed += 1
                else:
                    Post.objects.filter(pk=post.pk).update(html_version=HTML_VERSION)
                    unchanged += 1
        self.stdout.write(
            _("%(changed)d Beiträge neu gerendert, %(unchanged)d unverändert.")
            % {"changed": changed, "unchanged": unchanged}
        )
