"""Following a question, an edition or a topic page, and unsubscribing through an e-mail's link.

Following is POST-only with CSRF and needs an account. Unsubscribing from an e-mail needs no
login: the signed token in the URL names the subscription (see ``board.notifications``). GET on
the link only shows a confirmation page; the change happens on POST.
"""

from django.apps import apps
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from accounts.urlsafety import safe_next_url
from home.models import EventPage

from .. import services
from ..models import Thread, editions_visible_to
from ..notifications import subscription_for_token
from .base import ActionView


def _back(request, fallback):
    return redirect(safe_next_url(request, request.POST.get("next"), fallback))


class SubscribeView(ActionView):
    permission_required = "board.follow_thread"
    permission_denied_message = _lazy("Dieser Frage können Sie nicht folgen.")

    def post(self, request, pk):
        thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
        if refused := self.refused(thread, thread.get_absolute_url()):
            return refused
        try:
            self.check_limits("subscribe", account=True)
        except services.RateLimited as error:
            return self.handle_error(error, thread.get_absolute_url())
        if request.POST.get("action") == "unsubscribe":
            services.unsubscribe(user=request.user, thread=thread)
            messages.success(request, _("Sie folgen dieser Frage nicht mehr."))
        else:
            services.subscribe(user=request.user, thread=thread)
            messages.success(request, _("Sie folgen jetzt dieser Frage."))
        return redirect(thread.get_absolute_url())


class FollowTargetView(ActionView):
    """Follow or unfollow an edition (``ziel="ausgabe"``) or a topic page (``ziel="thema"``)."""

    def post(self, request, target, pk):
        unsubscribing = request.POST.get("action") == "unsubscribe"
        if target == "ausgabe":
            # Following only where the board shows the edition; leaving always works.
            editions = (
                EventPage.objects.live() if unsubscribing else editions_visible_to(request.user)
            )
            page = get_object_or_404(editions, pk=pk)
            kwargs = {"edition": page}
        elif target == "thema":
            # board never imports wiki: the topic page model is named by string.
            topic_model = apps.get_model("wiki", "TopicPage")
            page = get_object_or_404(topic_model.objects.live(), pk=pk)
            kwargs = {"topic": page}
        else:
            raise Http404
        try:
            self.check_limits("subscribe", account=True)
            if unsubscribing:
                services.unsubscribe(user=request.user, **kwargs)
                messages.success(
                    request, _("Sie folgen „%(title)s“ nicht mehr.") % {"title": page.title}
                )
            else:
                services.subscribe(user=request.user, **kwargs)
                messages.success(
                    request,
                    _("Sie folgen „%(title)s“ und erhalten neue Fragen per E-Mail.")
                    % {"title": page.title},
                )
        except services.BoardError as error:
            return self.handle_error(error, page.url)
        return _back(request, page.url)


class UnsubscribeView(View):
    """The link in an e-mail: GET asks for confirmation, POST (with CSRF) unsubscribes."""

    template_name = "board/unsubscribe.html"

    def get(self, request, token):
        subscription = subscription_for_token(token)
        return render(
            request,
            self.template_name,
            {"subscription": subscription, "token": token, "done": False},
            status=200 if subscription else 404,
        )

    def post(self, request, token):
        subscription = subscription_for_token(token)
        if subscription is None:
            return render(
                request, self.template_name, {"subscription": None, "done": False}, status=404
            )
        target = str(subscription.target)
        subscription.delete()
        return render(
            request, self.template_name, {"subscription": None, "target": target, "done": True}
        )


# CSRF protection is off for this one endpoint only. It is the RFC 8058 one-click target that
# mail clients POST to ("List-Unsubscribe=One-Click") without a session or a CSRF cookie. The
# request is authorised by the signed, unguessable token in the URL (it names one subscription
# and can do nothing but delete it); a forged cross-site POST would need the token, and whoever
# has the token can unsubscribe anyway. GET never changes anything: it leads to the confirmation.
@method_decorator(csrf_exempt, name="dispatch")
class OneClickUnsubscribeView(View):
    http_method_names = ["get", "post"]

    def get(self, request, token):
        return redirect("board:unsubscribe", token=token)

    def post(self, request, token):
        subscription = subscription_for_token(token)
        if subscription is None:
            return HttpResponse(status=404)
        subscription.delete()
        return HttpResponse(_("Abgemeldet."), content_type="text/plain; charset=utf-8")
