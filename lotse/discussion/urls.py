from .views import urlpatterns

app_name = "discussion"

__all__ = ["urlpatterns"]
