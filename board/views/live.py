"""Views of the live phase: quick join with the event code, the join QR code, and the
moderators' switches for quick join (``board/live.py`` holds the rules)."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

import segno
from allauth.account.models import EmailAddress

from .. import live, permissions, services
from ..forms import JoinForm
from ..models import Thread
from ..queries import edition_by_year
from .threads import AskView, ThreadListView

LOGIN_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
#: The wall's query parameter carrying the projector's secret (``live.projector_key``).
PROJECTOR_PARAM = "projektor"


def join_url(request, phase):
    """The absolute address that joins ``phase``'s edition (what the QR code holds)."""
    return request.build_absolute_uri(reverse("board:join_code", args=[phase.event_code]))


def qr_svg(data, *, scale=8):
    """A QR code as an SVG document, made here (segno), never by a third-party service."""
    code = segno.make(data, error="m", micro=False)
    return code.svg_inline(scale=scale, border=2, dark="#000", light="#fff", omitsize=True)


class JoinView(FormView):
    """``/fragen/mitmachen/`` (and ``…/<code>/`` from the QR code): join with a name only."""

    template_name = "board/join.html"
    form_class = JoinForm

    def get_initial(self):
        return {"code": live.normalise_code(self.kwargs.get("code", ""))}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = live.quick_join(code=data["code"], display_name=data["display_name"])
        except live.JoinError as error:
            form.add_join_error(error)
            response = self.form_invalid(form)
            response.status_code = error.status
            return response
        login(self.request, user, backend=LOGIN_BACKEND)
        if data.get("email"):
            EmailAddress.objects.add_email(self.request, user, data["email"], confirm=True)
            messages.info(
                self.request,
                _(
                    "Wir haben Ihnen eine E-Mail geschickt. Wenn Sie die Adresse bestätigen, "
                    "behalten Sie Ihr Konto über die Veranstaltung hinaus."
                ),
            )
        messages.success(
            self.request,
            _("Willkommen, %(name)s! Sie können jetzt fragen, antworten und abstimmen.")
            % {"name": user.display_name},
        )
        return redirect(reverse("board:index") + f"?ausgabe={user.quick_join_edition.year}")


class JoinQRCodeView(View):
    """The QR code of an open event code, as SVG (for the wall and the moderators' page)."""

    def get(self, request, code):
        phase = live.phase_for_code(code)
        if phase is None:
            raise Http404
        response = HttpResponse(qr_svg(join_url(request, phase)), content_type="image/svg+xml")
        response["Cache-Control"] = "public, max-age=300"
        return response


class ModeratorMixin:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_moderator(request.user):
            if not request.user.is_authenticated:
                return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
            raise Http404
        self.edition = edition_by_year(kwargs["year"], request.user)
        if self.edition is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class LiveSettingsView(ModeratorMixin, TemplateView):
    """The moderators' page for an edition's quick join: code, QR code, switches."""

    template_name = "board/live_settings.html"

    def get_context_data(self, **kwargs):
        phase = live.live_phase_for(self.edition)
        projector_url = self.request.build_absolute_uri(
            reverse("board:wall", args=[self.edition.year])
            + "?"
            + urlencode({PROJECTOR_PARAM: live.projector_key(phase)})
        )
        return super().get_context_data(
            edition=self.edition,
            phase=phase,
            projector_url=projector_url,
            join_url=join_url(self.request, phase),
            qr_code=qr_svg(join_url(self.request, phase), scale=6),
            **kwargs,
        )

    def post(self, request, year):
        action = request.POST.get("action")
        try:
            if action == "regenerate":
                phase = live.regenerate_code(edition=self.edition, user=request.user)
                messages.success(
                    request,
                    _("Neuer Veranstaltungscode: %(code)s. Der alte gilt nicht mehr.")
                    % {"code": phase.event_code},
                )
            elif action in ("open", "close"):
                live.set_quick_join(
                    edition=self.edition, user=request.user, is_open=action == "open"
                )
                messages.success(
                    request,
                    _("Der Schnellzugang ist geöffnet.")
                    if action == "open"
                    else _("Der Schnellzugang ist geschlossen."),
                )
            elif action in ("premoderate", "publish"):
                live.set_quick_join(
                    edition=self.edition,
                    user=request.user,
                    pre_moderation=action == "premoderate",
                )
                messages.success(request, _("Die Einstellung wurde gespeichert."))
            else:
                messages.error(request, _("Unbekannte Aktion."))
        except live.JoinError as error:
            messages.error(request, error.message)
        return redirect(reverse("board:live_settings", args=[self.edition.year]))


