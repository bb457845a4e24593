"""Campaigns (phong trào thi đua), the registrations and their evaluation, initiatives.
May import: unionhub, members, finance, emulation.models, emulation.pages, emulation.lists."""
