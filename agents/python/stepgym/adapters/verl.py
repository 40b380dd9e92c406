"""verl adapters: an agent loop (recommended) and an interaction (../shared/docs/trainer-contracts.md §3.1).

**StepGymAgentLoop** (registered as ``stepgym_agent`` when verl is importable) owns the whole episode:
reset, put the first observation in the prompt, then generate -> :func:`~stepgym.text.parse_action` -> step
until the episode ends or the response budget runs out. Observation tokens get ``response_mask`` 0. Each
turn's step reward is put on that turn's last generated token by the server's ``token_placement``
transform (``extra_fields["token_level_rewards"]``); ``reward_score`` is the episode's return, and the typed
components, state hashes and ``terminated``/``truncated`` go to ``extra_fields``. The episode is closed
(``DELETE``) at the end. Dataset rows name it with ``agent_name: stepgym_agent`` and carry the episode in
``extra_info.stepgym = {"env", "task"?, "seed"?, "options"?}``; the server URL comes from the loop's config
(``stepgym_url``) or ``STEPGYM_URL``.

**StepGymInteraction** (a ``BaseInteraction``) is for verl's ``ToolAgentLoop``: ``start_interaction`` opens
an episode, ``generate_response`` steps it with the last assistant message. verl does not let it put the
first observation in the prompt (the dataset prompt must hold it, e.g. from ``stepgym.export prompts``), and
``finalize_interaction`` is never called by ``ToolAgentLoop``, so unfinished episodes end by their lease.

Both import verl only if it is installed; without it they are plain classes with the same methods.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from types import SimpleNamespace
from typing import Any, Dict, List, Optional, Tuple

from ..client import StepGymClient
from ..env import render_observation
from ..text import parse_action
from ..tokens import place_turn_rewards

try:  # verl is optional: the adapter must import without it
    from verl.experimental.agent_loop.agent_loop import AgentLoopBase, AgentLoopOutput, register
except ImportError:
    AgentLoopBase, AgentLoopOutput = object, None

    def register(name: str):  # type: ignore[no-redef]
        return lambda cls: cls

try:
    from verl.interactions.base import BaseInteraction
except ImportError:
    BaseInteraction = object


def _episode_config(row: Dict[str, Any]) -> Dict[str, Any]:
    extra = row.get("extra_info") or {}
    config = dict(extra.get("stepgym") or row.get("stepgym") or {})
    for key in ("env", "task", "seed", "options"):
        if key not in config and key in row:
            config[key] = row[key]
    if not config.get("env"):
        raise ValueError("the dataset row names no StepGym env: set extra_info.stepgym = {\"env\": ...}")
    return config


def _url(explicit: Optional[str]) -> str:
    url = explicit or os.environ.get("STEPGYM_URL")
    if not url:
        raise ValueError("no StepGym server: pass stepgym_url in the agent loop config or set STEPGYM_URL")
    return url


@register("stepgym_agent")
class StepGymAgentLoop(AgentLoopBase):
    """verl ``AgentLoopBase`` over one StepGym episode per ``run``."""

    def __init__(self, trainer_config: Any = None, server_manager: Any = None, tokenizer: Any = None,
                 processor: Any = None, dataset_cls: Any = None, dataset_config: Any = None, *,
                 stepgym_url: Optional[str] = None, max_turns: Optional[int] = None,
                 response_length: Optional[int] = None, token_mode: str = "last", **kwargs: Any) -> None:
        if AgentLoopBase is not object:
            super().__init__(trainer_config, server_manager, tokenizer, processor, dataset_cls, dataset_config,
                             **kwargs)
        self.server_manager = server_manager
        self.tokenizer = tokenizer
        self.client = StepGymClient(_url(stepgym_url))
        rollout = _rollout_config(trainer_config)
        self.response_length = int(response_length or getattr(rollout, "response_length", 0) or 4096)
        multi_turn = getattr(rollout, "multi_turn", None)
        self.max_turns = int(max_turns or getattr(multi_turn, "max_assistant_turns", 0) or 32)
        self.token_mode = token_mode
        self._chat_prefix = self._template_prefix()

    async def run(self, sampling_params: Dict[str, Any], **kwargs: Any) -> Any:
        config = _episode_config(kwargs)
        request_id = uuid.uuid4().hex
        reset = await asyncio.to_thread(self.client.reset, config["env"], task=config.get("task"),
                                        seed=config.get("seed"), options=config.get("options"))
        episode_id = reset["episode_id"]
        try:
            messages = list(kwargs.get("raw_prompt") or []) + [
                {"role": "user", "content": render_observation(reset["observation"])}]
            prompt_ids = list(await asyncio.to_thread(self.tokenizer.apply_chat_template, messages,
                                                      add_generation_prompt=True, tokenize=True))
            response_ids: List[int] = []
            response_mask: List[int] = []
            spans: List[Tuple[int, int]] = []
            turns: List[Dict[str, Any]] = []
            for _ in range(self.max_turns):
                budget = self.response_length - len(response_ids)
                if budget <= 0:
                    break
                output = await self.server_manager.generate(request_id=request_id,
                                                            prompt_ids=prompt_ids + response_ids,
                                                            sampling_params=sampling_params)
                generated = list(getattr(output, "token_ids", output))[:budget]
                if not generated:
                    break
                spans.append((len(response_ids), len(response_ids) + len(generated)))
                response_ids += generated
                response_mask += [1] * len(generated)
                text = self.tokenizer.decode(generated, skip_special_tokens=True)
                result = await asyncio.to_thread(self.client.step, episode_id, parse_action(text))
                turns.append(result)
                if result["terminated"] or result["truncated"]:
                    break
                observation_ids = self._user_turn_ids(render_observation(result["observation"]))
                observation_ids = observation_ids[:self.response_length - len(response_ids)]
                response_ids += observation_ids
                response_mask += [0] * len(observation_ids)
            turn_rewards = [float(t["reward"]) for t in turns]
            token_rewards = (await asyncio.to_thread(place_turn_rewards, self.client, turn_rewards, spans,
                                                     len(response_ids), mode=self.token_mode)) if turns else []
        finally:
            summary = await asyncio.to_thread(self.client.close_episode, episode_id)
        last = turns[-1] if turns else {}
        extra_fields = {"turn_scores": turn_rewards, "token_level_rewards": token_rewards,
                        "reward_components": [t["rewards"] for t in turns],
                        "state_hashes": [t["state_hash"] for t in turns], "episode_id": episode_id,
                        "terminated": bool(last.get("terminated")), "truncated": bool(last.get("truncated")),
                        "outcome": summary.get("outcome"), "turn_token_spans": spans}
        fields = dict(prompt_ids=prompt_ids, response_ids=response_ids, response_mask=response_mask,
                      reward_score=float(sum(turn_rewards)), num_turns=2 * len(turns) + 1, metrics={},
                      extra_fields=extra_fields)
        return AgentLoopOutput(**fields) if AgentLoopOutput is not None else SimpleNamespace(**fields)

    def _template_prefix(self) -> List[int]:
        """What the chat template puts before any message (e.g. a default system prompt), to strip from
        a lone user turn's ids, as verl's own ``ToolAgentLoop`` does."""
        try:
            return list(self.tokenizer.apply_chat_template([{}], add_generation_prompt=False, tokenize=True))
        except Exception:  # templates that refuse an empty message have no such prefix to strip
            return []

    def _user_turn_ids(self, text: str) -> List[int]:
        ids = list(self.tokenizer.apply_chat_template([{"role": "user", "content": text}],
                                                      add_generation_prompt=True, tokenize=True))
        prefix = self._chat_prefix
        return ids[len(prefix):] if prefix and ids[:len(prefix)] == prefix else ids


def _rollout_config(trainer_config: Any) -> Any:
    config = getattr(trainer_config, "config", trainer_config)
    return getattr(getattr(config, "actor_rollout_ref", None), "rollout", None)


class StepGymInteraction(BaseInteraction):
    """verl ``BaseInteraction``: one StepGym episode per ``instance_id``.

    ``config``: ``{"url": ..., "env": default env id}`` (``url`` defaults to ``STEPGYM_URL``); the
    ``interaction_kwargs`` of a row (``env``, ``task``, ``seed``, ``options``) pick the episode.
    """

    def __init__(self, config: Optional[Dict[str, Any]] = None) -> None:
        config = dict(config or {})
        if BaseInteraction is not object:
            super().__init__(config)
        self.config = config
        self.client = StepGymClient(_url(config.get("url")))
        self._episodes: Dict[str, Dict[str, Any]] = {}

    async def start_interaction(self, instance_id: Optional[str] = None, **kwargs: Any) -> str:
        instance_id = instance_id or uuid.uuid4().hex
        env = kwargs.get("env") or self.config.get("env")
        if not env:
            raise ValueError("no StepGym env: set interaction_kwargs.env or the interaction config's env")
        reset = await asyncio.to_thread(self.client.reset, env, task=kwargs.get("task"), seed=kwargs.get("seed"),
                                        options=kwargs.get("options"))
        self._episodes[instance_id] = {"episode_id": reset["episode_id"], "rewards": [],
                                       "observation": reset["observation"]}
        return instance_id

    def first_observation(self, instance_id: str) -> str:
        """The reset observation's text (verl cannot put it in the prompt itself)."""
        return render_observation(self._episodes[instance_id]["observation"])

    async def generate_response(self, instance_id: str, messages: List[Dict[str, Any]], **kwargs: Any
                                ) -> Tuple[bool, str, float, Dict[str, Any]]:
        episode = self._episodes[instance_id]
        reply = next((m.get("content") or "" for m in reversed(messages) if m.get("role") == "assistant"), "")
        result = await asyncio.to_thread(self.client.step, episode["episode_id"], parse_action(reply))
        episode["rewards"].append(float(result["reward"]))
        done = bool(result["terminated"] or result["truncated"])
        extra = {"rewards": result["rewards"], "state_hash": result["state_hash"], "step": result["step"],
                 "terminated": result["terminated"], "truncated": result["truncated"], "info": result["info"]}
        return done, render_observation(result["observation"]), float(result["reward"]), extra

    async def calculate_score(self, instance_id: Optional[str] = None, **kwargs: Any) -> float:
        if instance_id is None:
            return 0.0
        return float(sum(self._episodes.get(instance_id, {}).get("rewards", [])))

    async def finalize_interaction(self, instance_id: Optional[str] = None, **kwargs: Any) -> None:
        episode = self._episodes.pop(instance_id, None) if instance_id is not None else None
        if episode is not None:
            await asyncio.to_thread(self.client.close_episode, episode["episode_id"])
