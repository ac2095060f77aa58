"""The registry of past initiatives and projects brought in from an XLSX or CSV file (issue 19).

``columns`` reads a row of the file into values of the card, ``preview`` decides for each row
whether it is new, already in the registry or an error (and why, in Russian), ``services``
writes the confirmed rows in one transaction, ``views`` shows the preview and asks to confirm.
"""
