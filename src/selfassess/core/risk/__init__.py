"""Country and area risk data, and when enhanced due diligence applies (docs/risk.md)."""
