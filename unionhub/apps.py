from django.apps import AppConfig


class UnionHubConfig(AppConfig):
    name = "unionhub"
    verbose_name = "UnionHub"