class SessionThreadListView(ThreadListView):
    """``/fragen/programm/<year>/<session id>/``: the questions of one programme session, with
    its own URL (the session id is the block id, for imported talks the pretalx guid)."""

    def get_filters(self):
        filters = super().get_filters()
        edition = edition_by_year(self.kwargs["year"], self.request.user)
        sessions = dict(edition.sessions()) if edition else {}
        if self.kwargs["session_id"] not in sessions:
            raise Http404
        current = edition.current_session()
        filters.update(
            edition=edition,
            session=Session(
                self.kwargs["session_id"],
                sessions[self.kwargs["session_id"]],
                is_now=current is not None and current[0] == self.kwargs["session_id"],
            ),
        )
        return filters

    def get_queryset(self):
        return super().get_queryset().filter(session_id=self.filters["session"].id)

    def query_params(self, threads):
        # The edition comes from the address, not from the query string.
        params = super().query_params(threads)
        return [(name, None if name == "ausgabe" else value) for name, value in params]


class Session:
    """A programme session for templates: ``id``, ``value`` (the block's), ``is_now``."""

    __slots__ = ("id", "is_now", "value")

    def __init__(self, block_id, value, *, is_now=False):
        self.id = block_id
        self.value = value
        self.is_now = is_now


class AskInSessionView(AskView):
    """``/fragen/programm/<year>/<session id>/frage/``: asking from a session's page attaches
    the question to that session (preselected; the person may still change it)."""

    def get_edition(self):
        edition = edition_by_year(self.kwargs["year"], self.request.user)
        if edition is None or self.kwargs["session_id"] not in dict(edition.sessions()):
            raise Http404
        return edition

    def get_initial(self):
        return {**super().get_initial(), "session_id": self.kwargs["session_id"]}

    def get_context_data(self, **kwargs):
        edition = self.get_edition()
        value = dict(edition.sessions())[self.kwargs["session_id"]]
        return super().get_context_data(session=Session(self.kwargs["session_id"], value), **kwargs)


# --- the wall ----------------------------------------------------------------------------------


class WallView(TemplateView):
    """``/fragen/wand/<year>/``: the hall's projector view (public questions only, as anyone
    may see them; moderators get the buttons and keys to mark questions)."""

    template_name = "board/wall.html"

    def get_context_data(self, **kwargs):
        edition = edition_by_year(self.kwargs["year"], self.request.user)
        if edition is None:
            raise Http404
        phase = live.live_phase_for(edition)
        sessions = dict(edition.sessions())
        session_id = self.request.GET.get("programmpunkt", "")
        if session_id not in sessions:
            session_id = ""
        current = edition.current_session()
        threads = live.wall_threads(edition, session_id=session_id)
        answering = phase.answering
        if answering is not None and not (
            answering.is_public and answering.status == answering.Status.OPEN
        ):
            answering = None
        if answering is not None:
            threads = [answering] + [thread for thread in threads if thread.pk != answering.pk]
        mode = self.request.GET.get("modus")
        join_open = live.join_open(phase, edition)
        is_moderator = permissions.is_moderator(self.request.user)
        # The code lets anyone make an account and post: it shows in the hall (the projector's
        # secret link) and to moderators, not to everyone who opens the wall's address.
        show_code = join_open and (
            is_moderator or live.is_projector(phase, self.request.GET.get(PROJECTOR_PARAM))
        )
        return super().get_context_data(
            edition=edition,
            phase=phase,
            threads=threads,
            answering=answering,
            session=Session(session_id, sessions[session_id]) if session_id else None,
            current=Session(current[0], current[1], is_now=True) if current else None,
            join_url=join_url(self.request, phase),
            short_join_url=self.request.get_host() + reverse("board:join"),
            qr_code=qr_svg(join_url(self.request, phase), scale=10) if show_code else "",
            join_open=join_open,
            show_code=show_code,
            mode=mode if mode in ("hell", "dunkel") else "",
            is_moderator=is_moderator,
            **kwargs,
        )


class WallActionView(View):
    """POST from the wall (buttons or keys): a question is being answered, or answered."""

    http_method_names = ["post"]

    def post(self, request, year):
        if not permissions.is_moderator(request.user):
            raise Http404
        edition = edition_by_year(year, request.user)
        if edition is None:
            raise Http404
        thread = get_object_or_404(
            Thread.objects.visible_to(request.user), pk=request.POST.get("frage", 0)
        )
        action = request.POST.get("action")
        try:
            if action == "answering":
                live.set_answering(edition=edition, user=request.user, thread=thread)
            elif action == "answered":
                live.mark_answered(edition=edition, user=request.user, thread=thread)
            elif action == "clear":
                live.set_answering(edition=edition, user=request.user, thread=None)
            else:
                messages.error(request, _("Unbekannte Aktion."))
        except (live.JoinError, services.BoardError) as error:
            messages.error(request, error.message)
        target = reverse("board:wall", args=[year])
        query = request.POST.get("zurueck", "")
        if query.startswith("?"):
            target += query
        return redirect(target)
