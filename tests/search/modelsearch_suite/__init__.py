"""modelsearch's own backend test suite (``BackendTests``), run against this project's backend.

The suite's test models (``modelsearch.test.testapp``) need modelsearch's own test settings
(the app ``modelsearch`` installed, which the project's settings must not do beside
``wagtail.search``), so ``tests/search/test_modelsearch_suite.py`` runs :mod:`.suite` with
:mod:`.settings` in a separate process. ``fixtures/search.json`` is the suite's data from
django-modelsearch's repository (BSD-3-Clause), which the installed wheel lacks, extended with
the tree and meeting records that its 1.3 tests expect.
"""
