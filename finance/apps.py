from django.apps import AppConfig


class FinanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "finance"
    verbose_name = "Tài chính"

    def ready(self):
        from .ledger import import_jobs

        import_jobs.register()
