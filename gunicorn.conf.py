"""gunicorn reads this file from the directory it starts in (`gunicorn rwc.wsgi`)."""
logger_class = "rwc.gunicorn_logging.RedactingLogger"  # BSNs in its error and access logs are blanked
