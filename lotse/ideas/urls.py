from .views import decide, ideas, scoring, settings

app_name = "ideas"

urlpatterns = [*settings.urlpatterns, *scoring.urlpatterns, *ideas.urlpatterns, *decide.urlpatterns]
