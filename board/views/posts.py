"""Replies and what is done to a post: replying, editing, its history, the preview, votes,
accepting an answer, flagging."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.text import parse_pk

from .. import history, permissions, rendering, services
from ..forms import EditPostForm, FlagForm, ReplyForm
from ..markdown import render_markdown
from ..models import Post, Thread
from .base import (
    ActionView,
    PreviewMixin,
    RuleRequiredMixin,
    check_ip_limit,
    check_preview_limits,
    error_status,
    wants_json,
)


class ReplyView(LoginRequiredMixin, PreviewMixin, FormView):
    """GET: the reply form for one post (``?auf=<id>``); POST: save the reply."""

    template_name = "board/reply.html"
    form_class = ReplyForm
    rate_limit_action = "reply"

    def dispatch(self, request, *args, **kwargs):
        self.thread = get_object_or_404(
            Thread.objects.visible_to(request.user).select_related("edition"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_parent(self):
        parent_id = parse_pk(self.request.POST.get("parent") or self.request.GET.get("auf"))
        if parent_id is not None:
            return (
                Post.objects.visible_to(self.request.user)
                .select_related("author")
                .filter(pk=parent_id, thread=self.thread)
                .first()
            )
        return None

    def get_initial(self):
        parent = self.get_parent()
        return {"parent": parent.pk if parent else None}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(thread=self.thread, author=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            thread=self.thread,
            parent=self.get_parent(),
            can_reply=permissions.can_reply(self.request.user, self.thread),
        )
        return context

    def saved(self, post):
        if post.is_pending:
            messages.success(
                self.request,
                _("Danke! Ihre Antwort erscheint, sobald die Moderation sie freigegeben hat."),
            )
        else:
            messages.success(self.request, _("Ihre Antwort ist veröffentlicht."))
        return redirect(post.get_absolute_url())


class PostFormMixin(LoginRequiredMixin, RuleRequiredMixin):
    """A form about one post (``post_obj``), fetched through ``Post.objects.visible_to``; GET
    asks the view's rule, a refused POST goes on to the service (which says why)."""

    def dispatch(self, request, *args, **kwargs):
        self.post_obj = get_object_or_404(
            Post.objects.visible_to(request.user).select_related("thread", "author"),
            pk=kwargs["pk"],
        )
        self.check_rule_unless_posted(self.post_obj)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(post=self.post_obj, thread=self.post_obj.thread)
        return context


class EditPostView(PostFormMixin, PreviewMixin, FormView):
    template_name = "board/edit.html"
    form_class = EditPostForm
    rate_limit_action = "edit"
    permission_required = "board.edit_post"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.post_obj, editor=self.request.user)
        return kwargs

    def saved(self, post):
        messages.success(self.request, _("Ihre Änderung ist gespeichert."))
        return redirect(post.get_absolute_url())


class PostHistoryView(RuleRequiredMixin, TemplateView):
    """Every version of a post with what changed, who changed it and when (``board.history``):
    for its author, for everyone who may read it once it was edited, for moderators always.
    A post without a history for this reader (never edited, not theirs) is a 404, like a post
    they may not read at all."""

    template_name = "board/history.html"
    permission_required = "board.view_post_history"

    def get_context_data(self, **kwargs):
        user = self.request.user
        post = get_object_or_404(
            Post.objects.visible_to(user).select_related("thread", "thread__edition", "author"),
            pk=self.kwargs["pk"],
        )
        if not self.has_rule(post):
            raise Http404
        moderator = permissions.is_moderator(user)
        version_list = history.versions(post, moderator=moderator)
        context = super().get_context_data(**kwargs)
        context.update(
            post=post,
            thread=post.thread,
            versions=version_list[::-1],  # newest first, as Discourse shows them
            # The current version's number: earlier ones the moderation withheld count too.
            version_count=version_list[-1].number,
            author_label=history.author_label(post, moderator=moderator),
            earlier_withheld=version_list[0].earlier_withheld,
            lang_attribute=mark_safe(rendering.lang_attribute(post.language)),  # noqa: S308 - escaped in lang_attribute
        )
        return context


