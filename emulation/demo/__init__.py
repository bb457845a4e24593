"""The emulation part of the demo: awards, ratings, registrations, initiatives and activities of
the demo branches, entered through the services. May import: unionhub, members, finance, and
every emulation room."""
