"""Changes to accounts: roles and API tokens."""

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.mail import base_url

from .models import ApiToken
from .models import DirectoryGroupRole
from .models import ProgrammeRole
from .models import ProjectRole
from .models import RoleSource
from .models import User
from .roles import forget_roles


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the returned secret is shown once and never stored in clear."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        token_hash=ApiToken.hash_secret(secret),
        hint=secret[: len(ApiToken.PREFIX) + 4],
    )
    return token, secret


def user_set_public_name(*, user: User, opt_in: bool) -> User:
    """Record whether the person's name may appear on the public pages (their own choice)."""
    if user.public_name_opt_in != opt_in:
        user.public_name_opt_in = opt_in
        user.save(update_fields=["public_name_opt_in"])
    return user


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_authenticate(secret: str) -> User | None:
    """The active user behind a token secret, or None."""
    if not secret or not secret.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=ApiToken.hash_secret(secret))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # Only note use once a minute, so reads do not turn into writes on every call.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def _validate_programme_role(role: str, org_unit: Model | None) -> None:
    if role not in ProgrammeRole.Role.values:
        raise ValidationError({"role": [_("Unbekannte Rolle: %(role)s") % {"role": role}]})
    if role == ProgrammeRole.Role.CHANGE_MANAGER and org_unit is None:
        raise ValidationError(
            {
                "org_unit": [
                    _("Ein Business Change Manager betreut einen Geschäftsbereich: bitte wählen.")
                ]
            }
        )
    if role != ProgrammeRole.Role.CHANGE_MANAGER and org_unit is not None:
        raise ValidationError(
            {
                "org_unit": [
                    _("Nur Business Change Manager werden einem Geschäftsbereich zugeordnet.")
                ]
            }
        )


@transaction.atomic
def programme_role_grant(
    *, user: User, programme: Model, role: str, org_unit: Model | None = None
) -> ProgrammeRole:
    _validate_programme_role(role, org_unit)
    # Grants to one person one after the other: without an org unit the unique constraint
    # does not hold on PostgreSQL (NULLs are distinct), so two grants at once made two rows.
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    grant, _created = ProgrammeRole.objects.get_or_create(
        user=user, programme=programme, role=role, org_unit=org_unit
    )
    forget_roles(user)
    return grant


@transaction.atomic
def project_role_grant(*, user: User, project: Model, role: str) -> ProjectRole:
    grant, _created = ProjectRole.objects.get_or_create(user=user, project=project, role=role)
    forget_roles(user)
    return grant


@transaction.atomic
def programme_role_revoke(*, grant: ProgrammeRole) -> None:
    grant.delete()
    forget_roles(grant.user)


@transaction.atomic
def project_role_revoke(*, grant: ProjectRole) -> None:
    grant.delete()
    forget_roles(grant.user)


@dataclass
class RoleSync:
    """What a login changed: the roles granted and removed because of directory groups."""

    granted: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _granted_because(group: str) -> str:
    return _("Gruppe „%(group)s“") % {"group": group}


def _removed_because(group: str) -> str:
    return _("Gruppe „%(group)s“ nicht mehr vorhanden") % {"group": group}


def _sync_grants(
    result: RoleSync,
    *,
    user: User,
    model: type[ProgrammeRole] | type[ProjectRole],
    keys: tuple[str, ...],
    wanted: dict[tuple, str],
) -> None:
    """Remove the held directory roles no group wants any more, grant the wanted ones not
    held (by hand or from the directory), each with its group as the reason in the history.
    A role is keyed by its `keys`, the fields that say what it grants; the first is the
    programme or project, which the role's name shows."""
    held: dict[tuple, ProgrammeRole | ProjectRole] = {
        tuple(getattr(g, k) for k in keys): g
        for g in model.objects.filter(user=user).select_related(keys[0].removesuffix("_id"))
    }
    for key, held_grant in held.items():
        if held_grant.source == RoleSource.DIRECTORY and key not in wanted:
            held_grant._change_reason = _removed_because(held_grant.source_group)  # type: ignore[union-attr]
            held_grant.delete()
            result.removed.append(str(held_grant))
    for key, group in wanted.items():
        if key in held:
            continue
        created = model(
            user=user,
            source=RoleSource.DIRECTORY,
            source_group=group,
            **dict(zip(keys, key, strict=True)),
        )
        created._change_reason = _granted_because(group)  # type: ignore[union-attr]
        created.save()
        result.granted.append(str(created))


