"""Safety rules (SA): advice that could harm a reader."""

RULES: list = []
