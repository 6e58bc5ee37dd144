"""Our questionnaires as XLSForm, the format ODK Collect, ODK Central and KoboToolbox read, and
theirs as ours.

Out: `names` says how the export names questions, lists and answer values (the import of
submissions reads them back by the same names); `xpath` translates our expression language to
ODK's XPath; `export` writes the workbook. In: `importing` makes an existing XLSForm one of our
forms. See docs/odk.md.
"""
