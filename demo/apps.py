from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site's builders (``load_demo_data``): a leaf above every other project app."""

    name = "demo"
