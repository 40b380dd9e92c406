"""OpenRLHF agent function (``--train.agent_func_path``; ../shared/docs/trainer-contracts.md §3.2).

OpenRLHF builds one ``AgentInstance`` per prompt with no arguments, calls ``reset(states)`` with
``{"observation": prompt, "label": label}`` and then ``step(states)`` with the model's ``action_text`` until
``done``. The file it loads must define ``AgentExecutor``; ``examples/openrlhf_agent_func.py`` is such a
file, built from the classes here:

- the ``label`` of a row names the episode: a JSON string (or dict) ``{"env", "task"?, "seed"?, "options"?}``;
- ``rewards`` is returned as a tensor (OpenRLHF calls ``.item()`` on it): ``torch.tensor`` when torch is
  installed, else a float with ``.item()``;
- ``environment_feedback`` is raw text appended after the action tokens, so it carries its own chat
  turn markers (:attr:`StepGymAgentInstance.feedback_template`, OpenRLHF's example format by default);
- ``extra_logs`` holds each component's value (weighted) and ``terminated``/``truncated``; the episode is
  closed (``DELETE``) when it ends.

The server URL comes from ``STEPGYM_URL``.
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any, Dict, Optional

from ..client import StepGymClient
from ..env import render_observation
from ..text import parse_action

try:
    from openrlhf.utils.agent import AgentInstanceBase, MultiTurnAgentExecutor
except ImportError:
    AgentInstanceBase, MultiTurnAgentExecutor = object, None


class _Scalar(float):
    """A float with ``.item()``, for machines without torch."""

    def item(self) -> float:
        return float(self)


def reward_tensor(value: float) -> Any:
    try:
        import torch
        return torch.tensor(float(value))
    except ImportError:
        return _Scalar(value)


def parse_label(label: Any) -> Dict[str, Any]:
    """The episode a row names: ``{"env": ..., "task"?, "seed"?, "options"?}`` from a JSON string or dict."""
    if isinstance(label, str):
        try:
            label = json.loads(label)
        except ValueError:
            raise ValueError(f"the label must be JSON naming the episode, e.g. "
                             f"{{\"env\": \"shop-v1\", \"seed\": 3}}; got {label[:200]!r}") from None
    if not isinstance(label, dict) or not label.get("env"):
        raise ValueError(f"the label names no StepGym env: {label!r}")
    return label


class StepGymAgentInstance(AgentInstanceBase):
    """One StepGym episode per prompt."""

    feedback_template = "\n\nHuman: {observation}\n</s>\n\nAssistant: "

    def __init__(self, *args: Any, url: Optional[str] = None, **kwargs: Any) -> None:
        url = url or os.environ.get("STEPGYM_URL")
        if not url:
            raise ValueError("no StepGym server: set STEPGYM_URL")
        self.client = StepGymClient(url)
        self.episode_id: Optional[str] = None
        self.total = 0.0

    async def reset(self, states: Dict[str, Any], **kwargs: Any) -> Dict[str, Any]:
        episode = parse_label(states.get("label"))
        reset = await asyncio.to_thread(self.client.reset, episode["env"], task=episode.get("task"),
                                        seed=episode.get("seed"), options=episode.get("options"))
        self.episode_id, self.total = reset["episode_id"], 0.0
        prompt = states.get("observation") or ""
        return {"observation": prompt + render_observation(reset["observation"])}

    async def step(self, states: Dict[str, Any], **kwargs: Any) -> Dict[str, Any]:
        if self.episode_id is None:
            raise RuntimeError("step before reset")
        result = await asyncio.to_thread(self.client.step, self.episode_id,
                                         parse_action(states.get("action_text") or ""))
        reward = float(result["reward"])
        self.total += reward
        done = bool(result["terminated"] or result["truncated"])
        logs: Dict[str, Any] = {c["name"]: c["value"] * c["weight"] for c in result["rewards"]}
        logs.update(terminated=float(result["terminated"]), truncated=float(result["truncated"]))
        feedback = "" if done else self.feedback_template.format(observation=render_observation(result["observation"]))
        if done:
            await asyncio.to_thread(self.client.close_episode, self.episode_id)
        return {"rewards": reward_tensor(reward), "scores": reward_tensor(self.total),
                "environment_feedback": feedback, "done": done,
                "sampling_params": states.get("sampling_params"), "extra_logs": logs}


def make_agent_executor(instance_cls: type = StepGymAgentInstance) -> type:
    """The ``AgentExecutor`` class OpenRLHF looks for, over ``instance_cls`` (needs OpenRLHF installed)."""
    if MultiTurnAgentExecutor is None:
        raise ImportError("AgentExecutor needs OpenRLHF (openrlhf.utils.agent.MultiTurnAgentExecutor)")

    class AgentExecutor(MultiTurnAgentExecutor):
        def __init__(self) -> None:
            super().__init__(instance_cls)

    return AgentExecutor
