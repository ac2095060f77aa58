class DomainError(Exception):
    """A refusal meant for the user: views turn it into a message, forms into a field error."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self):
        return str(self.message)


def add_to_form(form, error: DomainError) -> None:
    """Shows a refusal next to the field it names, or above the form when the form has no such
    field: what the person typed stays in the form."""
    form.add_error(error.field if error.field in form.fields else None, str(error))
