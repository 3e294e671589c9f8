"""Reading a roster (the bargaining unit as the costing sees it) from CSV or XLSX, row by row."""
