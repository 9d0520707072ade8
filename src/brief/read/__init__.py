"""Reading: files in the sources folder become Sources, and Sources become Passages."""
