"""Admin choosers for questions, registered in ``board.wagtail_hooks``: answered questions for
the "Aus der Community" block (``board.blocks``), and the target when a moderator merges a
duplicate question into another one (``board.forms.MergeForm``).

A ``ChooserViewSet`` rather than a snippet: threads already have their admin listing
(``ThreadViewSet``) and must not be created or edited as snippets; the chooser only offers
public, answered questions.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Q, Value, When
from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.search.backends import get_search_backend

from accounts.text import parse_pk

from . import permissions
from .models import Post, Thread

SEARCH_LIMIT = 200  # search hits considered by the merge target chooser

logger = logging.getLogger(__name__)


def answered_threads():
    """The questions the "Aus der Community" block may quote: public and answered."""
    return Thread.objects.public().filter(
        status=Thread.Status.ANSWERED, accepted_post__isnull=False
    )


def _digits(values):
    return [pk for pk in map(parse_pk, values) if pk is not None]


class ChoosableOnlyMixin:
    """A chooser's "chosen" views answer only for questions its listing offers (``choosable``):
    Wagtail's default looks up any primary key, which told every admin user the title of hidden
    and pending questions (``chosen/<pk>/``, ``chosen-multiple/?id=…``)."""

    def choosable(self):
        raise NotImplementedError

    def get_object(self, pk):
        number = parse_pk(pk)
        if number is None:
            raise Http404
        return self.choosable().get(pk=number)

    def get_objects(self, pks):
        return self.choosable().filter(pk__in=_digits(pks))


class AnsweredThreadChosenView(ChoosableOnlyMixin, chooser_views.ChosenView):
    def choosable(self):
        return answered_threads()


class AnsweredThreadChosenMultipleView(ChoosableOnlyMixin, chooser_views.ChosenMultipleView):
    def choosable(self):
        return answered_threads()


def search_thread_ids(query):
    """Primary keys of published questions matching ``query``, best first.

    First what the site's search backend finds (as the site search does: German compounds and
    word forms, in the title, the tags or the question text; "Scanner" finds "Aufsichtscanner"),
    then questions whose title contains every word (a fallback for what the index lacks, and
    all there is when the backend cannot answer: no index yet, index being rebuilt).
    """
    published = Thread.objects.visible_to(None)
    ids = []
    try:
        backend = get_search_backend()
        threads = backend.search(query, published.only("pk"), operator="and")[:SEARCH_LIMIT]
        ids.extend(thread.pk for thread in threads)
        questions = Post.objects.visible_to(None).filter(depth=0)
        posts = backend.search(query, questions.only("pk", "thread_id"), operator="and")
        ids.extend(post.thread_id for post in posts[:SEARCH_LIMIT])
    except Exception:  # noqa: BLE001 - any backend failure: fall back, never a 500 in the admin
        logger.warning("Merge target search fell back to the database", exc_info=True)
    words = query.split()[:5]
    titles = published.filter(*[Q(title__icontains=word) for word in words]).order_by(
        "-last_activity_at"
    )
    ids.extend(titles.values_list("pk", flat=True)[:SEARCH_LIMIT])
    return list(dict.fromkeys(ids))


class ThreadSearchMixin:
    """A chooser listing of questions searched like the site: a number finds that question;
    other searches go through the site's search backend (``search_thread_ids``)."""

    def filter_object_list(self, objects):
        query = self.filter_form.data.get("q", "").strip() if self.filter_form.is_bound else ""
        number = parse_pk(query.lstrip("#"))
        if number is not None:
            # "123" or "#123": that question (if it may be chosen); no full-text search.
            self.filter_form.is_valid()
            self.filter_form.is_searching = True
            self.filter_form.search_query = query
            return objects.filter(pk=number)
        if query:
            # Ask the search backend for matching titles among all published questions, then
            # keep the order of relevance within the choosable ones.
            self.filter_form.is_valid()
            self.filter_form.is_searching = True
            self.filter_form.search_query = query
            ids = search_thread_ids(query)
            rank = Case(
                *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)],
                default=Value(len(ids)),
            )
            return objects.filter(pk__in=ids).order_by(rank)
        return super().filter_object_list(objects)


class AnsweredThreadChooseView(ThreadSearchMixin, chooser_views.ChooseView):
    pass


class AnsweredThreadChooseResultsView(ThreadSearchMixin, chooser_views.ChooseResultsView):
    pass


