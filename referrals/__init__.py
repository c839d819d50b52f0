"""Referrals between desks and partners, their lifecycle and feedback (see issue: referrals)."""
