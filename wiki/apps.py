from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _ensure_workflow(app_config, **kwargs):
    # Like home.apps: act once, after the last app with models, when all permissions exist.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not with_models[-1]:
        return
    from .workflows import ensure_topic_workflow

    ensure_topic_workflow()


def _assign_workflow_to_new_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .workflows import assign_topic_workflow

        assign_topic_workflow(instance)


class WikiConfig(AppConfig):
    name = "wiki"
    verbose_name = _("Themen")

    def ready(self):
        from .models import TopicIndexPage

        post_migrate.connect(_ensure_workflow, dispatch_uid="wiki.ensure_topic_workflow")
        post_save.connect(
            _assign_workflow_to_new_index,
            sender=TopicIndexPage,
            dispatch_uid="wiki.assign_topic_workflow",
        )
