"""Tests of the demo data; what the loader must produce is pinned here, not read from lotse/demo."""

# Potsdam's six fields of action in their order (the browser tests look for them too).
POTSDAM_FIELDS_OF_ACTION = [
    "Digitaler Bürgerservice",
    "Smart City",
    "Kommunikation & Beteiligung",
    "Digitale Arbeitsweise & Werkzeuge",
    "Organisation & Prozesse",
    "Strategische Grundlagen & Steuerung",
]


def assert_loading_again_adds_nothing(*managers) -> None:
    """Loading the Potsdam demo once more adds no row to any of `managers` (model or history
    managers): the loader is idempotent."""
    from lotse.demo.loader import load_potsdam

    before = [manager.count() for manager in managers]
    load_potsdam(password="lotse-demo")
    assert [manager.count() for manager in managers] == before
