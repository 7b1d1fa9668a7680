"""Alembic migrations of the store. Revision 0001 is the first release's schema; each later
revision is a frozen step. Never edit a released revision: add a new one."""
