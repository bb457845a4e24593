"""Documents in the decree's format: blocks as plain data, rendered as HTML, PDF and DOCX; charts.
May import: django, unionhub (never an app: every app's documents are built on this room).
"""

from .blocks import Block, Document, Heading, Letterhead, Paragraph, Signature, Table
from .docx import render_docx
from .pdf import font_faces, html_to_pdf, render_html, render_pdf

__all__ = [
    "Block",
    "Document",
    "Heading",
    "Letterhead",
    "Paragraph",
    "Signature",
    "Table",
    "font_faces",
    "html_to_pdf",
    "render_docx",
    "render_html",
    "render_pdf",
]
