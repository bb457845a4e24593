from django.apps import AppConfig


class EmulationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self):
        # The registry's pages list awards and the rest without importing emulation.
        from unionhub import sections

        from .sections import member_sections, organisation_sections

        sections.provide("member", member_sections)
        sections.provide("organisation", organisation_sections)

        from .awards import import_jobs

        import_jobs.register()
