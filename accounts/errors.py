class DomainError(Exception):
    """A refusal meant for the user: views turn it into a message, forms into a field error."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self):
        return str(self.message)
