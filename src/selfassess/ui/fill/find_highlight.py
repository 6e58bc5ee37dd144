"""The question found, marked: its frame outlined, and the words searched for highlighted in
its label, help and level descriptions wherever they appear in the language shown (accents and
case aside, as the search compares them). Unmarking puts every text back as it was."""

from __future__ import annotations

import re
from html import escape

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from selfassess.core.forms.search import folded

FOUND_STYLE = "QFrame#question { border: 2px solid #b26a00; background: #fff8e1; }"
MARK = "<span style='background-color:#ffd54f'>{}</span>"
_TAG = re.compile(r"(<[^>]*>|&#?\w+;)")  # tags and entities: never marked inside


def mark_found(question: QWidget, words: list[str]) -> None:
    """Outline `question` and highlight `words` (folded, core/forms/search) in its texts."""
    question.setStyleSheet(FOUND_STYLE)
    for label in _question_texts(question):
        original = label.property("unmarked-text")
        if original is None:
            original = label.text()
            label.setProperty("unmarked-text", original)
            label.setProperty("unmarked-format", label.textFormat())
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(original)
        )
        marked = _marked_rich(original, words) if rich else _marked_plain(original, words)
        if marked is not None:
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(marked)


def unmark(question: QWidget) -> None:
    """Take the outline and the highlights away."""
    question.setStyleSheet("")
    for label in _question_texts(question):
        original = label.property("unmarked-text")
        if original is not None:
            label.setTextFormat(label.property("unmarked-format"))
            label.setText(original)
            label.setProperty("unmarked-text", None)


def _question_texts(question: QWidget) -> list[QLabel]:
    """The labels that show the question's own text: its title, help and level descriptions
    (not its problems, which change while it is marked)."""
    title = getattr(question, "title", None)
    texts = [title] if isinstance(title, QLabel) else []
    return texts + [
        label for label in question.findChildren(QLabel) if label.objectName() in ("help", "level")
    ]


def spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the folded `words` occur in `text`, as (start, end) in `text`, merged."""
    folded_chars: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        for piece in folded(char):
            folded_chars.append(piece)
            origin.append(position)
    haystack = "".join(folded_chars)
    found: list[tuple[int, int]] = []
    for word in words:
        for match in re.finditer(re.escape(word), haystack):
            found.append((origin[match.start()], origin[match.end() - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _highlighted(text: str, words: list[str], *, escaped: bool) -> str:
    out, last = [], 0
    for start, end in spans(text, words):
        out += [_piece(text[last:start], escaped), MARK.format(_piece(text[start:end], escaped))]
        last = end
    out.append(_piece(text[last:], escaped))
    return "".join(out)


def _piece(text: str, escaped: bool) -> str:
    return text if escaped else escape(text).replace("\n", "<br>")


def _marked_plain(text: str, words: list[str]) -> str | None:
    if not spans(text, words):
        return None
    return _highlighted(text, words, escaped=False)


def _marked_rich(html: str, words: list[str]) -> str | None:
    """`html` with the words marked in its text, never inside its tags; None when absent."""
    parts = _TAG.split(html)  # text, tag, text, tag, ..., text
    if not any(spans(part, words) for part in parts[::2]):
        return None
    return "".join(
        part if index % 2 else _highlighted(part, words, escaped=True)
        for index, part in enumerate(parts)
    )
