"""A recursive-descent parser from tokens to the expression tree, with precise error positions.

Grammar, loosest first:
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := additive (("=" | "!=" | "<" | "<=" | ">" | ">=" | "in") additive)?
    additive   := term (("+" | "-") term)*
    term       := unary (("*" | "/" | "mod") unary)*
    unary      := "-" unary | primary
    primary    := NUMBER | TEXT | @DATE | true | false | null | ${id} | profile.NAME | "."
                | NAME "(" [or_expr ("," or_expr)*] ")" | "(" or_expr ")" | "[" [items] "]"
"""

from __future__ import annotations

from selfassess.core.expr.ast import (
    COMPARISONS,
    Binary,
    Call,
    Current,
    ListLiteral,
    Literal,
    Node,
    ProfileRef,
    QuestionRef,
    Unary,
    children,
    walk,
)
from selfassess.core.expr.errors import ExpressionError
from selfassess.core.expr.lexer import Kind, Token, tokenize

MAX_DEPTH = 100
"""The deepest tree accepted (a chain `a + b + c ...` is as deep as it is long)."""
MAX_NESTING = 40
"""The most brackets, calls, lists and prefix operators (`not`, `-`) open at once while parsing:
each costs the parser about ten stack frames, so this keeps parsing far from Python's limit."""
_LITERAL_KEYWORDS = {"true": True, "false": False, "null": None}


def parse(source: str) -> Node:
    """Parse `source` into a tree; raises ExpressionError with the position of the first problem."""
    parser = _Parser(tokenize(source))
    if parser.peek().kind is Kind.END:
        raise ExpressionError("the expression is empty", 0)
    try:
        tree = parser.or_expr()
    except RecursionError:  # only when called already deep in the stack: MAX_NESTING is far off
        raise ExpressionError("the expression is nested too deeply", 0, len(source)) from None
    token = parser.peek()
    if token.kind is not Kind.END:
        raise ExpressionError(f"unexpected {_describe(token)}", token.start, token.end)
    _check_depth(tree)
    return tree


