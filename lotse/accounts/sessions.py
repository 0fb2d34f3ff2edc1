"""The database session store, with the one read every request makes written as SQL.

Django's store loads the session with `Session.objects.get(...)`: composing that query costs
~0.25 ms per request, the database answers in a few microseconds. Everything else (writing,
expiry, the cookie) is Django's store unchanged. SESSION_ENGINE = "lotse.accounts.sessions".
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections
from django.db import router
from django.utils import timezone


def _session_data(session_key: str) -> str | None:
    """The stored data of an unexpired session, None without one."""
    connection = connections[router.db_for_read(Session)]
    quote = connection.ops.quote_name
    fields = {f.name: quote(f.column) for f in Session._meta.concrete_fields}
    # Only names from the model's metadata are spliced in; key and time are parameters.
    sql = (
        f"SELECT {fields['session_data']} FROM {quote(Session._meta.db_table)}"  # noqa: S608
        f" WHERE {fields['session_key']} = %s AND {fields['expire_date']} > %s"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [session_key, now])
        row = cursor.fetchone()
    return None if row is None else row[0]


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        data = _session_data(key) if key else None
        if not key or data is None:
            self._session_key = None  # as Django's store: an unknown or expired key is dropped
            return None
        # `load()` reads only the data.
        return Session(session_key=key, session_data=data)
