"""Imports built on :mod:`accounts.tabular`: the preview of every row and the confirmed run.

:class:`TabularImport` is the base (an import with its own rows and writes, e.g. invitations);
:class:`ResourceImport` drives a django-import-export ``ModelResource`` (:class:`TabularResource`)
for imports that create or update one model's rows (e.g. organisations). See the module
docstring of :mod:`accounts.tabular` for the whole preview → confirm pattern.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.resources import ModelResource
from import_export.results import RowResult

from accounts.tabular import Preview, RowPreview, RowStatus, normalise_header, read_table, read_upload


class ImportRefused(Exception):
    """The confirmed import found errors (the data changed since the preview); nothing written."""

    def __init__(self, preview):
        super().__init__(_("The file has errors; nothing was imported."))
        self.preview = preview


class TabularImport:
    """The base of an import: columns, the rows' preview, the confirmed run.

    Subclasses set ``purpose`` (a short code naming the import in the session), ``columns``
    and ``unique_keys`` (columns whose non-empty values must not repeat within the file), and
    implement :meth:`preview_rows` (say what every row would do, writing nothing) and
    :meth:`write_rows` (write the valid rows). Both receive the actor as ``by``.
    """

    purpose = ""
    columns = ()
    unique_keys = ()

    def __init__(self, *, by, **options):
        self.by = by
        self.options = options

    def read(self, uploaded):
        return read_upload(uploaded, columns=self.columns)

    def read_bytes(self, data, *, filename):
        return read_table(data, filename=filename, columns=self.columns)

    def preview(self, table):
        rows = self.preview_rows(table)
        self._mark_repeats(rows)
        return Preview(columns=table.columns, rows=rows)

    def apply(self, table):
        """Run the confirmed import in one transaction; raises :class:`ImportRefused` on errors."""
        with transaction.atomic():
            preview = self.preview(table)
            if preview.has_errors:
                raise ImportRefused(preview)
            self.write_rows(preview.rows)
        return preview

    def preview_rows(self, table):
        raise NotImplementedError

    def write_rows(self, rows):
        raise NotImplementedError

    def _mark_repeats(self, rows):
        labels = {c.key: str(c.label) for c in self.columns}
        for key in self.unique_keys:
            seen = {}
            for row in rows:
                value = normalise_header(row.values.get(key, ""))
                if value:
                    seen.setdefault(value, []).append(row)
            for same in seen.values():
                if len(same) > 1:
                    numbers = ", ".join(str(r.number) for r in same)
                    for row in same:
                        row.fail(
                            _("%(column)s «%(value)s» repeats in rows %(rows)s of the file.")
                            % {"column": labels[key], "value": row.values[key], "rows": numbers}
                        )


class ResourceImport(TabularImport):
    """An import whose rows a django-import-export ``ModelResource`` reads and writes.

    The resource's fields are named by the column keys. Its ``skip_unchanged`` and
    ``report_skipped`` should be on (an unchanged row is then reported, not saved) and its
    ``clean_model_instances`` on (rows are validated by the model's ``full_clean``). The
    preview is the resource's dry run inside a transaction that is rolled back; the confirmed
    run is the same import for real, in the caller's transaction.
    """

    resource_class = None
    title_key = None  # the column naming a row whose object could not be made (an error row)

    def resource(self):
        return self.resource_class(by=self.by, **self.options)

    def preview_rows(self, table):
        with transaction.atomic():
            rows = self._run(table)
            transaction.set_rollback(True)
        return rows

    def apply(self, table):
        with transaction.atomic():
            rows = self._run(table)
            self._mark_repeats(rows)
            preview = Preview(columns=table.columns, rows=rows)
            if preview.has_errors:
                transaction.set_rollback(True)
                raise ImportRefused(preview)
        return preview

    def _run(self, table):
        resource = self.resource()
        result = resource.import_data(
            table.dataset(), dry_run=False, raise_errors=False, use_transactions=False,
            collect_failed_rows=False,
        )
        rows = []
        for source, row_result in zip(table.rows, result.rows, strict=True):
            rows.append(self.row_preview(source, row_result, resource))
        return rows

    def row_preview(self, source, row_result, resource):
        row = RowPreview(number=source.number, values=source.values)
        row.title = row_result.object_repr or (
            source.values.get(self.title_key, "") if self.title_key else "")
        if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
            row.status = RowStatus.NEW
        elif row_result.import_type == RowResult.IMPORT_TYPE_UPDATE:
            row.status = RowStatus.CHANGED
            row.changes = resource.changed_labels(row_result.original, row_result.instance)
        elif row_result.import_type == RowResult.IMPORT_TYPE_SKIP:
            row.status = RowStatus.UNCHANGED
        elif row_result.import_type == RowResult.IMPORT_TYPE_INVALID:
            for reason in validation_reasons(row_result.validation_error, resource):
                row.fail(reason)
        else:
            for error in row_result.errors:
                row.fail(error_reason(error.error))
        return row


class TabularResource(ModelResource):
    """A ``ModelResource`` for :class:`ResourceImport`: it knows its actor and names its fields.

    Subclasses declare ``Meta`` as django-import-export documents it; ``skip_unchanged``,
    ``report_skipped``, ``clean_model_instances`` and ``store_instance`` are on here.
    """

    def __init__(self, *, by=None, **options):
        super().__init__(**options)
        self.by = by

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        store_instance = True
        skip_html_diff = True

    def field_labels(self):
        labels = {}
        model_meta = self._meta.model._meta
        for import_field in self.get_import_fields():
            name = import_field.attribute
            try:
                labels[name] = str(model_meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                labels[name] = str(import_field.column_name)
        return labels

    def changed_labels(self, original, instance):
        if original is None or instance is None:
            return []
        labels = self.field_labels()
        return [
            labels.get(f.attribute, str(f.column_name))
            for f in self.get_import_fields()
            if f.get_value(original) != f.get_value(instance)
        ]


def validation_reasons(error, resource=None):
    """Russian reasons of a ``ValidationError``, each with the label of its field."""
    labels = resource.field_labels() if resource is not None else {}
    if hasattr(error, "error_dict"):
        reasons = []
        for name, errors in error.message_dict.items():
            label = labels.get(name)
            for message in errors:
                reasons.append(f"{label}: {message}" if label else message)
        return reasons
    return list(error.messages)


def error_reason(error):
    """A Russian reason for an exception a row raised (a ``ValidationError`` is shown as is)."""
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return _("The row cannot be imported: %(error)s") % {"error": error}
