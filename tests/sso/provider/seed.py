"""Seeds the test provider: an RSA key, the Lotse client, users and groups (run inside its
Django process: `django-admin shell -c 'from tests.sso.provider.seed import run; run()'`)."""

import json
import os


def run() -> None:
    from django.contrib.auth.models import Group
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client
    from oidc_provider.models import ResponseType

    call_command("creatersakey")
    config = json.loads(os.environ["PROVIDER_SEED"])
    client = Client.objects.create(
        name="Lotse",
        client_type="confidential",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    client.redirect_uris = config["redirect_uris"]
    client.post_logout_redirect_uris = config["post_logout_redirect_uris"]
    client.save()
    for person in config["users"]:
        user = User.objects.create_user(
            person["username"],
            person["email"],
            person["password"],
            first_name=person["first_name"],
            last_name=person["last_name"],
        )
        for name in person["groups"]:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
