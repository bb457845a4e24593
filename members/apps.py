from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Tổ chức và đoàn viên")

    def ready(self):
        from unionhub import jobs

        from .registry import exchange, import_jobs

        import_jobs.register()
        jobs.register(exchange.EXPORT_JOB, exchange.member_export_job)
