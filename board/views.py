"""Public views of the board. Every mutating view is POST-only, CSRF-protected and calls a
service; GET never changes anything."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from accounts.text import parse_pk, parse_year
from home.models import EventPage

from . import limits, permissions, rendering, services
from .forms import EditPostForm, FlagForm, QuestionForm, ReplyForm
from .markdown import render_markdown
from .models import (
    ModerationLogEntry,
    Phase,
    Post,
    Thread,
    Visibility,
    Vote,
    board_editions,
)

REPLIES_PER_PAGE = 20  # top-level replies (each with its nested replies) per thread page
FLAT_POSTS_PER_PAGE = 50

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


THREADS_PER_PAGE = 20

SORTS = {
    "aktivitaet": ("-last_activity_at", "-pk"),
    "stimmen": ("-vote_count", "-last_activity_at", "-pk"),
    "neu": ("-created_at", "-pk"),
}


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def edition_by_year(year, user=None):
    """The edition of ``year`` among those the board shows ``user`` (else ``None``)."""
    year = parse_year(year)
    if year is None:
        return None
    return board_editions(user).filter(date__year=year).first()


# --- thread list -------------------------------------------------------------------------------


class ThreadListView(ListView):
    template_name = "board/thread_list.html"
    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE
    page_kwarg = "seite"

    def get_filters(self):
        params = self.request.GET
        sort = params.get("sortierung", "aktivitaet")
        return {
            "edition": edition_by_year(params.get("ausgabe"), self.request.user),
            "phase": params.get("phase") if params.get("phase") in Phase.values else "",
            "status": params.get("status") if params.get("status") in Thread.Status.values else "",
            "unanswered": params.get("unbeantwortet") == "1",
            "tag": params.get("schlagwort", "").strip()[:100],
            "sort": sort if sort in SORTS else "aktivitaet",
        }

    def get_queryset(self):
        self.filters = filters = self.get_filters()
        threads = Thread.objects.listed_for(self.request.user).prefetch_related("tags")
        if filters["edition"]:
            threads = threads.filter(edition=filters["edition"])
        if filters["phase"]:
            threads = threads.filter(phase=filters["phase"])
        if filters["status"]:
            threads = threads.filter(status=filters["status"])
        if filters["unanswered"]:
            threads = threads.filter(status=Thread.Status.OPEN, accepted_post__isnull=True)
        if filters["tag"]:
            threads = threads.filter(tags__name__iexact=filters["tag"])
        topic = parse_pk(self.request.GET.get("thema"))
        if topic is not None:
            threads = threads.filter(topic_id=topic)
        return threads.order_by("-is_pinned", *SORTS[filters["sort"]])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        context.update(
            filters=self.filters,
            editions=board_editions(self.request.user),
            phases=Phase.choices,
            statuses=Thread.Status.choices,
            sorts=[
                ("aktivitaet", _("Letzte Aktivität")),
                ("stimmen", _("Meiste Stimmen")),
                ("neu", _("Neueste")),
            ],
            query_string=query.urlencode(),
            is_moderator=permissions.is_moderator(self.request.user),
        )
        return context


# --- thread page -------------------------------------------------------------------------------


class Node:
    """A post with its visible children, for rendering the thread as a tree."""

    __slots__ = (
        "post",
        "children",
        "voted",
        "can_edit",
        "flag_count",
        "closes",
        # set by rendering.prepare for the posts on the page:
        "links",
        "created_iso",
        "created_label",
        "edited_label",
        "accepted",
        "show_body",
        "can_vote",
        "show_reply",
        "show_accept",
        "show_flag",
        "author_name",
        "author_institution",
        "card",
        "card_label",
    )

    def __init__(self, post):
        self.post = post
        self.children = []
        self.voted = False
        self.can_edit = False
        self.flag_count = 0
        self.links = None  # rendering.PostLinks
        self.closes = 0  # nested lists that end after this node (rendering.depth_first)

    @property
    def closing(self):
        return range(self.closes)


def visible_posts(thread, user):
    """The thread's posts that take a place on this person's page (``Post.placed_for``: hidden
    ones stay as placeholders)."""
    posts = list(
        Post.objects.placed_for(user)
        .filter(thread=thread)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    for post in posts:
        post.thread = thread
    return posts


def top_level_order(replies, accepted_id):
    """Accepted answer first, then by votes, then oldest first (the same for permalinks)."""
    return sorted(replies, key=lambda p: (p.pk != accepted_id, -p.vote_count, p.created_at, p.pk))


def flat_order(posts):
    """The replies of the flat view, oldest first (the same for permalinks)."""
    replies = [post for post in posts if post.parent_id is not None]
    return sorted(replies, key=lambda p: (p.created_at, p.pk))


def build_tree(posts, accepted_id):
    nodes = {post.pk: Node(post) for post in posts}
    root = None
    top_level = []
    for post in posts:
        node = nodes[post.pk]
        if post.parent_id is None:
            root = node
        elif post.depth == 1:
            top_level.append(node)
        elif post.parent_id in nodes:
            nodes[post.parent_id].children.append(node)
    top_level = [nodes[p.pk] for p in top_level_order([n.post for n in top_level], accepted_id)]
    return root, top_level, nodes


class ThreadDetailView(DetailView):
    template_name = "board/thread_detail.html"
    context_object_name = "thread"

    def get_queryset(self):
        return (
            Thread.objects.visible_to(self.request.user)
            .select_related("edition", "topic", "author", "accepted_post")
            .prefetch_related("tags")
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object.get_absolute_url(), permanent=True)
        self.reader_view, chosen = chosen_view(request)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if chosen:
            remember_view(response, self.reader_view)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        thread = self.object
        user = self.request.user
        moderator = permissions.is_moderator(user)
        posts = visible_posts(thread, user)
        root, top_level, nodes = build_tree(posts, thread.accepted_post_id)
        if permissions.is_participant(user):
            voted = set(
                Vote.objects.filter(user=user, post__thread=thread).values_list(
                    "post_id", flat=True
                )
            )
            for node in nodes.values():
                node.voted = node.post.pk in voted
        if moderator:
            flag_counts = dict(
                thread.posts.filter(flags__resolution="")
                .annotate(n=Count("flags"))
                .values_list("pk", "n")
            )
            for pk, count in flag_counts.items():
                if pk in nodes:
                    nodes[pk].flag_count = count
        flat = getattr(self, "reader_view", None) == VIEW_FLAT
        if flat:
            items = [nodes[post.pk] for post in flat_order(posts)]
            page = Paginator(items, FLAT_POSTS_PER_PAGE).get_page(self.request.GET.get("seite"))
        else:
            page = Paginator(top_level, REPLIES_PER_PAGE).get_page(self.request.GET.get("seite"))
        rendered = list(page.object_list) if flat else rendering.depth_first(page.object_list)
        can_reply = permissions.can_reply(user, thread)
        can_accept = permissions.can_accept(user, thread)
        rendering.prepare(
            [root, *rendered] if root else rendered,
            thread=thread,
            user=user,
            moderator=moderator,
            can_reply=can_reply,
            can_accept=can_accept,
            # Visitors get no token (their buttons are disabled): no CSRF cookie for them.
            csrf_token=get_token(self.request) if user.is_authenticated else "",
        )
        context.update(
            question=root,
            page_obj=page,
            nodes=page.object_list,
            tree=[] if flat else rendered,
            flat=flat,
            is_moderator=moderator,
            can_reply=can_reply,
            can_accept=can_accept,
            can_follow=permissions.can_follow(user, thread),
            is_subscribed=(
                permissions.is_participant(user) and thread.subscriptions.filter(user=user).exists()
            ),
            reply_form=ReplyForm(thread=thread, author=user),
            # Never the title of a target or a duplicate this reader may not see.
            merged_into=(
                Thread.objects.visible_to(user).filter(pk=thread.merged_into_id).first()
                if thread.merged_into_id
                else None
            ),
            merged_threads=list(
                Thread.objects.visible_to(user)
                .filter(merged_into=thread, visibility=Visibility.PUBLISHED)
                .only("pk", "slug", "title", "language")
            ),
            max_depth=services.MAX_DEPTH,
            statuses=Thread.Status.choices,
        )
        return context


class PostPermalinkView(View):
    """``board:post``: redirect to the thread page that shows the post, with its anchor, in the
    reader's view (threaded or flat: ``?ansicht=`` or the remembered choice)."""

    def get(self, request, pk):
        user = request.user
        post = get_object_or_404(Post.objects.placed_for(user).select_related("thread"), pk=pk)
        thread = post.thread
        view, chosen = chosen_view(request)
        query = {VIEW_PARAM: VIEW_FLAT} if view == VIEW_FLAT else {}
        if post.parent_id is not None:
            page = self.page_of(post, thread, user, flat=view == VIEW_FLAT)
            if page > 1:
                query["seite"] = page
        url = thread.get_absolute_url()
        if query:
            url += "?" + urlencode(query)
        response = HttpResponseRedirect(f"{url}#{post.anchor}")
        if chosen:
            remember_view(response, view)
        return response

    @staticmethod
    def page_of(post, thread, user, *, flat):
        """The page number of the thread page (threaded or flat) that shows ``post``."""
        fields = ("pk", "parent_id", "depth", "vote_count", "created_at")
        rows = list(Post.objects.filter(thread=thread).only(*fields))
        placed = set(
            Post.objects.placed_for(user).filter(thread=thread).values_list("pk", flat=True)
        )
        visible = [row for row in rows if row.pk in placed]
        if flat:
            ordered = flat_order(visible)
            target, per_page = post.pk, FLAT_POSTS_PER_PAGE
        else:
            by_pk = {row.pk: row for row in rows}
            top = by_pk[post.pk]
            while top.depth > 1:
                top = by_pk[top.parent_id]
            candidates = [row for row in visible if row.depth == 1]
            ordered = top_level_order(candidates, thread.accepted_post_id)
            target, per_page = top.pk, REPLIES_PER_PAGE
        index = next((i for i, row in enumerate(ordered) if row.pk == target), 0)
        return index // per_page + 1


