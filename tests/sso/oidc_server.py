"""A real, independent OpenID provider for the tests: django-oidc-provider in a second Django
process (tests/sso/provider/), its own SQLite database in a temporary folder, on a free port.

Seeded with the client "lotse" and two people: Olga (group lotse-potsdam-pmo) and Paul (no
mapped group). Changes during the tests (groups, allowed redirect addresses) go straight into
its database, which the provider reads on every request.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import requests

from .server import LocalServer
from .server import free_port

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "lotse"
CLIENT_SECRET = "lotse-client-geheim"
PASSWORDS = {"olga": "olga-geheim", "paul": "paul-geheim"}
USERS = [
    {
        "username": "olga",
        "email": "olga.oswald@potsdam.example",
        "first_name": "Olga",
        "last_name": "Oswald",
        "password": PASSWORDS["olga"],
        "groups": ["/stadt/lotse-potsdam-pmo", "alle-beschaeftigten"],
    },
    {
        "username": "paul",
        "email": "paul.petersen@potsdam.example",
        "first_name": "Paul",
        "last_name": "Petersen",
        "password": PASSWORDS["paul"],
        "groups": ["alle-beschaeftigten"],
    },
]


@dataclass
class Provider(LocalServer):
    FOLDER_PREFIX: ClassVar[str] = "lotse-oidc-"

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/openid/.well-known/openid-configuration"

    @property
    def database(self) -> Path:
        return self.folder / "provider.sqlite3"

    def _env(self, seed: dict | None = None) -> dict[str, str]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.sso.provider.settings",
            "PROVIDER_DB": str(self.database),
            "PROVIDER_URL": self.url,
            "PYTHONPATH": str(ROOT),
        }
        if seed is not None:
            env["PROVIDER_SEED"] = json.dumps(seed)
        return env

    def _django(self, *args: str, seed: dict | None = None) -> None:
        subprocess.run(  # noqa: S603 - our own interpreter and settings
            [sys.executable, "-m", "django", *args],
            env=self._env(seed),
            cwd=ROOT,
            check=True,
            capture_output=True,
        )

    def start(self, redirect_uris: list[str], post_logout_redirect_uris: list[str]) -> "Provider":
        self.port = free_port()
        self._django("migrate", "--noinput", "-v", "0")
        seed = {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": redirect_uris,
            "post_logout_redirect_uris": post_logout_redirect_uris,
            "users": USERS,
        }
        self._django("shell", "-c", "from tests.sso.provider.seed import run; run()", seed=seed)
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and settings
            [
                sys.executable,
                "-m",
                "django",
                "runserver",
                f"127.0.0.1:{self.port}",
                "--noreload",
                "--skip-checks",
            ],
            env=self._env(),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the test OpenID provider stopped at start")
            try:
                if requests.get(self.discovery_url, timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError("the test OpenID provider did not answer within 30 s")

    def _sql(self, statement: str, *params: object) -> None:
        with sqlite3.connect(self.database) as connection:
            connection.execute(statement, params)

    def allow(self, redirect_uri: str, post_logout_redirect_uri: str) -> None:
        """Registers another Lotse address (e.g. the live server's) with the client."""
        self._sql(
            "UPDATE oidc_provider_client SET _redirect_uris = _redirect_uris || ? || ?, "
            "_post_logout_redirect_uris = _post_logout_redirect_uris || ? || ? "
            "WHERE client_id = ?",
            "\n",
            redirect_uri,
            "\n",
            post_logout_redirect_uri,
            CLIENT_ID,
        )

    def leave_group(self, username: str, group: str) -> None:
        self._sql(
            "DELETE FROM auth_user_groups WHERE user_id = "
            "(SELECT id FROM auth_user WHERE username = ?) AND group_id = "
            "(SELECT id FROM auth_group WHERE name = ?)",
            username,
            group,
        )

    def join_group(self, username: str, group: str) -> None:
        self._sql(
            "INSERT OR IGNORE INTO auth_user_groups (user_id, group_id) SELECT u.id, g.id "
            "FROM auth_user u, auth_group g WHERE u.username = ? AND g.name = ?",
            username,
            group,
        )
