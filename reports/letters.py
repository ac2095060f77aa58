"""The kinds of letter of the reports app: the heads are told when the nightly backup or the
weekly restore check fails (``reports.backups``). Registered from ``ReportsConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from accounts import letters

GROUP = _("Service letters")
BACKUP_FAILED, CHECK_FAILED = "backup_failed", "backup_check_failed"
PLACEHOLDERS = {
    "error": _("the reason of the failure"),
    "root": _("the backup folder on the server"),
}
KIND_OF = {"backup": BACKUP_FAILED, "verify": CHECK_FAILED}


def _context(kind):
    return lambda tokens: {**tokens, "kind": kind}


def key_of(kind):
    """The letter's kind for a failure of ``kind`` («backup» or «verify»)."""
    return KIND_OF.get(kind, CHECK_FAILED)


def register_kinds():
    letters.register(letters.LetterKind(
        key=BACKUP_FAILED, label=_("The nightly backup failed"), group=GROUP,
        subject_template="reports/email/backup_failed_subject.txt",
        body_template="reports/email/backup_failed.txt",
        placeholders=PLACEHOLDERS, required=("error",), token_context=_context("backup")))
    letters.register(letters.LetterKind(
        key=CHECK_FAILED, label=_("The weekly restore check of the backup failed"), group=GROUP,
        subject_template="reports/email/backup_check_failed_subject.txt",
        body_template="reports/email/backup_failed.txt",
        placeholders=PLACEHOLDERS, required=("error",), token_context=_context("verify")))