# --- asking and replying -----------------------------------------------------------------------


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


class AskView(LoginRequiredMixin, PreviewMixin, FormView):
    template_name = "board/ask.html"
    form_class = QuestionForm
    rate_limit_action = "ask"

    def get_edition(self):
        return edition_by_year(self.request.GET.get("ausgabe"), self.request.user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(author=self.request.user, edition=self.get_edition())
        return kwargs

    def saved(self, thread):
        if thread.visibility == Visibility.PENDING:
            messages.success(
                self.request,
                _("Danke! Ihre Frage erscheint, sobald die Moderation sie freigegeben hat."),
            )
        else:
            messages.success(self.request, _("Ihre Frage ist veröffentlicht."))
        return redirect(thread.get_absolute_url())


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


class EditPostView(LoginRequiredMixin, RuleRequiredMixin, PreviewMixin, FormView):
    template_name = "board/edit.html"
    form_class = EditPostForm
    rate_limit_action = "edit"
    permission_required = "board.edit_post"

    def dispatch(self, request, *args, **kwargs):
        self.post_obj = get_object_or_404(
            Post.objects.visible_to(request.user).select_related("thread", "author"),
            pk=kwargs["pk"],
        )
        self.check_rule_unless_posted(self.post_obj)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.post_obj, editor=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(post=self.post_obj, thread=self.post_obj.thread)
        return context

    def saved(self, post):
        messages.success(self.request, _("Ihre Änderung ist gespeichert."))
        return redirect(post.get_absolute_url())


class PostHistoryView(LoginRequiredMixin, RuleRequiredMixin, TemplateView):
    """Every version of a post; for moderators only."""

    template_name = "board/history.html"
    permission_required = "board.view_post_history"

    def get_context_data(self, **kwargs):
        post = get_object_or_404(
            Post.objects.visible_to(self.request.user).select_related("thread", "author"),
            pk=self.kwargs["pk"],
        )
        if not self.has_rule(post):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        versions = [
            {"version": v, "title": t, "body_html": render_markdown(b), "at": at}
            for v, t, b, at in services.post_history(post=post)
        ]
        context.update(post=post, thread=post.thread, versions=versions)
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


def check_preview_limits(request):
    """Previews are rate-limited per address and per account (``limits``, group "preview")."""
    check_ip_limit(request, "preview")
    services.check_rate_limit(user=request.user, action="preview")


# --- small POST actions ------------------------------------------------------------------------


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


class StatusView(ActionView):
    permission_required = "board.set_thread_status"
    permission_denied_message = _lazy(
        "Nur die fragende Person oder die Moderation kann den Status ändern."
    )

    def denied_message(self, thread):
        if permissions.is_author(self.request.user, thread):  # the asker, on a closed thread
            return _("Nur die Moderation kann Fragen schließen oder wieder öffnen.")
        return self.permission_denied_message

    def post(self, request, pk):
        thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
        if refused := self.refused(thread, thread.get_absolute_url()):
            return refused
        try:
            self.check_limits("status", account=True)
            services.set_status(
                thread=thread, user=request.user, status=request.POST.get("status", "")
            )
        except services.NotAllowed as error:
            return self.handle_error(error, thread.get_absolute_url(), status=403)
        except services.BoardError as error:
            return self.handle_error(error, thread.get_absolute_url())
        messages.success(request, _("Der Status wurde geändert."))
        return redirect(thread.get_absolute_url())


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


class FlagView(LoginRequiredMixin, RuleRequiredMixin, FormView):
    template_name = "board/flag.html"
    form_class = FlagForm
    permission_required = "board.flag_post"

    def dispatch(self, request, *args, **kwargs):
        self.post_obj = get_object_or_404(
            Post.objects.visible_to(request.user).select_related("thread", "author"),
            pk=kwargs["pk"],
        )
        self.check_rule_unless_posted(self.post_obj)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(post=self.post_obj, reporter=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(post=self.post_obj, thread=self.post_obj.thread)
        return context

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
        context.update(edition=self.edition, editions=board_editions(self.request.user))
        return context


def edition_threads(edition, *, user=None, limit=None):
    """An edition's threads listed for ``user`` (any language version of its page), pinned and
    newest first."""
    threads = (
        Thread.objects.listed_for(user)
        .prefetch_related("tags")
        .filter(Q(edition=edition) | Q(edition__translation_key=edition.translation_key))
        .order_by("-is_pinned", "-last_activity_at")
    )
    return threads[:limit] if limit else threads


def ask_url_for(edition):
    original = edition
    if edition.locale.language_code != settings.LANGUAGE_CODE:
        original = (
            EventPage.objects.filter(
                translation_key=edition.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            ).first()
            or edition
        )
    return reverse("board:ask") + f"?ausgabe={original.year}"
