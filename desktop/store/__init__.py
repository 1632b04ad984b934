"""Persistence: SQLAlchemy 2 models, the engine factory and Alembic migrations. No Qt here."""
