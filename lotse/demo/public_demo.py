"""Demo data for the public transparency pages: the Potsdam programme gets public pages, its
published projects get a summary written for citizens, and one demo person agrees to be named.

Create-only: everything happens only when the programme's publication switch is created, so
a second run changes nothing and whatever someone changed later (switched off, rewrote a
summary, withdrew consent) stays as it is. The summaries are example texts (Beispieltexte),
not from the Programmauftrag; they say so.
"""

from datetime import date

from django.db import transaction

from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.public.models import ProgrammePublication
from lotse.public.models import PublicSiteSettings

EXAMPLE = "(Beispieltext der Demo)"

# Project key → summary for citizens. Only projects the demo publishes get one.
PUBLIC_SUMMARIES = {
    "kommunalportal": (
        "Viele Anliegen bei der Stadtverwaltung sollen Sie online erledigen können – "
        "rund um die Uhr und ohne Wartezeit im Bürgerbüro. Das Kommunalportal bündelt diese "
        "Online-Dienste an einer Stelle."
    ),
    "smart-city-strategie": (
        "Die Smart City-Strategie beschreibt, wie digitale Werkzeuge Potsdam lebenswerter, "
        "klimafreundlicher und besser vernetzt machen sollen. Sie wird fortgeschrieben und "
        "mit der Stadtgesellschaft abgestimmt."
    ),
    "urbane-datenplattform": (
        "Eine städtische Datenplattform sammelt Daten etwa zu Verkehr, Umwelt und Energie an "
        "einem Ort, damit Verwaltung, Wissenschaft und Öffentlichkeit sie nutzen können."
    ),
    "relaunch-potsdam-de": (
        "Der Internetauftritt potsdam.de wird neu aufgebaut: übersichtlicher, barrierefrei und "
        "gut auf dem Smartphone zu bedienen."
    ),
    "querschnittsprozesse": (
        "Abläufe, die in vielen Bereichen der Verwaltung gleich sind, etwa Beschaffung oder "
        "Personalverwaltung, werden gemeinsam digitalisiert. Das spart Zeit für Ihre Anliegen."
    ),
    "dms": (
        "Die Verwaltung arbeitet künftig mit elektronischen Akten statt mit Papier. Vorgänge "
        "lassen sich so schneller bearbeiten und leichter wiederfinden."
    ),
    "haushalt-rechnung": (
        "Rechnungen an die Stadt werden elektronisch empfangen und bearbeitet. Unternehmen "
        "bekommen ihr Geld schneller, die Verwaltung spart Papier und Porto."
    ),
    "gpm": (
        "Ein zentrales Geschäftsprozessmanagement beschreibt die Abläufe der Verwaltung "
        "einheitlich – die Grundlage, um sie zu vereinfachen und zu digitalisieren."
    ),
    "ou-fb-39": (
        "Ein Fachbereich untersucht seine Aufgaben und Abläufe, um Leistungen für Bürgerinnen "
        "und Bürger schneller und einfacher zu erbringen."
    ),
    "oe-fb-53": (
        "Ein Fachbereich entwickelt seine Organisation weiter, damit neue digitale "
        "Arbeitsweisen im Alltag ankommen."
    ),
}
# The demo project lead agrees that her name appears on the public pages.
NAMED_USER = "projektleitung"
IDEAS_EMAIL = "ideen@potsdam.example"


@transaction.atomic
def load_public_demo(
    *, programme: Programme, projects: dict[str, Project], users: dict, today: date
) -> dict[str, int]:
    created: dict[str, int] = {}
    _publication, is_new = ProgrammePublication.objects.get_or_create(
        programme=programme, defaults={"enabled": True}
    )
    if not is_new:
        return created
    created["ProgrammePublication"] = 1
    summaries = 0
    for key, text in PUBLIC_SUMMARIES.items():
        project = projects.get(key)
        if project is None or not project.published or project.public_summary.strip():
            continue
        project.public_summary = f"{text} {EXAMPLE}"
        project.save()
        summaries += 1
    if summaries:
        created["Project.public_summary"] = summaries
    person = users.get(NAMED_USER)
    if person is not None and not person.public_name_opt_in:
        person.public_name_opt_in = True
        person.save(update_fields=["public_name_opt_in"])
        created["User.public_name_opt_in"] = 1
    if not PublicSiteSettings.objects.exists():
        PublicSiteSettings.objects.create(
            operator_name="Demo-Installation (Beispieldaten)", ideas_email=IDEAS_EMAIL
        )
        created["PublicSiteSettings"] = 1
    return created
