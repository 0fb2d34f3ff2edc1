"""A person signs in through the provider's own login page in a real browser, lands in Lotse
with the role her group gives, and signs out of both."""

import os

import pytest

from lotse.accounts.models import ProgrammeRole
from tests.browser.conftest import new_context

from .conftest import configure_oidc
from .conftest import make_potsdam
from .oidc_server import PASSWORDS

pytestmark = pytest.mark.browser
# Playwright's sync API runs an event loop in this thread (see tests/browser/conftest.py).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture
def page(browser):
    # The session's shared Chromium (tests/conftest.py): a second sync_playwright() in this
    # thread fails while another browser test's one is running.
    context = new_context(browser)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_sign_in_at_the_provider_land_as_pmo_and_sign_out(
    page, live_server, provider, settings, transactional_db
):
    site = live_server.url
    provider.allow(f"{site}/konto/sso/callback/", f"{site}/konto/anmelden/")
    configure_oidc(settings, provider, site)
    make_potsdam()

    page.goto(f"{site}/konto/anmelden/")
    page.get_by_role("link", name="Anmelden mit Test-Anmeldedienst").click()
    # The provider's own page, on its own address.
    page.wait_for_url(f"{provider.url}/login/**")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORDS["olga"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site}/programme/potsdam/**")
    assert page.get_by_role("heading", name="Digitales Potsdam").first.is_visible()
    assert ProgrammeRole.objects.get(user__username="olga").role == "pmo"

    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(f"{site}/konto/anmelden/")
    # The provider's session is over too: signing in again asks for the password.
    page.get_by_role("link", name="Anmelden mit Test-Anmeldedienst").click()
    page.wait_for_url(f"{provider.url}/login/**")
    assert page.get_by_label("Password").is_visible()
