"""Moderation: the public moderation log, and in the Wagtail admin the review queue and the
action pages for a post and a thread. Every action goes through ``board.services``; only
moderators reach the admin views."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import ListView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.urlsafety import safe_next_url

from .. import permissions, services
from ..forms import MergeForm, ModerationForm, MoveForm
from ..models import Flag, ModerationLogEntry, Post, Thread, Visibility, board_editions
from ..queries import edition_by_year
from .base import paginated_query


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ModerationPage(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page of the moderation in the Wagtail admin: moderators only, Wagtail's header with
    ``page_title`` and ``header_icon``, and breadcrumbs Home › Moderation › this page (the
    review queue, which is "Moderation", ends its breadcrumbs with itself)."""

    under_queue = True

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.under_queue:
            items.append({"url": reverse("board_admin:queue"), "label": _("Moderation")})
        items.append({"url": "", "label": self.get_page_title()})
        return items


class ReviewQueueView(ModerationPage):
    template_name = "board/admin/queue.html"
    under_queue = False
    page_title = gettext_lazy("Moderation: Prüfliste")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_flags = Flag.objects.filter(resolution="").select_related("reporter")
        context["pending"] = (
            Post.objects.filter(visibility=Visibility.PENDING)
            .select_related("thread__edition", "author")
            .order_by("created_at")
        )
        context["flagged"] = (
            Post.objects.filter(flags__resolution="")
            .annotate(open_flags=Count("flags", filter=Q(flags__resolution="")))
            .select_related("thread__edition", "author")
            .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flag_list"))
            .order_by("-open_flags", "created_at")
        )
        return context


class PostModerationView(ModerationPage):
    template_name = "board/admin/post.html"
    page_title = gettext_lazy("Beitrag moderieren")
    header_icon = "comment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = get_object_or_404(
            Post.objects.visible_to(self.request.user).select_related("thread__edition", "author"),
            pk=self.kwargs["pk"],
        )
        context.update(
            post=post,
            thread=post.thread,
            flags=post.flags.select_related("reporter"),
            revision_count=post.revisions.count(),
            form=ModerationForm(),
        )
        return context


class ThreadModerationView(ModerationPage):
    template_name = "board/admin/thread.html"
    page_title = gettext_lazy("Frage moderieren")
    header_icon = "help"

    merge_form = None  # a bound MergeForm with errors (ThreadActionView), else a fresh one

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        thread = get_object_or_404(
            Thread.objects.visible_to(self.request.user).select_related(
                "edition", "topic", "author", "merged_into"
            ),
            pk=self.kwargs["pk"],
        )
        context.update(
            thread=thread,
            root=thread.posts.filter(parent__isnull=True).first(),
            form=ModerationForm(),
            move_form=MoveForm(
                initial={"edition": thread.edition_id, "topic": thread.topic_id},
                moderator=self.request.user,
            ),
            merge_form=self.merge_form or MergeForm(source=thread),
        )
        return context


