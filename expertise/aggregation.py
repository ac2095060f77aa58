"""Aggregating the experts' scores of one initiative: pure functions on numbers.

For one review with criteria i (score sᵢ on the criterion's own scale [minᵢ, maxᵢ], weight wᵢ):

    nᵢ = (sᵢ − minᵢ) / (maxᵢ − minᵢ) · M            (the score normalised to the scale [0, M])
    T  = Σ wᵢ · nᵢ / Σ wᵢ                            (the weighted total of the review)

where M is ``settings.REVIEW_TOTAL_SCALE`` (5 by default): on a 0–5 criterion nᵢ = sᵢ. Criteria
left without a score are left out of both sums. Over the experts' totals T₁ … Tₖ:

    mean   = (T₁ + … + Tₖ) / k
    spread = max Tⱼ − min Tⱼ
    disagreement  ⇔  k ≥ 2 and spread > threshold

with the threshold of the form, or ``settings.REVIEW_DISAGREEMENT_THRESHOLD`` (1.5 points).
Results are rounded half-up to two decimals.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")


def _round(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def total_scale():
    return Decimal(str(getattr(settings, "REVIEW_TOTAL_SCALE", 5)))


def default_threshold():
    return Decimal(str(getattr(settings, "REVIEW_DISAGREEMENT_THRESHOLD", "1.5")))


def normalised(value, scale_min, scale_max, top=None):
    top = total_scale() if top is None else top
    return (Decimal(value) - scale_min) / Decimal(scale_max - scale_min) * top


def weighted_total(scores, top=None):
    """``scores``: iterable of (weight, value, scale_min, scale_max); None if nothing is scored."""
    numerator = denominator = Decimal(0)
    for weight, value, scale_min, scale_max in scores:
        if value is None:
            continue
        weight = Decimal(weight)
        numerator += weight * normalised(value, scale_min, scale_max, top)
        denominator += weight
    if not denominator:
        return None
    return _round(numerator / denominator)


def summary(totals, threshold=None):
    """Mean, spread and the disagreement flag of the experts' totals (None totals ignored)."""
    values = [t for t in totals if t is not None]
    threshold = default_threshold() if threshold is None else Decimal(threshold)
    if not values:
        return {"mean": None, "spread": None, "disagreement": False, "threshold": threshold}
    spread = max(values) - min(values)
    return {
        "mean": _round(sum(values) / len(values)),
        "spread": _round(spread),
        "disagreement": len(values) >= 2 and spread > threshold,
        "threshold": threshold,
    }
