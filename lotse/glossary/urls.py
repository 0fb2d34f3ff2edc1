from .views import urlpatterns

app_name = "glossary"

__all__ = ["urlpatterns"]
