from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CatalogueSettings
from .models import PublicService


@admin.register(CatalogueSettings)
class CatalogueSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "publish"]


@admin.register(PublicService)
class PublicServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "org_unit", "maturity", "target_level", "channel"]
    list_filter = ["programme", "maturity", "channel"]
    search_fields = ["name", "leika_key", "ozg_field", "bundle"]
    raw_id_fields = ["projects"]
