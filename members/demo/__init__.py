"""The demo union as data (data, the branch modules, shapes) and its loader (loader, people,
committees, accounts) that seed_demo runs. May import: unionhub, members."""
