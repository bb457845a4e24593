"""The registry and the union's structure: organisations/ (tree, terms, bodies, positions,
letterhead), registry/ (members and their lifecycle, applications, Excel), models/, demo/.
May import: unionhub only; finance, emulation and reports import members, never the reverse.
"""