def _check_depth(tree: Node) -> None:
    """Refuse trees so deep that printing or evaluating them would exhaust the stack."""
    stack: list[tuple[Node, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError("the expression is nested too deeply", node.start, node.end)
        stack.extend((child, depth + 1) for child in children(node))


def references(tree: Node) -> list[QuestionRef]:
    """Every `${question}` reference in the tree, in source order."""
    refs = [node for node in walk(tree) if isinstance(node, QuestionRef)]
    return sorted(refs, key=lambda ref: ref.start)


def _describe(token: Token) -> str:
    if token.kind is Kind.END:
        return "end of expression"
    if token.kind in (Kind.OP, Kind.KEYWORD, Kind.NAME):
        return f"'{token.value}'"
    return str(token.kind.value)


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind is not Kind.END:
            self.index += 1
        return token

    def expect_op(self, op: str, context: str) -> Token:
        token = self.peek()
        if not token.is_op(op):
            raise ExpressionError(
                f"expected '{op}' {context}, found {_describe(token)}", token.start, token.end
            )
        return self.advance()

    def enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExpressionError("the expression is nested too deeply", token.start, token.end)

    def or_expr(self) -> Node:
        self.enter(self.peek())
        left = self.and_expr()
        while self.peek().is_keyword("or"):
            self.advance()
            right = self.and_expr()
            left = Binary("or", left, right, start=left.start, end=right.end)
        self.depth -= 1
        return left

    def and_expr(self) -> Node:
        left = self.not_expr()
        while self.peek().is_keyword("and"):
            self.advance()
            right = self.not_expr()
            left = Binary("and", left, right, start=left.start, end=right.end)
        return left

    def not_expr(self) -> Node:
        token = self.peek()
        if token.is_keyword("not"):
            self.enter(token)
            self.advance()
            operand = self.not_expr()
            self.depth -= 1
            return Unary("not", operand, start=token.start, end=operand.end)
        return self.comparison()

    def comparison(self) -> Node:
        left = self.additive()
        token = self.peek()
        if not _is_comparison(token):
            return left
        self.advance()
        right = self.additive()
        following = self.peek()
        if _is_comparison(following):
            raise ExpressionError(
                "comparisons cannot be chained; join them with 'and'",
                following.start,
                following.end,
            )
        return Binary(str(token.value), left, right, start=left.start, end=right.end)

    def additive(self) -> Node:
        left = self.term()
        while self.peek().is_op("+", "-"):
            op = str(self.advance().value)
            right = self.term()
            left = Binary(op, left, right, start=left.start, end=right.end)
        return left

    def term(self) -> Node:
        left = self.unary()
        while self.peek().is_op("*", "/") or self.peek().is_keyword("mod"):
            op = str(self.advance().value)
            right = self.unary()
            left = Binary(op, left, right, start=left.start, end=right.end)
        return left

    def unary(self) -> Node:
        token = self.peek()
        if token.is_op("-"):
            self.enter(token)
            self.advance()
            operand = self.unary()
            self.depth -= 1
            return Unary("-", operand, start=token.start, end=operand.end)
        return self.primary()

    def primary(self) -> Node:
        token = self.advance()
        kind = token.kind
        if kind in (Kind.NUMBER, Kind.STRING, Kind.DATE):
            return Literal(token.value, start=token.start, end=token.end)  # type: ignore[arg-type]
        if kind is Kind.REF:
            return QuestionRef(str(token.value), start=token.start, end=token.end)
        if kind is Kind.KEYWORD and token.value in _LITERAL_KEYWORDS:
            value = _LITERAL_KEYWORDS[str(token.value)]
            return Literal(value, start=token.start, end=token.end)
        if kind is Kind.NAME:
            return self.name(token)
        if token.is_op("."):
            return Current(start=token.start, end=token.end)
        if token.is_op("("):
            return self.parenthesised(token)
        if token.is_op("["):
            return self.list_literal(token)
        expected = "a value, a ${question}, a function call or '('"
        raise ExpressionError(
            f"expected {expected}, found {_describe(token)}", token.start, token.end
        )

    def name(self, token: Token) -> Node:
        name = str(token.value)
        if name == "profile":
            self.expect_op(".", "after 'profile' (write profile.field)")
            field = self.advance()
            if field.kind not in (Kind.NAME, Kind.KEYWORD):
                raise ExpressionError(
                    "expected a profile field name after 'profile.'", field.start, field.end
                )
            return ProfileRef(str(field.value), start=token.start, end=field.end)
        if not self.peek().is_op("("):
            raise ExpressionError(
                f"unknown name '{name}': write ${{{name}}} for a question, "
                f"profile.{name} for a profile field, or '{name}' for text",
                token.start,
                token.end,
            )
        self.advance()
        args = self.arguments(")", f"to close the call of {name}()")
        return Call(name, args, start=token.start, end=self.tokens[self.index - 1].end)

    def parenthesised(self, opening: Token) -> Node:
        inner = self.or_expr()
        self.expect_op(")", f"to close the '(' at column {opening.start + 1}")
        return inner

    def list_literal(self, opening: Token) -> Node:
        items = self.arguments("]", f"to close the '[' at column {opening.start + 1}")
        return ListLiteral(items, start=opening.start, end=self.tokens[self.index - 1].end)

    def arguments(self, closing: str, context: str) -> tuple[Node, ...]:
        items: list[Node] = []
        if self.peek().is_op(closing):
            self.advance()
            return ()
        while True:
            items.append(self.or_expr())
            if self.peek().is_op(","):
                self.advance()
                continue
            self.expect_op(closing, context)
            return tuple(items)


def _is_comparison(token: Token) -> bool:
    if token.kind is Kind.OP:
        return token.value in COMPARISONS
    return token.is_keyword("in")
