"""The office's logo: a PNG or an SVG, recognised by content, never by the file's name.

A PNG is identified by ``filetype`` (its signature) and read through by Pillow. An SVG is
parsed with lxml with entities, DTDs and the network off (a DOCTYPE is refused outright), then
rebuilt from an allowlist: SVG elements and presentation attributes only; ``script``,
``foreignObject``, ``a``, event handlers (``on*``), references outside the document (``href``
not starting with ``#``, ``url(…)`` of another file, ``@import``) are dropped. What is stored
is the sanitised text, so the header and the PDFs only ever see that.
"""

import base64
import hashlib
import io
import re
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 256 * 1024
MAX_SIDE = 4000  # pixels of a PNG
PNG, SVG = "image/png", "image/svg+xml"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse",
    "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
    "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "style", "image",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow",
    "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
    "feMergeNode", "feMorphology", "feOffset",
}
ATTRIBUTES = {
    "id", "class", "style", "transform", "viewBox", "preserveAspectRatio", "width", "height",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "d",
    "points", "pathLength", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "stroke-opacity", "opacity", "clip-path", "clip-rule", "mask",
    "filter", "color", "display", "visibility", "overflow", "font-family", "font-size",
    "font-weight", "font-style", "font-variant", "text-anchor", "text-decoration",
    "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing",
    "word-spacing", "lengthAdjust", "textLength", "startOffset", "offset", "stop-color",
    "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits",
    "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits",
    "maskContentUnits", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
    "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "dx", "dy", "mode",
    "operator", "k1", "k2", "k3", "k4", "values", "type", "tableValues", "slope", "intercept",
    "amplitude", "exponent", "radius", "flood-color", "flood-opacity",
    "color-interpolation-filters", "vector-effect", "paint-order", "shape-rendering",
    "text-rendering", "image-rendering", "mix-blend-mode", "isolation", "version",
    "baseProfile", "href",
}
HREF = {"href", f"{{{XLINK_NS}}}href"}
KEPT_NAMESPACED = {f"{{{XML_NS}}}space"}
# url(...) may point only inside the document; no imports, no CSS escapes to hide either
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_UNSAFE_CSS = re.compile(r"@import|expression\s*\(|javascript:|\\", re.IGNORECASE)
_RASTER_DATA = ("data:image/png;", "data:image/jpeg;")


@dataclass(frozen=True)
class Logo:
    data: bytes
    content_type: str

    @property
    def version(self):
        return hashlib.sha256(self.data).hexdigest()[:16]


def check_logo(data: bytes) -> Logo:
    """The logo to store, or ``ValidationError`` with the reason in the user's language."""
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The logo may be at most %(kb)s KB; this file has %(size)s KB.")
                              % {"kb": MAX_BYTES // 1024, "size": (len(data) + 1023) // 1024},
                              code="too_large")
    kind = filetype.guess(data)
    if kind is not None:
        if kind.mime != PNG:
            raise ValidationError(_("The logo must be a PNG or SVG image; by its content this "
                                    "file is %(kind)s.") % {"kind": kind.extension.upper()},
                                  code="kind")
        return Logo(_checked_png(data), PNG)
    if _looks_like_xml(data):
        return Logo(sanitise_svg(data), SVG)
    raise ValidationError(_("The logo must be a PNG or SVG image; by its content this file is "
                            "neither."), code="kind")


def _checked_png(data):
    try:
        with Image.open(io.BytesIO(data)) as image:
            if max(image.size) > MAX_SIDE:
                raise ValidationError(_("The image may be at most %(px)s pixels on a side.")
                                      % {"px": MAX_SIDE}, code="too_large")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("The PNG image is damaged and cannot be read."), code="broken") from None
    return data


def _looks_like_xml(data):
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def sanitise_svg(data: bytes) -> bytes:
    """The SVG rebuilt from the allowlist, as UTF-8 bytes; ``ValidationError`` if it is not one."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise ValidationError(_("An SVG with a DOCTYPE or entity declarations is not accepted."),
                              code="doctype")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        raise ValidationError(_("The SVG image is not well-formed XML and cannot be read."),
                              code="broken") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValidationError(_("The file is XML but not an SVG image."), code="kind")
    _clean(root)
    etree.cleanup_namespaces(root, top_nsmap={None: SVG_NS, "xlink": XLINK_NS})
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def _local(tag):
    if not isinstance(tag, str) or not tag.startswith(f"{{{SVG_NS}}}"):
        return None
    return tag.split("}", 1)[1]


def _clean(element):
    for child in list(element):
        name = _local(child.tag)
        if name not in ELEMENTS or (name == "style" and _UNSAFE_CSS.search(child.text or "")) \
                or (name == "style" and not _urls_are_local(child.text or "")):
            element.remove(child)  # the element with everything in it (tail text goes too)
            continue
        if name == "image" and not _image_href_is_raster(child):
            element.remove(child)
            continue
        _clean(child)
    for attr, value in list(element.attrib.items()):
        if not _attribute_is_safe(attr, value):
            del element.attrib[attr]


def _attribute_is_safe(attr, value):
    if attr in HREF:
        return value.strip().startswith("#") or value.strip().startswith(_RASTER_DATA)
    if attr.startswith("{"):
        return attr in KEPT_NAMESPACED
    if attr not in ATTRIBUTES:
        return False  # on*, and everything not on the list
    return not _UNSAFE_CSS.search(value) and _urls_are_local(value)


def _urls_are_local(text):
    return all(target.startswith("#") for target in _URL.findall(text))


def _image_href_is_raster(element):
    hrefs = [element.get(a) for a in HREF if element.get(a)]
    return bool(hrefs) and all(h.strip().startswith(_RASTER_DATA) for h in hrefs)


def data_uri(data: bytes, content_type: str) -> str:
    """The logo as a ``data:`` URI for the PDFs (the documents' fetcher serves nothing else)."""
    return f"data:{content_type};base64,{base64.b64encode(bytes(data)).decode('ascii')}"
