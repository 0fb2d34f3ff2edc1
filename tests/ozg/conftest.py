import pytest

from .factories import PublicServiceFactory


@pytest.fixture
def service(cast):
    """A service of the cast's programme (maturity 1, no projects)."""
    return PublicServiceFactory(programme=cast.programme)