class AnsweredThreadChooserViewSet(ChooserViewSet):
    model = Thread
    icon = "help"
    choose_one_text = _("Beantwortete Frage wählen")
    choose_another_text = _("Andere Frage wählen")
    page_title = _("Beantwortete Frage wählen")
    per_page = 20
    # Not the default widget for every ForeignKey to Thread (e.g. "merged into" may be open).
    register_widget = False
    # The search goes through search_thread_ids (Wagtail's default search filtered on
    # accepted_post, which the index has no field for: a 500 for every search).
    choose_view_class = AnsweredThreadChooseView
    choose_results_view_class = AnsweredThreadChooseResultsView
    chosen_view_class = AnsweredThreadChosenView
    chosen_multiple_view_class = AnsweredThreadChosenMultipleView

    def get_object_list(self):
        return answered_threads().select_related("edition").order_by("-last_activity_at")


answered_thread_chooser_viewset = AnsweredThreadChooserViewSet(
    "board_answered_thread_chooser", url_prefix="fragenboard/beantwortete-fragen"
)


# --- merge target ------------------------------------------------------------------------------


class ModeratorsOnlyMixin:
    """The merge target chooser belongs to the moderation pages: other admin users (the
    Redaktion) get 403, as on ``board.views.moderation``."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MergeTargetChooseViewMixin(ModeratorsOnlyMixin, ThreadSearchMixin):
    """The merge target chooser's listing: public questions that are not merged themselves,
    never the duplicate being merged (``?quelle=<pk>``); questions of the duplicate's edition
    first, then the others, newest activity first; searched as ``ThreadSearchMixin`` does.
    Moderators only."""

    def get_source(self):
        source = parse_pk(self.request.GET.get("quelle"))
        if source is None:
            return None
        return Thread.objects.filter(pk=source).only("pk", "edition_id").first()

    def get_object_list(self):
        threads = Thread.objects.public().select_related("edition")
        source = self.get_source()
        if source is not None:
            threads = threads.exclude(pk=source.pk).annotate(
                other_edition=Case(
                    When(edition_id=source.edition_id, then=Value(0)), default=Value(1)
                )
            )
        else:
            threads = threads.annotate(other_edition=Value(0))
        return threads

    def apply_object_list_ordering(self, objects):
        return objects.order_by("other_edition", "-last_activity_at", "-pk")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("number", label=_("Nummer"), accessor="pk"),
            Column("edition", label=_("Ausgabe"), accessor="edition"),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]


class MergeTargetChooseView(MergeTargetChooseViewMixin, chooser_views.ChooseView):
    pass


class MergeTargetChooseResultsView(MergeTargetChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class MergeTargetChosenView(ModeratorsOnlyMixin, ChoosableOnlyMixin, chooser_views.ChosenView):
    def choosable(self):
        return Thread.objects.public()


class MergeTargetChosenMultipleView(
    ModeratorsOnlyMixin, ChoosableOnlyMixin, chooser_views.ChosenMultipleView
):
    def choosable(self):
        return Thread.objects.public()


class MergeTargetChooserViewSet(ChooserViewSet):
    model = Thread
    icon = "help"
    choose_one_text = _("Zielfrage wählen")
    choose_another_text = _("Andere Zielfrage wählen")
    page_title = _("Zielfrage wählen")
    per_page = 20
    register_widget = False
    preserve_url_parameters = ["multiple", "quelle"]
    choose_view_class = MergeTargetChooseView
    choose_results_view_class = MergeTargetChooseResultsView
    chosen_view_class = MergeTargetChosenView
    chosen_multiple_view_class = MergeTargetChosenMultipleView


merge_target_chooser_viewset = MergeTargetChooserViewSet(
    "board_merge_target_chooser", url_prefix="fragenboard/zielfrage"
)


class MergeTargetWidget(merge_target_chooser_viewset.widget_class):
    """The chooser widget; its modal leaves out (and sorts by the edition of) ``source``."""

    def __init__(self, *args, source=None, **kwargs):
        self.source = source
        super().__init__(*args, **kwargs)

    def get_chooser_modal_url(self):
        url = super().get_chooser_modal_url()
        if self.source is not None and self.source.pk:
            url += "?" + urlencode({"quelle": self.source.pk})
        return url

    def get_instance(self, value):
        if isinstance(value, str):
            value = parse_pk(value.strip().lstrip("#"))
            if value is None:
                return None  # typed rubbish: the form reports it; nothing to show as chosen
        return super().get_instance(value)

    def get_display_title(self, instance):
        return f"#{instance.pk} {instance.title}"
