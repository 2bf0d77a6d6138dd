from django.urls import path

from . import feeds, subscription_views, views

app_name = "board"

urlpatterns = [
    path("", views.ThreadListView.as_view(), name="index"),
    path("neu/", views.AskView.as_view(), name="ask"),
    path("vorschau/", views.PreviewView.as_view(), name="preview"),
    path("moderation/", views.ModerationLogView.as_view(), name="moderation_log"),
    path("<int:pk>-<slug:slug>/", views.ThreadDetailView.as_view(), name="thread"),
    path("<int:pk>/antworten/", views.ReplyView.as_view(), name="reply"),
    path("<int:pk>/status/", views.StatusView.as_view(), name="status"),
    path("<int:pk>/folgen/", views.SubscribeView.as_view(), name="subscribe"),
    path("beitrag/<int:pk>/", views.PostPermalinkView.as_view(), name="post"),
    path("beitrag/<int:pk>/bearbeiten/", views.EditPostView.as_view(), name="edit"),
    path("beitrag/<int:pk>/versionen/", views.PostHistoryView.as_view(), name="history"),
    path("beitrag/<int:pk>/stimme/", views.VoteView.as_view(), name="vote"),
    path("beitrag/<int:pk>/akzeptieren/", views.AcceptView.as_view(), name="accept"),
    path("beitrag/<int:pk>/melden/", views.FlagView.as_view(), name="flag"),
]

# Notifications: following editions and topics, unsubscribing from an e-mail (subscription_views).
urlpatterns += [
    path(
        "folgen/<slug:target>/<int:pk>/",
        subscription_views.FollowTargetView.as_view(),
        name="follow",
    ),
    path(
        "abbestellen/<str:token>/",
        subscription_views.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path(
        "abbestellen/<str:token>/ein-klick/",
        subscription_views.OneClickUnsubscribeView.as_view(),
        name="unsubscribe_one_click",
    ),
]

# Atom feeds (board/feeds.py).
urlpatterns += [
    path("feed/ausgabe/<int:year>/", feeds.EditionFeed(), name="edition_feed"),
    path("feed/schlagwort/<path:tag>/", feeds.TagFeed(), name="tag_feed"),
    path("<int:pk>/feed/", feeds.ThreadFeed(), name="thread_feed"),
]
