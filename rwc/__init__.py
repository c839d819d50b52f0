"""The Django project and the organisation core: regions, desks, staff, partners, access grants."""
from .celery import app as celery_app

__all__ = ["celery_app"]
