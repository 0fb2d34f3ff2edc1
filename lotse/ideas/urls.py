from .views import ideas, scoring, settings

app_name = "ideas"

urlpatterns = [*settings.urlpatterns, *scoring.urlpatterns, *ideas.urlpatterns]
