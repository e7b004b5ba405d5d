"""Domain errors services raise; views and the API translate them to HTTP.

Services never raise ``Http404``: HTTP belongs to the views. A refused
write is a ``ValidationError``; an object the user may not see is
``NotFound`` (a view answers 404, as if it did not exist).
"""

from __future__ import annotations


class NotFound(LookupError):
    """The object does not exist for this user: a view answers 404."""
