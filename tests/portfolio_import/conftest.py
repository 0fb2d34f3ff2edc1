import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """The files kept between preview and import go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
