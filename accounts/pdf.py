"""The one PDF renderer of the portal: every official document goes through :func:`render_pdf`.

Imported only by the modules that build documents in Celery workers (WeasyPrint costs a process
≈ 35 MB and 0.5 s to import; pages never need it).

WeasyPrint fetches what a document refers to (fonts in ``@font-face``, images). The documents
show text people wrote, so the fetcher serves only what the templates themselves use — the
DejaVu fonts of the system and the portal's static files — plus small ``data:`` images (the
office's logo), and refuses everything else: other ``file://`` paths, ``http(s)://``, ``ftp://``.
A refused resource is left out of the document (WeasyPrint logs it); the document still renders.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from accounts.identity import document_context

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MAX_DATA_URI = 512 * 1024  # characters: a logo fits, a smuggled file of any size does not


def allowed_dirs() -> list[Path]:
    dirs = [FONT_DIR, Path(settings.BASE_DIR) / "static"]
    if settings.STATIC_ROOT:
        dirs.append(Path(settings.STATIC_ROOT))
    return [d.resolve() for d in dirs]


class DocumentFetcher(URLFetcher):
    """Serves the fonts and static files the documents use; refuses everything else."""

    def fetch(self, url, headers=None):
        scheme = url.partition(":")[0].lower()
        if scheme == "data":
            if len(url) > MAX_DATA_URI:
                raise ValueError(f"data: URI of {len(url)} characters refused")
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url.removeprefix("file://").split("?")[0]).resolve()
            if any(path.is_relative_to(d) for d in allowed_dirs()):
                return super().fetch(url, headers)
        raise ValueError(f"{url[:100]} is not a resource documents may use")


def render_pdf(template: str, context: dict) -> tuple[bytes, int]:
    """Render ``template`` in the portal's language; return ``(pdf bytes, number of pages)``.
    Every document gets the office's identity (``identity``) and its logo (``logo_uri``)."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, {"font_dir": FONT_DIR, **document_context(), **context})
    document = HTML(string=html, base_url=str(settings.BASE_DIR),
                    url_fetcher=DocumentFetcher()).render()
    return document.write_pdf(), len(document.pages)
