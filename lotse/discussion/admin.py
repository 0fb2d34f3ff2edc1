from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Comment


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "programme", "author", "is_public", "moderation", "created_at"]
    list_filter = ["programme", "is_public", "moderation"]
    search_fields = ["body", "author_name"]
