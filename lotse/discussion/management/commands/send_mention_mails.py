from typing import Any

from django.core.management.base import BaseCommand

from lotse.discussion.services import send_mention_mails


class Command(BaseCommand):
    help = "Schickt jeder erwähnten Person eine E-Mail mit allen neuen Erwähnungen."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_mention_mails()
        self.stdout.write(f"{sent} E-Mail(s) verschickt.")