@transaction.atomic
def directory_roles_sync(*, user: User, groups: Iterable[str]) -> RoleSync:
    """Bring the user's directory roles in line with the groups she has now (at each login).

    A mapped group present gives its role (source "directory"); a directory role whose group is
    gone is removed. Roles given by hand in Lotse (source "lotse") are never touched, and a role
    the user already holds by hand is not granted a second time. Every change is in the history,
    with the group as the reason.
    """
    present = {group.strip().lower() for group in groups if group and group.strip()}
    mappings = [m for m in DirectoryGroupRole.objects.all() if m.group.strip().lower() in present]
    result = RoleSync()
    wanted_programme = {
        (m.programme_id, m.programme_role, m.org_unit_id): m.group
        for m in mappings
        if m.programme_id
    }
    wanted_project = {(m.project_id, m.project_role): m.group for m in mappings if m.project_id}

    for model, keys, wanted in (
        (ProgrammeRole, ("programme_id", "role", "org_unit_id"), wanted_programme),
        (ProjectRole, ("project_id", "role"), wanted_project),
    ):
        _sync_grants(result, user=user, model=model, keys=keys, wanted=wanted)
    forget_roles(user)
    return result


@dataclass
class Deactivation:
    sessions: int
    api_tokens: int
    calendar_tokens: int


def _end_sessions(user: User) -> int:
    from django.contrib.sessions.models import Session

    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User) -> Deactivation:
    """Deactivate an account at once: no more logins, every open session ended, every API
    token and calendar subscription revoked. The roles stay (in the history and for a
    reactivation); an inactive person counts nowhere."""
    now = timezone.now()
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    api_tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    # Calendar subscriptions belong to the governance app, reached through the relation's name
    # (accounts sits below it and imports none of its modules).
    calendar_tokens = user.calendar_tokens.filter(revoked_at__isnull=True).update(revoked_at=now)
    return Deactivation(_end_sessions(user), api_tokens, calendar_tokens)


INVITATION_SALT = "lotse.accounts.invitation"


def _invitation_state(user: User) -> str:
    # Changes when the password is set: a link works once.
    return user.password[-16:]


def invitation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "s": _invitation_state(user)}, salt=INVITATION_SALT)


def invitation_user(token: str) -> User | None:
    """The invited person behind a link, or None if it is forged, expired or used."""
    try:
        data = signing.loads(
            token, salt=INVITATION_SALT, max_age=settings.LOTSE_INVITATION_DAYS * 86400
        )
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or user.has_usable_password() or _invitation_state(user) != data.get("s"):
        return None
    return user


@transaction.atomic
def user_invite(
    *, email: str, first_name: str, last_name: str, programme: Model, role: str
) -> tuple[User, str]:
    """Create the account (no password yet), give it the role in the programme and mail the
    person a link to choose a password; the link expires after LOTSE_INVITATION_DAYS."""
    email = email.strip().lower()
    if (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email).exists()
    ):
        raise ValidationError(
            {
                "email": [
                    _(
                        "Für %(email)s gibt es schon ein Konto. Vergeben Sie die Rolle "
                        "stattdessen auf der Teamseite."
                    )
                    % {"email": email}
                ]
            }
        )
    user = User(
        username=email[:150],
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    user.set_unusable_password()
    user.save()
    programme_role_grant(user=user, programme=programme, role=role)
    link = base_url() + reverse("accounts:invitation", args=[invitation_token(user)])
    days = settings.LOTSE_INVITATION_DAYS
    body = _(
        "Guten Tag %(name)s,\n\nSie sind zu Lotse eingeladen, Programm „%(programme)s“. "
        "Bitte wählen Sie Ihr Passwort über diesen Link (gültig %(days)s Tage, nur einmal):\n\n"
        "%(link)s\n\nIhr Benutzername ist %(username)s.\n"
    ) % {
        "name": user.get_full_name() or email,
        "programme": programme,
        "days": days,
        "link": link,
        "username": user.username,
    }
    transaction.on_commit(lambda: EmailMessage(_("Einladung zu Lotse"), body, to=[email]).send())
    return user, link


def second_factor_device(*, user: User) -> Any:
    """The person's TOTP device, confirmed first; None before she starts setting one up (a
    page that shows it only reads)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()


def second_factor_start(*, user: User) -> Any:
    """Start setting up a second factor: an unconfirmed device with a fresh secret (kept if
    one is already there, so the app's entry stays valid)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = second_factor_device(user=user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=False)
    return device


def second_factor_confirm(*, user: User, token: str) -> bool:
    device = second_factor_device(user=user)
    if device is None or device.confirmed or not device.verify_token(token.replace(" ", "")):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def second_factor_remove(*, user: User) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
