"""The filling-in screen: criteria on the left, questions in the centre, help on the right."""
