"""A participant's own page (``board:mine``, ``/fragen/meine/``, English ``/en/questions/mine/``):
their questions, replies, subscriptions (each with a one-click unsubscribe button) and votes.

One section per address (``meine/``, ``meine/antworten/``, ``meine/abonnements/``,
``meine/stimmen/``), each paginated with ``?seite=``. Everything is read through the one
definition of visibility (``Thread.objects.visible_to``, ``Post.objects.placed_for`` /
``visible_to``), so the page shows a person's contributions as they themselves may see them:
their pending posts with a badge, their hidden replies as the thread page shows them (a
placeholder, no text), merged questions with the question they now belong to; a subscription
to a question they may no longer open (or a topic page no longer public) keeps its button but
names nothing. The page is private
(signed-in only, never cached for others).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from accounts.urlsafety import safe_next_url

from .. import rendering, services
from ..models import Post, Subscription, Thread, Vote, editions_visible_to
from .base import ActionView

ITEMS_PER_PAGE = 20

#: section -> (URL name, tab label)
SECTIONS = {
    "questions": ("board:mine", gettext_lazy("Meine Fragen")),
    "replies": ("board:mine_replies", gettext_lazy("Meine Antworten")),
    "subscriptions": ("board:mine_subscriptions", gettext_lazy("Meine Abonnements")),
    "votes": ("board:mine_votes", gettext_lazy("Meine Stimmen")),
}


def my_questions(user):
    """The questions ``user`` asked, as they may see them (pending ones included), newest
    first; merged ones with the question they were merged into."""
    return (
        Thread.objects.visible_to(user)
        .filter(author=user)
        .select_related("edition", "merged_into")
        .order_by("-created_at", "-pk")
    )


def my_replies(user):
    """The replies ``user`` wrote, as the thread page places them for them: readable ones and
    hidden ones (shown as a placeholder), newest first."""
    return (
        Post.objects.placed_for(user)
        .filter(author=user, parent__isnull=False)
        .select_related("thread", "parent", "parent__author")
        .order_by("-created_at", "-pk")
    )


def my_subscriptions(user):
    """Everything ``user`` follows, newest first. ``target_visible`` says whether the person may
    still open the target (a question, a visible edition, a live topic page); where not, the
    page names nothing but still offers to unsubscribe."""
    visible_threads = Thread.objects.visible_to(user).filter(pk=OuterRef("thread_id"))
    visible_editions = editions_visible_to(user).filter(pk=OuterRef("edition_id"))
    # Topic pages as the wiki lists them to everyone (backlinks, related topics): live and
    # under no view restriction (a page made private no longer shows its title here).
    # The wiki is above the board (README, "Architecture"): its model through the foreign key.
    topic_model = Subscription._meta.get_field("topic").related_model
    public_topics = topic_model.objects.live().public().filter(pk=OuterRef("topic_id"))
    return (
        Subscription.objects.filter(user=user)
        .select_related("thread", "edition__locale", "topic__locale")
        .annotate(
            thread_visible=Exists(visible_threads),
            edition_visible=Exists(visible_editions),
            topic_visible=Exists(public_topics),
        )
        .order_by("-created_at", "-pk")
    )


def my_votes(user):
    """The posts ``user`` voted for that they may still read, most recent vote first."""
    return (
        Vote.objects.filter(user=user, post__in=Post.objects.visible_to(user))
        .select_related("post", "post__thread", "post__author")
        .order_by("-created_at", "-pk")
    )


QUERIES = {
    "questions": my_questions,
    "replies": my_replies,
    "subscriptions": my_subscriptions,
    "votes": my_votes,
}


class MineView(LoginRequiredMixin, TemplateView):
    """One section of the participant's own page, with tabs to the others (and their counts)."""

    template_name = "board/mine.html"
    section = "questions"

    def get_context_data(self, **kwargs):
        user = self.request.user
        page = Paginator(QUERIES[self.section](user), ITEMS_PER_PAGE).get_page(
            self.request.GET.get("seite")
        )
        items = list(page.object_list)
        if self.section == "subscriptions":
            for subscription in items:
                subscription.shown = _subscription_shown(subscription)
        counts = {name: query(user).count() for name, query in QUERIES.items()}
        tabs = [
            {
                "section": name,
                "url": reverse(url_name),
                "label": label,
                "count": counts[name],
                "current": name == self.section,
            }
            for name, (url_name, label) in SECTIONS.items()
        ]
        return super().get_context_data(
            section=self.section,
            section_label=SECTIONS[self.section][1],
            tabs=tabs,
            page_obj=page,
            items=items,
            # Questions belong to the edition's original page, in the site's default language.
            edition_lang=_lang(settings.LANGUAGE_CODE),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Cache-Control"] = "private, no-cache"
        return response


def _subscription_shown(subscription):
    """(kind label, title, url, `` lang="…"`` of the title) of a subscription as its owner may
    see it; title and url empty where the target is no longer visible to them."""
    if subscription.thread_id:
        kind, target = _("Frage"), subscription.thread
        if subscription.thread_visible:
            return kind, target.title, target.get_absolute_url(), _lang(target.language)
        return kind, "", "", ""
    if subscription.edition_id:
        kind, target = _("Ausgabe"), subscription.edition
        visible = subscription.edition_visible and target.live
    else:
        kind, target = _("Themenseite"), subscription.topic
        visible = subscription.topic_visible
    if visible:
        return kind, target.title, target.url, _lang(target.locale.language_code)
    return kind, "", "", ""


def _lang(language):
    return mark_safe(rendering.lang_attribute(language))  # noqa: S308 - escaped in lang_attribute


class UnsubscribeMineView(ActionView):
    """POST (with CSRF): end one of the signed-in person's own subscriptions, then back to the
    list. Someone else's subscription is a 404, as if it did not exist."""

    def post(self, request, pk):
        subscription = get_object_or_404(Subscription.objects.filter(user=request.user), pk=pk)
        back = safe_next_url(request, request.POST.get("next"), reverse("board:mine_subscriptions"))
        try:
            self.check_limits("subscribe", account=True)
        except services.RateLimited as error:
            return self.handle_error(error, back)
        target = {
            "thread": subscription.thread,
            "edition": subscription.edition,
            "topic": subscription.topic,
        }
        services.unsubscribe(user=request.user, **{k: v for k, v in target.items() if v})
        messages.success(request, _("Das Abonnement ist beendet."))
        return redirect(back)
