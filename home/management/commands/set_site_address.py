"""Write the configured public address into the default Wagtail Site.

Absolute links in feeds, e-mails, the sitemap and calendar entries come from
`WAGTAILADMIN_BASE_URL` (`home/site_urls.py`); this makes Wagtail's `Site` record (host name
and port, which Wagtail's own full URLs and the admin's "view live" links use) say the same.
`make run` calls it with the address it serves.
"""

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from home.site_urls import base_url


class Command(BaseCommand):
    help = "Set the default Site's host name and port from WAGTAILADMIN_BASE_URL (or --url)."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="The public address, e.g. https://example.org")

    def handle(self, *args, url=None, **options):
        parts = urlsplit(url or base_url())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommandError(f"Keine gültige Adresse: {url or base_url()!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("Es gibt keine Standard-Site (erst migrate ausführen).")
        if (site.hostname, site.port) != (parts.hostname, port):
            site.hostname, site.port = parts.hostname, port
            site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"Site „{site.site_name or site.hostname}“: {site.root_url}")
