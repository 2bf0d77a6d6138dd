"""The board's public URLs, below ``fragen/`` (English: ``/en/questions/``).

Path words are translated like the prefixes in ``config/urls.py`` (msgid German, English msgstr
in locale/en), so an English page links to English paths and German paths stay German. Query
parameters (``?ausgabe=``, ``?seite=``, ``?ansicht=flach``) are the same in both languages.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds
from .views import live as live_views
from .views import mine, posts, subscriptions, threads
from .views.moderation import ModerationLogView

app_name = "board"

urlpatterns = [
    path("", threads.ThreadListView.as_view(), name="index"),
    path(_("neu/"), threads.AskView.as_view(), name="ask"),
    path(_("vorschau/"), posts.PreviewView.as_view(), name="preview"),
    path("moderation/", ModerationLogView.as_view(), name="moderation_log"),
    path("<int:pk>-<slug:slug>/", threads.ThreadDetailView.as_view(), name="thread"),
    path(_("<int:pk>/antworten/"), posts.ReplyView.as_view(), name="reply"),
    path("<int:pk>/status/", threads.StatusView.as_view(), name="status"),
    path(_("<int:pk>/folgen/"), subscriptions.SubscribeView.as_view(), name="subscribe"),
    path(_("beitrag/<int:pk>/"), threads.PostPermalinkView.as_view(), name="post"),
    path(_("beitrag/<int:pk>/bearbeiten/"), posts.EditPostView.as_view(), name="edit"),
    path(_("beitrag/<int:pk>/versionen/"), posts.PostHistoryView.as_view(), name="history"),
    path(_("beitrag/<int:pk>/stimme/"), posts.VoteView.as_view(), name="vote"),
    path(_("beitrag/<int:pk>/akzeptieren/"), posts.AcceptView.as_view(), name="accept"),
    path(_("beitrag/<int:pk>/melden/"), posts.FlagView.as_view(), name="flag"),
]

# A participant's own page (views.mine): questions, replies, subscriptions, votes.
urlpatterns += [
    path(_("meine/"), mine.MineView.as_view(section="questions"), name="mine"),
    path(_("meine/antworten/"), mine.MineView.as_view(section="replies"), name="mine_replies"),
    path(
        _("meine/abonnements/"),
        mine.MineView.as_view(section="subscriptions"),
        name="mine_subscriptions",
    ),
    path(_("meine/stimmen/"), mine.MineView.as_view(section="votes"), name="mine_votes"),
    path(
        _("meine/abonnements/<int:pk>/beenden/"),
        mine.UnsubscribeMineView.as_view(),
        name="mine_unsubscribe",
    ),
]

# The live phase (views/live.py): quick join with the event code, its QR code, the moderators' page.
urlpatterns += [
    path(_("mitmachen/"), live_views.JoinView.as_view(), name="join"),
    path(_("mitmachen/<str:code>/"), live_views.JoinView.as_view(), name="join_code"),
    path(_("mitmachen/<str:code>/qr.svg"), live_views.JoinQRCodeView.as_view(), name="join_qr"),
    path("live/<int:year>/", live_views.LiveSettingsView.as_view(), name="live_settings"),
    path(_("wand/<int:year>/"), live_views.WallView.as_view(), name="wall"),
    path(_("wand/<int:year>/markieren/"), live_views.WallActionView.as_view(), name="wall_action"),
    path(
        _("programm/<int:year>/<str:session_id>/"),
        live_views.SessionThreadListView.as_view(),
        name="session",
    ),
    path(
        _("programm/<int:year>/<str:session_id>/frage/"),
        live_views.AskInSessionView.as_view(),
        name="ask_session",
    ),
]

# Notifications: following editions and topics, unsubscribing from an e-mail (views.subscriptions).
urlpatterns += [
    path(
        _("folgen/ausgabe/<int:pk>/"),
        subscriptions.FollowTargetView.as_view(),
        {"target": "ausgabe"},
        name="follow_edition",
    ),
    path(
        _("folgen/thema/<int:pk>/"),
        subscriptions.FollowTargetView.as_view(),
        {"target": "thema"},
        name="follow_topic",
    ),
    # The generic form ("ausgabe" or "thema" as the target) as before, in German paths.
    path(
        "folgen/<slug:target>/<int:pk>/",
        subscriptions.FollowTargetView.as_view(),
        name="follow",
    ),
    path(
        _("abbestellen/<str:token>/"),
        subscriptions.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path(
        _("abbestellen/<str:token>/ein-klick/"),
        subscriptions.OneClickUnsubscribeView.as_view(),
        name="unsubscribe_one_click",
    ),
    # The German unsubscribe paths keep working under /en/ as well: an unsubscribe link must
    # never break, whichever language prefix a mail client or a person puts in front of it.
    path(
        "abbestellen/<str:token>/",
        subscriptions.UnsubscribeView.as_view(),
        name="unsubscribe_de",
    ),
    path(
        "abbestellen/<str:token>/ein-klick/",
        subscriptions.OneClickUnsubscribeView.as_view(),
        name="unsubscribe_one_click_de",
    ),
]

# Atom feeds (board/feeds.py).
urlpatterns += [
    path(_("feed/ausgabe/<int:year>/"), feeds.EditionFeed(), name="edition_feed"),
    path(_("feed/schlagwort/<path:tag>/"), feeds.TagFeed(), name="tag_feed"),
    path("<int:pk>/feed/", feeds.ThreadFeed(), name="thread_feed"),
]
