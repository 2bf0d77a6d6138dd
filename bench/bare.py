"""The baseline of bench/pages.py: a bare Django view returning a fixed 20 kB page.

No database, no middleware, no templates: the most a Django process can serve on this machine,
served by gunicorn exactly like the site (``gunicorn --chdir bench bare:application``).
"""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = (
    "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Bare</title></head><body>"
    + "<p>Kooperationsraum – ein fester Absatz als Seiteninhalt.</p>" * 330
    + "</body></html>"
).encode()[: 20 * 1024]


def bare(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", bare)]

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-view-not-secret",  # noqa: S106 (no sessions, no signing)
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)
django.setup()
application = get_wsgi_application()
