"""Agreement statistics against hand-computed values."""

from __future__ import annotations

import pytest

from simulator.rubric.agreement import (
    exact_agreement,
    quadratic_weighted_kappa,
    within_one_agreement,
)


def test_quadratic_weighted_kappa_hand_computed() -> None:
    # Three levels, four pairs: (0,0) (1,1) (2,1) (2,2).
    # Observed O: O00 = O11 = O21 = O22 = 1. Rows 1,1,2; columns 1,2,1; N = 4.
    # Weights (i-j)^2/(k-1)^2: 0.25 one apart, 1 two apart.
    # Observed weighted disagreement: w21 * O21 = 0.25.
    # Expected E = row x column / N:
    #   E01 = 0.5, E10 = 0.25, E12 = 0.25, E21 = 1.0, E02 = 0.25, E20 = 0.5
    #   0.25 * (0.5 + 0.25 + 0.25 + 1.0) + 1 * (0.25 + 0.5) = 1.25
    # kappa = 1 - 0.25 / 1.25 = 0.8
    pairs = [(0, 0), (1, 1), (2, 1), (2, 2)]
    assert quadratic_weighted_kappa(pairs, levels=3) == pytest.approx(0.8)


def test_quadratic_weighted_kappa_extremes() -> None:
    assert quadratic_weighted_kappa([(0, 0), (3, 3), (1, 1)]) == pytest.approx(1.0)
    # Both raters always said 2: no chance disagreement, perfect agreement.
    assert quadratic_weighted_kappa([(2, 2), (2, 2)]) == 1.0
    # Reversed on the extremes: O03 = O30 = 1, E03 = E30 = E00 = E33 = 0.5.
    # kappa = 1 - 2 / 1 = -1
    assert quadratic_weighted_kappa([(0, 3), (3, 0)]) == pytest.approx(-1.0)
    assert quadratic_weighted_kappa([]) is None
    with pytest.raises(ValueError):
        quadratic_weighted_kappa([(0, 4)])


def test_exact_and_within_one() -> None:
    pairs = [(0, 0), (1, 2), (3, 1), (2, 2)]
    assert exact_agreement(pairs) == 0.5
    assert within_one_agreement(pairs) == 0.75
    assert exact_agreement([]) is None
