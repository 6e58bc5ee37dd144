"""Reading questions aloud in the app: the speaker button beside each question, and the page's
reader over core/speech, which the window's Read aloud action (F5) and Escape drive."""
