from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(app_config, **kwargs):
    # post_migrate fires once per app with models, and permissions are created app by app:
    # act on the last one, when every permission exists.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not with_models[-1]:
        return
    from .roles import ensure_roles

    ensure_roles()


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        post_migrate.connect(_ensure_roles, dispatch_uid="home.ensure_roles")
        from . import checks  # noqa: F401 - registers the deployment checks

        _register_delete_policies()
        from . import cache_signals

        cache_signals.connect()  # version keys for the page cache (home/versions.py)


def _register_delete_policies():
    """Images and documents in use are deleted by administrators only (home/permissions.py)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import register_permission_policy

    from .permissions import UnusedOnlyDeletePolicy

    for model, auth_model in (
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ):
        policy = UnusedOnlyDeletePolicy(
            model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        )
        register_permission_policy(model, policy, exact_class=True)
