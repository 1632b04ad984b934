"""Reading spreadsheets and chat exports into domain DTOs. Qt-free, never touches the store."""
