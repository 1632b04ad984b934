"""Pure domain: enums, frozen DTOs, validation and calculations. Standard library only."""
