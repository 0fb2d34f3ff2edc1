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
