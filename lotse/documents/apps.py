from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "lotse.documents"
