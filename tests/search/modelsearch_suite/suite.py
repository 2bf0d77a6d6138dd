"""The framework's suite, subclassed unchanged (run by ``test_modelsearch_suite.py``)."""

from django.conf import settings
from django.test import TestCase

from modelsearch.tests.test_backends import BackendTests


class WhooshBackendTests(BackendTests, TestCase):
    backend_path = settings.BACKEND
