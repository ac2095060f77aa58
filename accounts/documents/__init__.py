"""Official documents laid out to ГОСТ Р 7.0.97 (see the README, «Документы»).

- :mod:`accounts.documents.layout`: the pieces every document shares (the requisites of its
  head, the approval stamp, the signature block, «И.О. Фамилия», margins, the date);
- ``templates/documents/base.html``: the PDF layout (rendered by :func:`accounts.pdf.render_pdf`);
- :mod:`accounts.documents.docx`: the same layout as a Word document the office can edit;
- :mod:`accounts.documents.numbers`: registration numbers of new kinds (a sequence per kind and
  year), given when a document is approved or issued.
"""
