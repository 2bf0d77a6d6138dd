"""Bump the version keys (home/versions.py) when anything every page shows changes.

Hung on Wagtail's page signals and Django's model signals, not on views or services, so a change
made in the admin, by a scheduled publication (it goes through ``publish``, which sends
``page_published``), by a management command or in ``manage.py shell`` is seen by the very next
request. Drafts and revisions do not bump: visitors see live pages only.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from taggit.models import Tag

from . import versions
from .models import TagTranslation

# Changes that show on every page: the menus and footer (live pages, site settings), images and
# their credit lines, documents, locales and sites, tag names, people's public names; and view
# restrictions (privacy set on a page or collection), so no copy a visitor saw before stays served;
# English labels of tags.
SITE_MODELS = (Site, Locale, Tag, TagTranslation, BaseViewRestriction)


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


# What pages show of an account: its public name and institution (author lines, feeds), and,
# through the staff badges (``board.permissions.staff_roles``), whether it is active or a
# superuser. The last two are its rights as well. Anything else (last_login, password, e-mail
# address, a quick join's edition) shows on no cached page: saving it bumps nothing.
USER_PUBLIC_FIELDS = ("display_name", "first_name", "last_name", "institution")
USER_RIGHTS_FIELDS = ("is_active", "is_superuser")


def _user_saving(sender, instance, update_fields=None, **kwargs):
    instance._versions_changed = set()
    if instance._state.adding or instance.pk is None:
        return  # a new account has written nothing yet: it shows nowhere
    fields = USER_PUBLIC_FIELDS + USER_RIGHTS_FIELDS
    if update_fields is not None:
        fields = tuple(name for name in fields if name in update_fields)
    if not fields:
        return  # a login (last_login) or a new password: nothing public changed
    stored = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    if stored is None:
        return
    instance._versions_changed = {
        name for name in fields if stored[name] != getattr(instance, name)
    }


def _user_changed(sender, instance, created=False, **kwargs):
    if created:
        return
    changed_fields = getattr(instance, "_versions_changed", set())
    instance._versions_changed = set()
    if changed_fields:
        bump_site()
    if changed_fields & set(USER_RIGHTS_FIELDS):
        versions.bump(versions.PERMISSIONS)


def _user_deleted(sender, instance, **kwargs):
    bump_site()
    versions.bump(versions.PERMISSIONS)


def _permissions_changed(sender, **kwargs):
    versions.bump(versions.PERMISSIONS)
    if sender is Group:
        bump_site()  # a renamed or deleted group changes its members' staff badges


def _membership_changed(sender, action, **kwargs):
    # Joining or leaving a group changes permissions and the staff badge next to a person's
    # posts (Moderation, Redaktion), which visitors see on thread pages.
    if action.startswith("post_"):
        versions.bump(versions.PERMISSIONS)
        bump_site()


def _group_permissions_changed(sender, action, **kwargs):
    # Staff badges follow permissions (board.permissions.staff_roles): visitors see them too.
    if action.startswith("post_"):
        versions.bump(versions.PERMISSIONS)
        bump_site()


def connect():
    page_published.connect(bump_site, dispatch_uid="versions.page_published")
    page_unpublished.connect(bump_site, dispatch_uid="versions.page_unpublished")
    post_page_move.connect(bump_site, dispatch_uid="versions.post_page_move")
    post_delete.connect(_page_deleted, dispatch_uid="versions.page_deleted")
    post_save.connect(_model_changed, dispatch_uid="versions.model_saved")
    post_delete.connect(_model_changed, dispatch_uid="versions.model_deleted")
    user_model = get_user_model()
    pre_save.connect(_user_saving, sender=user_model, dispatch_uid="versions.user_saving")
    post_save.connect(_user_changed, sender=user_model, dispatch_uid="versions.user_saved")
    post_delete.connect(_user_deleted, sender=user_model, dispatch_uid="versions.user_deleted")
    for model in (Group, Permission):
        uid = f"versions.permissions.{model.__name__}"
        post_save.connect(_permissions_changed, sender=model, dispatch_uid=uid + ".saved")
        post_delete.connect(_permissions_changed, sender=model, dispatch_uid=uid + ".deleted")
    m2m_changed.connect(
        _membership_changed, sender=user_model.groups.through, dispatch_uid="versions.groups"
    )
    m2m_changed.connect(
        _group_permissions_changed,
        sender=user_model.user_permissions.through,
        dispatch_uid="versions.user_permissions",
    )
    m2m_changed.connect(
        _group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="versions.group_permissions",
    )
