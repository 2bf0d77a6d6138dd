"""Bump the version keys (home/versions.py) when anything every page shows changes.

Hung on Wagtail's page signals and Django's model signals, not on views or services, so a change
made in the admin, by a scheduled publication (it goes through ``publish``, which sends
``page_published``), by a management command or in ``manage.py shell`` is seen by the very next
request. Drafts and revisions do not bump: visitors see live pages only.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from taggit.models import Tag

from . import versions

# Changes that show on every page: the menus and footer (live pages, site settings), images and
# their credit lines, documents, locales and sites, tag names, people's public names; and view
# restrictions (privacy set on a page or collection), so no copy a visitor saw before stays served.
SITE_MODELS = (Site, Locale, Tag, BaseViewRestriction)


def bump_site(**kwargs):
    # The board shows page titles (editions, topics) and public names as well.
    versions.bump(versions.SITE, versions.BOARD)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_site()


def _model_changed(sender, instance, **kwargs):
    site_wide = (*SITE_MODELS, BaseSiteSetting, BaseGenericSetting)
    if isinstance(instance, (*site_wide, get_image_model(), get_document_model())):
        bump_site()


def _user_changed(sender, instance, update_fields=None, **kwargs):
    # A login writes last_login only: nothing public changed.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    bump_site()


def connect():
    page_published.connect(bump_site, dispatch_uid="versions.page_published")
    page_unpublished.connect(bump_site, dispatch_uid="versions.page_unpublished")
    post_page_move.connect(bump_site, dispatch_uid="versions.post_page_move")
    post_delete.connect(_page_deleted, dispatch_uid="versions.page_deleted")
    post_save.connect(_model_changed, dispatch_uid="versions.model_saved")
    post_delete.connect(_model_changed, dispatch_uid="versions.model_deleted")
    user_model = get_user_model()
    post_save.connect(_user_changed, sender=user_model, dispatch_uid="versions.user_saved")
    post_delete.connect(_user_changed, sender=user_model, dispatch_uid="versions.user_deleted")
