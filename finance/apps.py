from django.apps import AppConfig


class FinanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "finance"
    verbose_name = "Tài chính"

    def ready(self):
        from unionhub import jobs

        from .ledger import exchange, import_jobs

        import_jobs.register()
        jobs.register(exchange.EXPORT_JOB, exchange.voucher_export_job)
