"""The session engine (``SESSION_ENGINE = "accounts.sessions"``): Django's database sessions,
stored with the signed-in account's id (``AccountSession.account_id``), as Django's
documentation on extending the database-backed session engine describes. Ending an account's
sessions (account deletion) is then one indexed delete instead of decoding every session."""

from django.contrib.sessions.backends.db import SessionStore as DBStore


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        from .models import AccountSession  # models are not ready when the engine is imported

        return AccountSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.account_id = int(data.get("_auth_user_id"))
        except (TypeError, ValueError):
            session.account_id = None
        return session


def end_sessions(user):
    """Delete every stored session of ``user``."""
    SessionStore.get_model_class().objects.filter(account_id=user.pk).delete()
