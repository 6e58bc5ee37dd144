"""The buyer's inbox: many signed packs, one portfolio (docs/inbox.md).

The inbox folder keeps packs as they arrived, content-addressed, and the buyer's own records
(one log per machine); each machine derives an index (SQLite, in its own data home) from that
folder alone. Suppliers, KPIs, the criteria matrix and follow-up are read from the index and the
logs.
"""
