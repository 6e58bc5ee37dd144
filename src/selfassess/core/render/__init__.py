"""Reading a received pack in one's own language: its report made again from the data it carries,
marked on every page as a rendering of the signed original, never signed itself."""
