from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import UpdateView

from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views

from allauth.core import ratelimit

from .forms import ProfileForm
from .urlsafety import safe_next_url


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Ihr Profil wurde gespeichert."))
        return super().form_valid(form)


def admin_login(request):
    """``/admin/login/``: the admin signs in through allauth like everyone else.

    Wagtail's own login form (Django's ``LoginView``) knows neither e-mail verification nor
    allauth's lockout after failed attempts; this view takes its URL (``config/urls.py`` puts it
    before Wagtail's admin URLs), so every path into the admin and every ``reverse
    ("wagtailadmin_login")`` ends here. Nobody signs in on this URL, a POST included:

    - a visitor is sent to allauth's login, ``next`` kept (only a local address, else the
      admin's dashboard);
    - someone signed in with access to the admin goes on to ``next``;
    - someone signed in without it gets the 403 page (sending them to the login would loop:
      allauth passes a signed-in visitor straight on to ``next``).
    """
    home = reverse("wagtailadmin_home")
    target = safe_next_url(request, request.GET.get(REDIRECT_FIELD_NAME), home)
    user = request.user
    if user.is_authenticated:
        if user.has_perm("wagtailadmin.access_admin"):
            return redirect(target)
        raise PermissionDenied
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's form for password-protected pages, throttled.

    Every POST counts against ``ACCOUNT_RATE_LIMITS["page_password"]``: per client address and
    per restriction (the password belongs to the restriction; the page in the URL is only where
    to show the form, so varying it gains nothing). Past the limit the answer is the site's 429
    page, and the password is not checked at all.
    """
    if request.method == "POST" and not ratelimit.consume(
        request, action="page_password", key=f"restriction:{page_view_restriction_id}"
    ):
        return ratelimit.respond_429(request)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


def document_password(request, restriction_id):
    """Wagtail's form for documents in a password-protected collection, throttled like
    :func:`page_password` (per client address and per collection restriction)."""
    if request.method == "POST" and not ratelimit.consume(
        request, action="page_password", key=f"collection-restriction:{restriction_id}"
    ):
        return ratelimit.respond_429(request)
    return document_views.authenticate_with_password(request, restriction_id)
