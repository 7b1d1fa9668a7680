"""Alembic revision scripts, one per schema step (0001_..., 0002_...)."""
