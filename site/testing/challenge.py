"""Solving the server's proof-of-work challenge outside a browser: for the tests' and the
benchmarks' clients, which must pay it like anyone (site/challenge.py; the browsers run
static/js/proof-of-work.js)."""

from __future__ import annotations

import base64
import json

import altcha


def solve(challenge: dict) -> str:
    """The payload that answers `challenge` (as the server sent it)."""
    solution = altcha.solve_challenge(altcha.Challenge.from_dict(challenge))
    if solution is None:
        raise ValueError("the challenge could not be solved in time")
    payload = {"challenge": challenge, "solution": solution.to_dict()}
    return base64.b64encode(json.dumps(payload).encode()).decode()