class PreviewView(LoginRequiredMixin, View):
    """POST Markdown, get the sanitised HTML fragment (same pipeline as saving)."""

    http_method_names = ["post"]

    def post(self, request):
        body = request.POST.get("body", "")
        try:
            check_preview_limits(request)
        except services.RateLimited as error:
            return fragment(error.message, status=429)
        if len(body) > services.MAX_BODY_LENGTH:
            return fragment(
                _("Der Text ist zu lang: höchstens %(max)d Zeichen, Ihr Text hat %(length)d.")
                % {"max": services.MAX_BODY_LENGTH, "length": len(body)},
                status=400,
            )
        html = render_markdown(body) or "<p>{}</p>".format(_("Noch kein Text."))
        return HttpResponse(html, content_type="text/html; charset=utf-8")


def fragment(text, *, status):
    """A one-paragraph HTML fragment (what the preview script shows in place of the preview)."""
    return HttpResponse(
        format_html("<p>{}</p>", text), status=status, content_type="text/html; charset=utf-8"
    )


class VoteView(ActionView):
    permission_required = "board.vote_post"  # to vote; withdrawing a vote is always possible

    def denied_message(self, post):
        return services.vote_refusal(self.request.user, post)

    def post(self, request, pk):
        post = get_object_or_404(
            Post.objects.visible_to(request.user).select_related("thread"), pk=pk
        )
        withdraw = request.POST.get("action") == "unvote"
        if not withdraw and (refused := self.refused(post, post.get_absolute_url())):
            return refused
        try:
            self.check_limits("unvote" if withdraw else "vote")
            if withdraw:
                post = services.unvote(post=post, user=request.user)
                message = _("Ihre Stimme wurde zurückgenommen.")
            else:
                post = services.vote(post=post, user=request.user)
                message = _("Ihre Stimme wurde gezählt.")
        except services.BoardError as error:
            return self.handle_error(error, post.get_absolute_url())
        if wants_json(request):
            return JsonResponse(
                {
                    "ok": True,
                    "vote_count": post.vote_count,
                    "vote_word": rendering.vote_word(post.vote_count),
                    "voted": not withdraw,
                    "message": message,
                }
            )
        messages.success(request, message)
        return redirect(post.get_absolute_url())


class AcceptView(ActionView):
    permission_required = "board.accept_answer"  # on the post's thread
    permission_denied_message = _lazy(
        "Nur die fragende Person oder die Moderation kann eine Antwort akzeptieren."
    )

    def post(self, request, pk):
        post = get_object_or_404(
            Post.objects.visible_to(request.user).select_related("thread"), pk=pk
        )
        thread = post.thread
        if refused := self.refused(thread, post.get_absolute_url()):
            return refused
        try:
            self.check_limits("accept", account=True)
            if request.POST.get("action") == "unaccept":
                services.unaccept_answer(thread=thread, user=request.user)
                messages.success(request, _("Die Antwort ist nicht mehr akzeptiert."))
            else:
                services.accept_answer(thread=thread, post=post, user=request.user)
                messages.success(request, _("Die Antwort ist als akzeptiert markiert."))
        except services.NotAllowed as error:
            return self.handle_error(error, post.get_absolute_url(), status=403)
        except services.BoardError as error:
            return self.handle_error(error, post.get_absolute_url())
        return redirect(post.get_absolute_url())


class FlagView(PostFormMixin, FormView):
    template_name = "board/flag.html"
    form_class = FlagForm
    permission_required = "board.flag_post"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(post=self.post_obj, reporter=self.request.user)
        return kwargs

    def form_valid(self, form):
        try:
            check_ip_limit(self.request, "flag")
            form.save()
        except services.BoardError as error:
            form.add_service_error(error)
            response = self.form_invalid(form)
            response.status_code = error_status(error, response.status_code)
            return response
        messages.success(
            self.request, _("Danke für Ihre Meldung. Die Moderation sieht sie sich an.")
        )
        return redirect(self.post_obj.get_absolute_url())
