"""The Buyer view: the inbox of packs received from suppliers (import, quarantine, portfolio,
matrix, suppliers), and the first-run choice between filling in assessments and receiving
packs."""
