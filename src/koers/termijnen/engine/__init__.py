"""Deadline engine: the Atw calendar, the versioned deadline rules and pure date computations (no Django)."""
