"""The review screen: what blocks finalizing, the declaration, and reopening."""
