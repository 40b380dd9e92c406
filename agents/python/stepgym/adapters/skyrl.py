"""SkyRL-gym text environment (../shared/docs/trainer-contracts.md §3.3).

SkyRL's generator builds ``StepGymTextEnv(env_config, extras)`` per trajectory, calls ``init(chat)`` and then
``step(model_text)`` until ``done``, placing each step's reward on that assistant turn's last token itself,
then ``get_metrics()`` and ``close()``. The episode comes from ``extras`` (a dataset row's env extras):
``{"env", "task"?, "seed"?, "options"?}`` directly or under ``extras["stepgym"]``; the server URL from
``env_config["url"]`` or ``STEPGYM_URL``. ``metadata`` carries what SkyRL's ``done`` loses: ``terminated``,
``truncated``, the typed ``rewards``, ``state_hash``, ``step`` and the server's ``info``.

Register it with :func:`register` (``skyrl_gym.envs.register(id="stepgym", ...)``) and set the row's
``env_class`` to ``stepgym``.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple

from ..client import StepGymClient
from ..env import render_observation
from ..text import parse_action

try:
    from skyrl_gym.envs.base_text_env import BaseTextEnv
except ImportError:
    BaseTextEnv = object

ENTRY_POINT = "stepgym.adapters.skyrl:StepGymTextEnv"


class StepGymTextEnv(BaseTextEnv):
    """One StepGym episode as a SkyRL ``BaseTextEnv``."""

    def __init__(self, env_config: Optional[Dict[str, Any]] = None, extras: Optional[Dict[str, Any]] = None) -> None:
        if BaseTextEnv is not object:
            super().__init__()
        env_config = dict(env_config or {})
        extras = dict(extras or {})
        self.episode = dict(extras.get("stepgym") or extras)
        if not self.episode.get("env"):
            raise ValueError("SkyRL extras name no StepGym env: set extras['stepgym'] = {'env': ...}")
        url = env_config.get("url") or os.environ.get("STEPGYM_URL")
        if not url:
            raise ValueError("no StepGym server: set env_config['url'] or STEPGYM_URL")
        self.client = StepGymClient(url)
        self.max_turns = int(extras.get("max_turns") or env_config.get("max_turns") or 0)
        self.episode_id: Optional[str] = None
        self.turns = 0
        self.components: Dict[str, float] = {}
        self.total = 0.0

    def init(self, prompt: List[Dict[str, str]]) -> Tuple[List[Dict[str, str]], Dict[str, Any]]:
        reset = self.client.reset(self.episode["env"], task=self.episode.get("task"), seed=self.episode.get("seed"),
                                  options=self.episode.get("options"))
        self.episode_id = reset["episode_id"]
        info = dict(reset["info"], episode_id=self.episode_id, state_hash=reset.get("state_hash"))
        return list(prompt or []) + [{"role": "user", "content": render_observation(reset["observation"])}], info

    def step(self, action: str) -> Dict[str, Any]:
        if self.episode_id is None:
            raise RuntimeError("step before init")
        result = self.client.step(self.episode_id, parse_action(action))
        self.turns += 1
        reward = float(result["reward"])
        self.total += reward
        for c in result["rewards"]:
            self.components[c["name"]] = self.components.get(c["name"], 0.0) + c["value"] * c["weight"]
        done = bool(result["terminated"] or result["truncated"]) or (0 < self.max_turns <= self.turns)
        observations = [] if done else [{"role": "user", "content": render_observation(result["observation"])}]
        metadata = {"terminated": result["terminated"], "truncated": result["truncated"],
                    "rewards": result["rewards"], "state_hash": result["state_hash"], "step": result["step"],
                    "info": result["info"], "episode_id": self.episode_id}
        return {"observations": observations, "reward": reward, "done": done, "metadata": metadata,
                "postprocessed_action": None}

    def get_metrics(self) -> Dict[str, Any]:
        return dict(self.components, stepgym_return=self.total, stepgym_turns=self.turns)

    @staticmethod
    def aggregate_metrics(metrics: List[Dict[str, Any]]) -> Dict[str, Any]:
        keys = sorted({k for m in metrics for k in m})
        return {k: sum(float(m.get(k, 0.0)) for m in metrics) / len(metrics) for k in keys} if metrics else {}

    def close(self) -> Optional[Dict[str, Any]]:
        """Ends the episode (``DELETE``, idempotent)."""
        if self.episode_id is None:
            return None
        summary = self.client.close_episode(self.episode_id)
        self.client.close()
        return summary


def register(env_id: str = "stepgym") -> None:
    """Registers :class:`StepGymTextEnv` with skyrl-gym under ``env_id`` (needs skyrl-gym installed)."""
    from skyrl_gym.envs import register as skyrl_register
    skyrl_register(id=env_id, entry_point=ENTRY_POINT)
