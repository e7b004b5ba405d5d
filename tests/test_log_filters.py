"""A refused request is one line in the log; a server error keeps its traceback."""

from __future__ import annotations

import io
import logging
import logging.config

from django.conf import settings


def _log(status: int) -> str:
    stream = io.StringIO()
    config = {**settings.LOGGING, "disable_existing_loggers": False}
    logging.config.dictConfig(config)
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    old = handler.setStream(stream)
    try:
        try:
            raise PermissionError("refused")
        except PermissionError as exc:
            logging.getLogger("django.request").warning(
                "Forbidden (Permission denied): %s",
                "/beheer/",
                extra={"status_code": status, "request": None},
                exc_info=exc,
            )
    finally:
        handler.setStream(old)
    return stream.getvalue()


def test_a_403_is_one_line_without_traceback() -> None:
    text = _log(403)
    assert "Forbidden (Permission denied): /beheer/" in text
    assert "Traceback" not in text
    assert text.count("\n") == 1


def test_a_500_keeps_its_traceback() -> None:
    assert "Traceback" in _log(500)
