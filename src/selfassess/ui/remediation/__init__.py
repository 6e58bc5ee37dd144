"""The child-labour remediation register of the open assessment: its page and dialogs."""
