"""Questions: the list, the thread page, the permalink of a post, asking and the status."""

from urllib.parse import parse_qsl

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from accounts.text import parse_pk
from home import page_cache

from .. import permissions, polling, rendering, services, thread_page
from ..forms import QuestionForm, ReplyForm
from ..models import Phase, Post, Thread, Visibility, Vote, board_editions
from ..queries import edition_by_year, visible_posts
from ..tree import build_tree, flat_order, top_level_order
from .base import (
    VIEW_FLAT,
    VIEW_PARAM,
    VIEW_THREADED,
    ActionView,
    PreviewMixin,
    chosen_view,
    paginated_query,
    remember_view,
)

REPLIES_PER_PAGE = 20  # top-level replies (each with its nested replies) per thread page
FLAT_POSTS_PER_PAGE = 50

THREADS_PER_PAGE = 20

DEFAULT_SORT = "aktivitaet"
# The question list's parameters: the filter form's fields, the topic and the page.
LIST_PARAMS = (
    "ausgabe",
    "phase",
    "status",
    "sortierung",
    "unbeantwortet",
    "schlagwort",
    "thema",
    "seite",
)

SORTS = {
    "aktivitaet": ("-last_activity_at", "-pk"),
    "stimmen": ("-vote_count", "-last_activity_at", "-pk"),
    "neu": ("-created_at", "-pk"),
}


class ThreadListView(ListView):
    template_name = "board/thread_list.html"
    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE
    page_kwarg = "seite"

    def get_filters(self):
        params = self.request.GET
        sort = params.get("sortierung", DEFAULT_SORT)
        return {
            "edition": edition_by_year(params.get("ausgabe"), self.request.user),
            "phase": params.get("phase") if params.get("phase") in Phase.values else "",
            "status": params.get("status") if params.get("status") in Thread.Status.values else "",
            "unanswered": params.get("unbeantwortet") == "1",
            "tag": params.get("schlagwort", "").strip()[:100],
            "sort": sort if sort in SORTS else DEFAULT_SORT,
            "topic": parse_pk(params.get("thema")),
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
        if filters["topic"] is not None:
            threads = threads.filter(topic_id=filters["topic"])
        return threads.order_by("-is_pinned", *SORTS[filters["sort"]])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.query_params(context["object_list"])
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
            query_string=paginated_query(self.request, params, context["page_obj"]),
            is_moderator=permissions.is_moderator(self.request.user),
        )
        return context

    def render_to_response(self, context, **kwargs):
        canonical = page_cache.canonical_query(self.request)
        if self.only_spelled_otherwise(canonical):
            return HttpResponseRedirect(self.request.path + (f"?{canonical}" if canonical else ""))
        return super().render_to_response(context, **kwargs)

    def only_spelled_otherwise(self, canonical):
        """Whether the query string asks for the same list as ``canonical`` (the page's own
        links) and differs only by empty fields, the default sort or the order, as the filter
        form sends it (it submits every field): then the list redirects to its own address,
        which the anonymous page cache keeps. Anything else (an unknown parameter, a value that
        did not take effect as given) is answered as it is."""
        raw = self.request.META.get("QUERY_STRING", "")
        if raw == canonical:
            return False
        pairs = parse_qsl(raw, keep_blank_values=True)
        if any(name not in LIST_PARAMS for name, _value in pairs):
            return False
        asked = [
            (name, value)
            for name, value in pairs
            if value and not (name == "sortierung" and value == DEFAULT_SORT)
        ]
        return sorted(asked) == sorted(parse_qsl(canonical, keep_blank_values=True))

    def query_params(self, threads):
        """The filters and sort that took effect, as ``(name, value)`` pairs in the order of the
        filter form (``None`` for one not in effect), then the topic: the query string of the
        page's own links and the only one the anonymous page cache keeps it under
        (``home/page_cache.py``). A tag or topic filter counts only if a question shown carries
        it, the tag written as its name is (the filter ignores case), so made-up tags and
        topics, or other spellings of a tag, add no entries."""
        filters = self.filters
        edition, tag, topic = filters["edition"], filters["tag"], filters["topic"]
        if tag:
            names = (t.name for thread in threads for t in thread.tags.all())
            tag = next((name for name in names if name.lower() == tag.lower()), None)
        if topic is not None and not any(thread.topic_id == topic for thread in threads):
            topic = None
        return [
            ("ausgabe", edition.year if edition else None),
            ("phase", filters["phase"] or None),
            ("status", filters["status"] or None),
            ("sortierung", None if filters["sort"] == DEFAULT_SORT else filters["sort"]),
            ("unbeantwortet", "1" if filters["unanswered"] else None),
            ("schlagwort", tag or None),
            ("thema", topic),
        ]


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
        self.reader_view, chosen = chosen_view(request)
        # A participant's page comes from the rendering all participants share, with their own
        # parts put in (board/thread_page.py); everyone else's is rendered for them.
        response = thread_page.serve(
            request, kwargs["pk"], lambda: self.render_page(kwargs), self.reader_view
        )
        if response is None:
            response = self.render_page(kwargs)
        if chosen and response.status_code == 200:
            remember_view(response, self.reader_view)
        return response

    def render_page(self, kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object.get_absolute_url(), permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        thread = self.object
        user = self.request.user
        moderator = permissions.is_moderator(user)
        posts = visible_posts(thread, user)
        root, top_level, nodes = build_tree(posts, thread.accepted_post_id)
        # A shared rendering's stand-in voted for nothing (board/polling.py).
        if permissions.is_participant(user) and not polling.is_shared_render(self.request):
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
        shown = [root, *rendered] if root else rendered  # the posts this page renders
        # The page's own parameters, as its links write them (the anonymous page cache keeps
        # the page under no other query string).
        asked_view = self.request.GET.get(VIEW_PARAM)
        if asked_view not in (VIEW_FLAT, VIEW_THREADED):
            asked_view = None
        paginated_query(self.request, [(VIEW_PARAM, asked_view)], page)
        can_reply = permissions.can_reply(user, thread)
        can_accept = permissions.can_accept(user, thread)
        staff = rendering.prepare(
            shown,
            thread=thread,
            user=user,
            moderator=moderator,
            can_reply=can_reply,
            can_accept=can_accept,
            # Visitors get no token (their buttons are disabled): no CSRF cookie for them.
            csrf_token=polling.csrf_token(self.request) if user.is_authenticated else "",
        )
        thread_page.mark_cards(self.request, shown, staff)
        follow_slot = thread_page.follow_slot(self.request)
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
            follow_slot=follow_slot,
            is_subscribed=(
                permissions.is_participant(user)
                and not follow_slot
                and thread.subscriptions.filter(user=user).exists()
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
