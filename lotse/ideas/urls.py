from .views import settings

app_name = "ideas"

urlpatterns = [*settings.urlpatterns]
