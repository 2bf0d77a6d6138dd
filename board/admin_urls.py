from django.urls import path

from . import export_views
from .views import moderation as admin_views

app_name = "board_admin"

urlpatterns = [
    path("", admin_views.ReviewQueueView.as_view(), name="queue"),
    path("export/", export_views.ExportView.as_view(), name="export"),
    path("beitrag/<int:pk>/", admin_views.PostModerationView.as_view(), name="post"),
    path(
        "beitrag/<int:pk>/<slug:action>/",
        admin_views.PostActionView.as_view(),
        name="post_action",
    ),
    path("frage/<int:pk>/", admin_views.ThreadModerationView.as_view(), name="thread"),
    path(
        "frage/<int:pk>/<slug:action>/",
        admin_views.ThreadActionView.as_view(),
        name="thread_action",
    ),
]
