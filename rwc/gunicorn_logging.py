"""gunicorn's own logs through the BSN redaction (`gunicorn.conf.py` names this class).

gunicorn writes its error log and, when asked (`--access-logfile`), an access log whose lines hold
the request line with its query string as the caller sent it, outside Django's LOGGING. Its two
loggers get `RedactBsn` here, on the loggers, so it holds whatever handlers gunicorn (re)attaches.
"""
from gunicorn.glogging import Logger

from .logfilters import RedactBsn


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactBsn) for f in log.filters):
                log.addFilter(RedactBsn())
