"""Login throttling: after too many failures per account and address, logins pause."""

from django.conf import settings
from django.core.cache import cache


def _key(username: str, address: str) -> str:
    return f"login-failures:{username.lower()}:{address}"


def is_locked(username: str, address: str) -> bool:
    return cache.get(_key(username, address), 0) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str, address: str) -> None:
    key = _key(username, address)
    cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


def reset(username: str, address: str) -> None:
    cache.delete(_key(username, address))
