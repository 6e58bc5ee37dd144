"""The Buyer view's portfolio pages: the programme's KPIs as tiles with their suppliers and a chart
over time (`kpi_page`), the suppliers-by-criteria matrix (`matrix_page`), and one supplier's page
with its packs over time and the buyer's follow-up of its plan (`supplier_page`). Each reads the
inbox through `core.inbox.service.Inbox`; the long reads run off the interface thread
(`background`)."""