class PostActionView(ModeratorRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        post = get_object_or_404(
            Post.objects.visible_to(request.user).select_related("thread"), pk=pk
        )
        reason = request.POST.get("reason", "")
        user = request.user
        actions = {
            "hide": (
                lambda: services.hide_post(post=post, moderator=user, reason=reason),
                _("Der Beitrag ist ausgeblendet."),
            ),
            "restore": (
                lambda: services.restore_post(post=post, moderator=user, reason=reason),
                _("Der Beitrag ist wiederhergestellt."),
            ),
            "approve": (
                lambda: services.approve_post(post=post, moderator=user),
                _("Der Beitrag ist freigegeben."),
            ),
            "dismiss": (
                lambda: services.dismiss_flags(post=post, moderator=user, reason=reason),
                _("Die Meldungen sind abgelehnt."),
            ),
        }
        if action not in actions:
            raise PermissionDenied
        run, success = actions[action]
        try:
            run()
        except services.BoardError as error:
            messages.error(request, error.message)
            return redirect("board_admin:post", pk=post.pk)
        messages.success(request, success)
        queue = reverse("board_admin:queue")
        return redirect(safe_next_url(request, request.POST.get("next"), queue))


# What each thread action confirms (pin and lock used to say the same thing).
THREAD_ACTION_MESSAGES = {
    "pin": gettext_lazy("Die Frage ist jetzt angeheftet."),
    "unpin": gettext_lazy("Die Frage ist nicht mehr angeheftet."),
    "lock": gettext_lazy("Die Frage ist gesperrt: Es kann nicht mehr geantwortet werden."),
    "unlock": gettext_lazy("Die Frage ist entsperrt: Es kann wieder geantwortet werden."),
    "close": gettext_lazy("Die Frage ist geschlossen."),
    "reopen": gettext_lazy("Die Frage ist wieder offen."),
    "move": gettext_lazy("Die Frage wurde verschoben."),
}


def merge_message(merged):
    """What a merge did, in words: the target, the replies moved, the accepted answer."""
    parts = [
        _("Die Frage wurde mit „%(title)s“ zusammengeführt.") % {"title": merged.target.title},
        ngettext(
            "%(count)d Antwort wurde dorthin verschoben.",
            "%(count)d Antworten wurden dorthin verschoben.",
            merged.moved_replies,
        )
        % {"count": merged.moved_replies},
    ]
    if merged.accepted_post is not None:
        parts.append(
            _(
                "Die Zielfrage hatte keine akzeptierte Antwort: "
                "die akzeptierte Antwort der doppelten Frage gilt jetzt dort."
            )
        )
    return " ".join(parts)


class ThreadActionView(ModeratorRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
        user = request.user
        reason = request.POST.get("reason", "")
        try:
            if action in ("pin", "unpin"):
                services.pin_thread(
                    thread=thread, moderator=user, pinned=action == "pin", reason=reason
                )
            elif action in ("lock", "unlock"):
                services.lock_thread(
                    thread=thread, moderator=user, locked=action == "lock", reason=reason
                )
            elif action == "close":
                services.close_thread(thread=thread, moderator=user, reason=reason)
            elif action == "reopen":
                services.set_status(
                    thread=thread, user=user, status=Thread.Status.OPEN, reason=reason
                )
            elif action == "move":
                form = MoveForm(request.POST, moderator=request.user)
                if not form.is_valid():
                    raise services.BoardError(_("Bitte wählen Sie eine Ausgabe."))
                services.move_thread(
                    thread=thread,
                    moderator=user,
                    edition=form.cleaned_data["edition"],
                    topic=form.cleaned_data["topic"],
                    reason=form.cleaned_data["reason"],
                )
            elif action == "merge":
                form = MergeForm(request.POST, source=thread)
                if not form.is_valid():
                    return self.merge_form_invalid(request, thread, form)
                merged = services.merge_threads(
                    source=thread,
                    target=form.cleaned_data["target"],
                    moderator=user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, merge_message(merged))
                return redirect("board_admin:thread", pk=thread.pk)
            else:
                raise PermissionDenied
        except services.BoardError as error:
            messages.error(request, error.message)
            return redirect("board_admin:thread", pk=thread.pk)
        messages.success(
            request, THREAD_ACTION_MESSAGES.get(action, _("Die Frage wurde geändert."))
        )
        return redirect("board_admin:thread", pk=thread.pk)

    @staticmethod
    def merge_form_invalid(request, thread, form):
        """The moderation page again, with the errors and the reason as typed (HTTP 400)."""
        view = ThreadModerationView(merge_form=form)
        view.setup(request, pk=thread.pk)
        response = view.render_to_response(view.get_context_data())
        response.status_code = 400
        return response


# --- public moderation log ---------------------------------------------------------------------


class ModerationLogView(ListView):
    """What the moderation did and why, per edition, without personal data."""

    template_name = "board/moderation_log.html"
    context_object_name = "entries"
    paginate_by = 50
    page_kwarg = "seite"

    def get_queryset(self):
        user = self.request.user
        self.edition = edition_by_year(self.request.GET.get("ausgabe"), user)
        entries = ModerationLogEntry.objects.filter(
            edition__in=board_editions(user)
        ).select_related("edition", "thread", "target_thread", "post")
        if self.edition:
            entries = entries.filter(edition=self.edition)
        return entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = context["object_list"]
        # A question's title and link only where this reader may open it.
        mentioned = {pk for e in entries for pk in (e.thread_id, e.target_thread_id) if pk}
        visible = set(
            Thread.objects.visible_to(self.request.user)
            .filter(pk__in=mentioned)
            .values_list("pk", flat=True)
        )
        for entry in entries:
            entry.shown_thread = entry.thread if entry.thread_id in visible else None
            entry.shown_target = entry.target_thread if entry.target_thread_id in visible else None
        params = [("ausgabe", self.edition.year if self.edition else None)]
        context.update(
            edition=self.edition,
            editions=board_editions(self.request.user),
            query_string=paginated_query(self.request, params, context["page_obj"]),
        )
        return context
