"""What the board's views share: the reader's threaded/flat choice, JSON answers, rate limits per
address, the preview button of the forms, the declared rule (``RuleRequiredMixin``) and the
base of the small POST actions."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.views import View

from home import page_cache

from .. import limits, services
from ..markdown import render_markdown

# The reader's choice between the threaded and the flat (chronological) view: ``?ansicht=`` on
# the thread page or a permalink, remembered in a cookie so permalinks (from e-mails, other
# pages) open in the chosen view. The cookie holds nothing but the view's name.
VIEW_PARAM = "ansicht"
VIEW_COOKIE = "board_ansicht"
VIEW_FLAT = "flach"
VIEW_THREADED = "verschachtelt"
VIEW_COOKIE_AGE = 365 * 24 * 3600


def chosen_view(request):
    """(view, explicitly chosen in this request). Only signed-in readers have the choice
    remembered: a visitor's page depends on its URL alone (no cookie, so it can be cached)."""
    asked = request.GET.get(VIEW_PARAM)
    if asked in (VIEW_FLAT, VIEW_THREADED):
        return asked, request.user.is_authenticated
    if request.user.is_authenticated and request.COOKIES.get(VIEW_COOKIE) == VIEW_FLAT:
        return VIEW_FLAT, False
    return VIEW_THREADED, False


def remember_view(response, view):
    # Secure wherever the session cookie is (production): the choice never travels over HTTP.
    response.set_cookie(
        VIEW_COOKIE,
        view,
        max_age=VIEW_COOKIE_AGE,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def paginated_query(request, params, page):
    """The query string of a paginated list's own links (``params``: ``(name, value)`` pairs
    that took effect, ``None`` for one that did not), which the pagination extends with
    ``seite``; the anonymous page cache keeps the list only under such a query string, the page
    number as given only if it is the page shown (``home/page_cache.py``), so made-up query
    strings add no entries."""
    asked_page = page.number if "seite" in request.GET else None
    page_cache.allow_query(request, [*params, ("seite", asked_page)])
    return urlencode([(name, value) for name, value in params if value is not None])


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


class RuleRequiredMixin:
    """A view states the rule it needs (``permission_required``, a name from board/rules.py)
    and asks it about the object it fetched through ``visible_to`` (``has_rule``)."""

    permission_required = None

    def has_rule(self, obj):
        return self.request.user.has_perm(self.permission_required, obj)

    def check_rule_unless_posted(self, obj):
        """403 when the rule refuses ``obj`` to a signed-in person; a refused POST goes on to
        the service, which says why in German (and the form keeps what was typed)."""
        user = self.request.user
        if user.is_authenticated and self.request.method != "POST" and not self.has_rule(obj):
            raise PermissionDenied


def check_ip_limit(request, action):
    """The per-address rate limit of ``action`` (the services count the account)."""
    services.check_rate_limit(user=request.user, action=action, ip=limits.client_ip(request))


def check_preview_limits(request):
    """Previews are rate-limited per address and per account (``limits``, group "preview")."""
    check_ip_limit(request, "preview")
    services.check_rate_limit(user=request.user, action="preview")


def error_status(error, default=400):
    return 429 if isinstance(error, services.RateLimited) else default


class PreviewMixin:
    """A "Vorschau" submit button re-renders the form with the rendered text; nothing is saved.

    A refused save (a rule, a rate limit: HTTP 429) re-renders the form with the text kept.
    """

    rate_limit_action = None

    def form_valid(self, form):
        if "preview" in self.request.POST:
            try:
                check_preview_limits(self.request)
            except services.RateLimited as error:
                form.add_error(None, error.message)
                response = self.form_invalid(form)
                response.status_code = 429
                return response
            return self.render_to_response(
                self.get_context_data(
                    form=form, preview_html=render_markdown(form.cleaned_data.get("body", ""))
                )
            )
        try:
            check_ip_limit(self.request, self.rate_limit_action)
            obj = form.save()
        except services.StaleEdit as error:
            form.add_error(None, error.message)
            return self.render_to_response(
                self.get_context_data(form=form, current_post=error.current)
            )
        except services.BoardError as error:
            form.add_service_error(error)
            response = self.form_invalid(form)
            response.status_code = error_status(error, response.status_code)
            return response
        return self.saved(obj)


class ActionView(LoginRequiredMixin, RuleRequiredMixin, View):
    """Base for POST-only actions: call the service, answer with a message and a redirect (or
    JSON when the script asks for it). A refused rule answers 403 (JSON) or redirects with
    ``permission_denied_message``."""

    http_method_names = ["post"]
    permission_denied_message = ""

    def refused(self, obj, redirect_to):
        """The response when the declared rule refuses ``obj``, else ``None``."""
        if self.permission_required is None or self.has_rule(obj):
            return None
        error = services.NotAllowed(self.denied_message(obj))
        return self.handle_error(error, redirect_to, status=403)

    def denied_message(self, obj):
        return self.permission_denied_message

    def check_limits(self, action, *, account=False):
        """Per-address limit (and the account limit where the service does not count it)."""
        check_ip_limit(self.request, action)
        if account:
            services.check_rate_limit(user=self.request.user, action=action)

    def handle_error(self, error, redirect_to, status=400):
        status = error_status(error, status)
        if wants_json(self.request):
            return JsonResponse({"ok": False, "message": error.message}, status=status)
        messages.error(self.request, error.message)
        return redirect(redirect_to)
