"""modelsearch's test settings with this project's Whoosh backend (English data, fresh index)."""

import tempfile
from pathlib import Path

from modelsearch.test.settings import *  # noqa: F403

_work = Path(tempfile.mkdtemp(prefix="modelsearch-suite-"))
FIXTURE_DIRS = [str(Path(__file__).resolve().parent / "fixtures")]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(_work / "db.sqlite3")}}
BACKEND = "search.backends.whoosh"
MODELSEARCH_BACKENDS = {
    "default": {"BACKEND": BACKEND, "PATH": str(_work / "index"), "LANGUAGE": "en"}
}
