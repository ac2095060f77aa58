"""HTML to PDF with WeasyPrint. Fonts with Cyrillic glyphs (DejaVu) are embedded as subsets."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template, context):
    """Render ``template`` and return ``(pdf bytes, number of pages)``."""
    from weasyprint import HTML  # imported here: heavy, and only workers need it

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return document.write_pdf(), len(document.pages)
