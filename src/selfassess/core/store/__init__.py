"""The local store: one SQLite database and an evidence folder in the data home.

Every change is its own durable transaction; evidence files are content-addressed by SHA-256.
"""
