"""Writers: JSON, JSON lines, CSV, the Excel workbook, the calendar and the terminal views."""
