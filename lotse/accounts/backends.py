"""Authentication backends: login protection (django-axes) and the local password login."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import connections
from django.db import router
from django.http import HttpRequest

from .models import User


def load_user(user_id: object) -> User | None:
    """The user of a session, for every request: `User.objects.get(pk=…)` as a raw query, which
    skips composing the ORM query (~0.2 ms per request) and gives the same object: the row's
    values pass the converters the ORM applies (time zone of the datetimes, booleans) and make
    the instance as the ORM does (`Model.from_db`), without a raw queryset's setup."""
    connection = connections[router.db_for_read(User)]
    quote = connection.ops.quote_name
    meta = User._meta
    fields = meta.concrete_fields
    columns = ", ".join(quote(f.column) for f in fields)
    # Only names from the model's metadata are spliced in; the id is a parameter.
    sql = f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    params: list[Any] = [user_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for field, value in zip(fields, row, strict=True):
        column = field.get_col(meta.db_table)
        # Field.get_db_converters is Django's, missing from django-stubs.
        field_converters = field.get_db_converters(connection)  # type: ignore[attr-defined]
        for convert in connection.ops.get_db_converters(column) + field_converters:
            value = convert(value, column, connection)
        values.append(value)
    return User.from_db(connection.alias, [f.attname for f in fields], values)


class LoginProtectionBackend(AxesStandaloneBackend):
    """django-axes, counting failed logins in the database (shared by every worker).

    Only logins through a web request are counted: `authenticate()` without a request
    (management commands, scripts, tests calling it directly) has no client address to lock.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        if request is None:
            return None
        user: AbstractBaseUser | None = super().authenticate(request, username, password, **kwargs)
        return user


class LocalPasswordBackend(ModelBackend):
    """Lotse's own passwords. With LOTSE_LOCAL_LOGIN=0 only superusers (the break-glass
    account) may still sign in with a local password; everybody else uses the directory or SSO.
    Accounts created by LDAP or OpenID Connect have no usable password anyway."""

    def get_user(self, user_id: int) -> User | None:
        # ModelBackend.get_user with the quicker load.
        user = load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user: User | AnonymousUser | None) -> bool:
        if not super().user_can_authenticate(user):
            return False
        if settings.LOTSE_LOCAL_LOGIN:
            return True
        return bool(getattr(user, "is_superuser", False))
