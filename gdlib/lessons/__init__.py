"""What belongs to one notebook alone: its exercises (answers computed, never printed) and
small helpers that no other notebook needs. One module per notebook, named after it."""
