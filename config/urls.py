from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from allauth.account import views as allauth_views

from accounts import views as account_views
from home import routing
from home import sitemaps as home_sitemaps
from home.image_admin import CreditedImageIndexView

urlpatterns = [
    # One sign-in path: the admin's login and logout are allauth's (e-mail verification, lockout
    # after failed attempts); these two come before Wagtail's admin URLs and so replace its own.
    path("admin/login/", account_views.admin_login, name="wagtailadmin_login"),
    path("admin/logout/", allauth_views.logout, name="wagtailadmin_logout"),
    # The image listing with a licence filter, under Wagtail's own paths (home/image_admin.py).
    path("admin/images/", CreditedImageIndexView.as_view(), name="credited_images"),
    path(
        "admin/images/results/",
        CreditedImageIndexView.as_view(results_only=True),
        name="credited_images_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password form for protected document collections, throttled (before its own).
    path(
        "dokumente/authenticate_with_password/<int:restriction_id>/",
        account_views.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("dokumente/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", home_sitemaps.sitemap, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path(_("suche/"), include("search.urls")),
    path(_("konto/daten/"), include("board.privacy_urls")),
    path(_("konto/"), include("allauth.urls")),
    path(_("konto/profil/"), include("accounts.urls")),
    path(_("fragen/"), include("board.urls")),
    # Wagtail's password form for protected pages, throttled (before Wagtail's own URL).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        account_views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's URLs, its page routing remembered under the site's version (home/routing.py).
    path("", include(routing.urlpatterns)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
