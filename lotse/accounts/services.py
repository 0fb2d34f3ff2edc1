"""Changes to accounts: roles and API tokens."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, ProgrammeRole, ProjectRole, User
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
