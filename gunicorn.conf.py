"""gunicorn settings for the web container (read with ``--config gunicorn.conf.py``).

The access log names the path, never the query string or the ``Referer``: a
query string or a referring address can carry personal data, and an access log
is kept and read more widely than the application's own data. (The application
already refuses a BSN in a query string; this is the second line.)
"""

from __future__ import annotations

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
errorlog = "-"
loglevel = "info"
# %(U)s is the path without the query string; %(r)s, %(q)s and %(f)s are left
# out on purpose (request line with query, query string, Referer).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
