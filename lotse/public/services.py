"""Changes for the public pages: switching a programme's public pages on or off."""

from django.db import transaction

from lotse.portfolio.models import Programme

from .models import ProgrammePublication


@transaction.atomic
def publication_set(*, programme: Programme, enabled: bool) -> ProgrammePublication:
    publication, _created = ProgrammePublication.objects.get_or_create(programme=programme)
    if publication.enabled != enabled:
        publication.enabled = enabled
        publication.save()
    return publication
