"""The fitted linear models of the answer selector: which unit answers the question, and whether
the question is answerable at all. Weights come from ``weights.json`` beside this module, written
by ``python -m eval.fit`` from the tuning part of the question sets (see README, "Answerability")."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class LinearModel:
    """A standardised logistic model: p = sigmoid(b + sum_i w_i (x_i - mean_i) / scale_i)."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def logit(self, features: Mapping[str, float]) -> float:
        z = self.intercept
        for name, m, s, w in zip(self.names, self.mean, self.scale, self.coef):
            z += w * (float(features.get(name, 0.0)) - m) / (s or 1.0)
        return z

    def prob(self, features: Mapping[str, float]) -> float:
        z = max(-30.0, min(30.0, self.logit(features)))
        return 1.0 / (1.0 + math.exp(-z))

    def to_dict(self) -> dict[str, object]:
        return {"names": list(self.names), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "LinearModel":
        def floats(key: str) -> tuple[float, ...]:
            values = data[key]
            assert isinstance(values, Sequence)
            return tuple(float(v) for v in values)

        names = data["names"]
        assert isinstance(names, Sequence)
        return cls(tuple(str(n) for n in names), floats("mean"), floats("scale"), floats("coef"), float(data["intercept"]))  # type: ignore[arg-type]


@dataclass(frozen=True)
class SelectorWeights:
    unit: LinearModel  # P(unit holds the answer)
    answerable: LinearModel  # P(the question is answerable from the passages)
    threshold: float  # answer when P(answerable) >= threshold
    second_ratio: float  # add the second-best unit when its P >= ratio x the best one's
    typed_ratio: float = 1.01  # add a unit that fully holds the asked value when the best one does not
    more_units: int = 1  # at most this many units join the best one (answer.choice.choose)

    def to_json(self) -> str:
        return json.dumps({"unit": self.unit.to_dict(), "answerable": self.answerable.to_dict(),
                           "threshold": self.threshold, "second_ratio": self.second_ratio,
                           "typed_ratio": self.typed_ratio, "more_units": self.more_units}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "SelectorWeights":
        data = json.loads(text)
        return cls(LinearModel.from_dict(data["unit"]), LinearModel.from_dict(data["answerable"]),
                   float(data["threshold"]), float(data["second_ratio"]), float(data.get("typed_ratio", 1.01)),
                   int(data.get("more_units", 1)))


# Used only until `python -m eval.fit` has written weights.json: lexical and semantic match.
DEFAULT_WEIGHTS = SelectorWeights(
    LinearModel(("lex", "dense", "typed"), (0.5, 0.8, 0.3), (0.25, 0.05, 0.4), (1.0, 1.0, 0.5), 0.0),
    LinearModel(("best_logit", "unknown"), (0.0, 0.1), (1.0, 0.2), (1.0, -1.0), 0.0),
    0.5,
    0.8,
)


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_FILE) -> SelectorWeights:
    if not path.exists():
        return DEFAULT_WEIGHTS
    return SelectorWeights.from_json(path.read_text(encoding="utf-8"))


__all__ = ["DEFAULT_WEIGHTS", "LinearModel", "SelectorWeights", "WEIGHTS_FILE", "load_weights"]
