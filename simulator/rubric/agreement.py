"""Agreement between two raters' levels: exact, within one, quadratic weighted kappa.

Quadratic weighted kappa (Cohen 1968) compares the observed disagreement with the one
expected by chance from each rater's own level distribution, weighting a disagreement by
the square of its distance:

    kappa = 1 - sum(w_ij * O_ij) / sum(w_ij * E_ij),   w_ij = (i - j)^2 / (k - 1)^2

where O is the k x k table of observed counts and E = outer(row totals, column totals) / N.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.models.rubric import MAX_LEVEL

Pair = tuple[int, int]


def exact_agreement(pairs: Sequence[Pair]) -> float | None:
    """Share of pairs with the same level; None without pairs."""
    return sum(1 for a, b in pairs if a == b) / len(pairs) if pairs else None


def within_one_agreement(pairs: Sequence[Pair]) -> float | None:
    """Share of pairs at most one level apart; None without pairs."""
    return sum(1 for a, b in pairs if abs(a - b) <= 1) / len(pairs) if pairs else None


def quadratic_weighted_kappa(pairs: Sequence[Pair], levels: int = MAX_LEVEL + 1) -> float | None:
    """Cohen's quadratic weighted kappa of ``(rater_a, rater_b)`` levels in 0..levels-1.

    None without pairs. When chance disagreement is zero (both raters used one and the
    same level throughout) the raters agree perfectly and kappa is 1.0.
    """
    if not pairs:
        return None
    if levels < 2:
        raise ValueError("kappa needs at least two levels")
    for a, b in pairs:
        if not (0 <= a < levels and 0 <= b < levels):
            raise ValueError(f"level outside 0..{levels - 1}: {(a, b)}")
    n = len(pairs)
    observed = [[0] * levels for _ in range(levels)]
    for a, b in pairs:
        observed[a][b] += 1
    rows = [sum(observed[i]) for i in range(levels)]
    cols = [sum(observed[i][j] for i in range(levels)) for j in range(levels)]
    num = den = 0.0
    for i in range(levels):
        for j in range(levels):
            w = (i - j) ** 2 / (levels - 1) ** 2
            num += w * observed[i][j]
            den += w * rows[i] * cols[j] / n
    if den == 0:
        return 1.0 if num == 0 else 0.0
    return 1 - num / den
