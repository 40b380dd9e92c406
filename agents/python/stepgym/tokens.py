"""Per-turn rewards onto tokens, through the server's ``token_placement`` transform.

A trainer that owns the token ids (the verl agent loop, a custom loop) knows where each turn's tokens lie
in the response; the server's ``POST /v1/rewards/transform`` with ``token_placement`` (docs/rewards.md §4)
puts each turn's reward on the last token of its ``[start, end)`` span (``mode="last"``) or on every token
of it (``"broadcast"``), and 0 elsewhere. The placement is not reimplemented here, so the client and the
server's recorded ``returns`` can never disagree on it.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from .client import StepGymClient

Span = Tuple[int, int]


def place_turn_rewards(client: StepGymClient, turn_rewards: Sequence[float], token_offsets: Sequence[Span],
                       num_tokens: int, *, mode: str = "last") -> List[float]:
    """One trajectory: ``turn_rewards[t]`` placed on span ``token_offsets[t]`` of ``num_tokens`` tokens.

    A turn's reward is its whole step reward, outcome components included (they arrive on the step that
    earns them, e.g. the purchase), so the token rewards sum to the episode's return.
    """
    return place_group_rewards(client, {"t": (turn_rewards, token_offsets, num_tokens)}, mode=mode)["t"]


def place_group_rewards(client: StepGymClient,
                        trajectories: Dict[str, Tuple[Sequence[float], Sequence[Span], int]], *,
                        mode: str = "last") -> Dict[str, List[float]]:
    """Many trajectories in one request: ``{id: (turn_rewards, token_offsets, num_tokens)}`` -> ``{id: values}``."""
    if not trajectories:
        return {}
    params = {"mode": mode,
              "token_offsets": {tid: [list(span) for span in spans] for tid, (_, spans, _) in trajectories.items()},
              "num_tokens": {tid: n for tid, (_, _, n) in trajectories.items()}}
    group = [{"id": tid, "rewards": [float(r) for r in rewards]} for tid, (rewards, _, _) in trajectories.items()]
    results = client.transform(group, transform={"name": "token_placement", "params": params})
    return {r["id"]: r["values"] for r in results}
