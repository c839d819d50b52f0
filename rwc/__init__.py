"""The Django project and the organisation core: regions, desks, staff, partners, access grants."""
