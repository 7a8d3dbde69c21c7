"""Translations: the lock, freshness (missing and outdated), parity, and the status report."""
