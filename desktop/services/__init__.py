"""Use cases. Each public call is one unit of work and returns domain DTOs, never ORM objects."""
