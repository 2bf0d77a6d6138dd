import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

# Current anonymous pages are served from the page cache before Django handles the request
# (home/page_cache.py, README "Caching"); everything else goes on to Django.
from home.page_cache import CachedPages  # noqa: E402 (Django is set up above)

application = CachedPages(django_application)
