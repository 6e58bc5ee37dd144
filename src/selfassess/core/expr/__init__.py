"""The questionnaire expression language: a small, closed language parsed and evaluated by us.

Used by `relevant`, `required`, constraints, applicability, status rules and red flags. Python's
`eval` is never involved. See `docs/expressions.md` for the language itself.

    tree = parse("${B1.2} >= 2 and selected(${B1.3}, 'register')")
    value_type = check(tree, scope)      # load time: names, types, positions
    result = evaluate(tree, context)     # run time: only ExpressionError can escape
"""

from selfassess.core.expr.ast import Node, unparse
from selfassess.core.expr.checker import Scope, check
from selfassess.core.expr.context import EvaluationContext, MappingContext
from selfassess.core.expr.errors import ExpressionError
from selfassess.core.expr.evaluator import evaluate
from selfassess.core.expr.parser import parse, references
from selfassess.core.expr.types import ValueType

__all__ = [
    "EvaluationContext",
    "ExpressionError",
    "MappingContext",
    "Node",
    "Scope",
    "ValueType",
    "check",
    "evaluate",
    "parse",
    "references",
    "unparse",
]
