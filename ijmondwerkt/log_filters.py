"""Logging filters named in settings.LOGGING."""

from __future__ import annotations

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """A refused request (4xx) is one line: no traceback.

    Django logs a 403 (PermissionDenied), 400 (SuspiciousOperation) or 404 with
    the exception attached, so each expected refusal fills the log with a stack
    trace. The status and path are what an operator needs; 5xx keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
