"""The expression tree, and its printer (`unparse`), whose output parses back to the same tree.

Positions (`start`, `end`) are character offsets in the source; they take no part in equality, so
that a tree and the tree of its printed form compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

Literal_ = int | float | str | bool | date | None


@dataclass(frozen=True, slots=True)
class Node:
    """Base of every expression node."""

    start: int = field(default=0, compare=False, kw_only=True)
    end: int = field(default=0, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Literal(Node):
    """A number, text, date, true, false or null."""

    value: Literal_


@dataclass(frozen=True, slots=True)
class ListLiteral(Node):
    """`[a, b, c]`, used on the right of `in`."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class QuestionRef(Node):
    """`${question_id}`: the answer to another question."""

    question_id: str


@dataclass(frozen=True, slots=True)
class ProfileRef(Node):
    """`profile.field`: a field of the supplier profile."""

    field_name: str


@dataclass(frozen=True, slots=True)
class Current(Node):
    """`.`: the answer to the question the expression belongs to."""


@dataclass(frozen=True, slots=True)
class Unary(Node):
    """`not x` or `-x`."""

    op: str
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary(Node):
    """`a op b` for arithmetic, comparison, `in`, `and` and `or`."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Call(Node):
    """`name(arg, ...)`: one of the language's fixed functions."""

    name: str
    args: tuple[Node, ...]


# Binding strength of binary operators; higher binds tighter.
PRECEDENCE: dict[str, int] = {
    "or": 1,
    "and": 2,
    "=": 4,
    "!=": 4,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "in": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "mod": 6,
}
NOT_PRECEDENCE = 3
NEGATE_PRECEDENCE = 7
ATOM_PRECEDENCE = 8
COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">=", "in"})


def precedence(node: Node) -> int:
    """How tightly `node` binds when printed."""
    if isinstance(node, Binary):
        return PRECEDENCE[node.op]
    if isinstance(node, Unary):
        return NOT_PRECEDENCE if node.op == "not" else NEGATE_PRECEDENCE
    return ATOM_PRECEDENCE


def unparse(node: Node) -> str:
    """Print `node` as source text, with only the parentheses its structure needs."""
    if isinstance(node, Literal):
        return _literal(node.value)
    if isinstance(node, ListLiteral):
        return "[" + ", ".join(unparse(item) for item in node.items) + "]"
    if isinstance(node, QuestionRef):
        return "${" + node.question_id + "}"
    if isinstance(node, ProfileRef):
        return "profile." + node.field_name
    if isinstance(node, Current):
        return "."
    if isinstance(node, Call):
        return node.name + "(" + ", ".join(unparse(arg) for arg in node.args) + ")"
    if isinstance(node, Unary):
        return _unary(node)
    if isinstance(node, Binary):
        return _binary(node)
    raise TypeError(f"not an expression node: {node!r}")


def _unary(node: Unary) -> str:
    own = precedence(node)
    inner = unparse(node.operand)
    if precedence(node.operand) < own:
        inner = f"({inner})"
    if node.op == "not":
        return f"not {inner}"
    # '--5' would still parse, but '- -5' reads better and never merges into another token
    return f"-{inner}" if not inner.startswith("-") else f"- {inner}"


def _binary(node: Binary) -> str:
    own = PRECEDENCE[node.op]
    left, right = unparse(node.left), unparse(node.right)
    left_prec, right_prec = precedence(node.left), precedence(node.right)
    chained = node.op in COMPARISONS
    if left_prec < own or (chained and left_prec == own):
        left = f"({left})"
    if right_prec <= own:
        right = f"({right})"
    return f"{left} {node.op} {right}"


def _literal(value: Literal_) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return "@" + value.isoformat()
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace("'", "\\'")
        return "'" + escaped.replace("\n", "\\n").replace("\t", "\\t") + "'"
    return repr(value)


def walk(node: Node) -> list[Node]:
    """Every node of the tree, parents before children."""
    out: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(children(current)))
    return out


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of `node`."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, ListLiteral):
        return node.items
    return ()
