"""The registry: members, lifecycle, applications, Party recommendations, lists, Excel in and out.
May import: unionhub, members.models, members.organisations (emulation adds to its pages:
unionhub.sections)."""
