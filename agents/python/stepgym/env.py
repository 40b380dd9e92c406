"""Gymnasium-style environments over a StepGym server.

:class:`StepGymEnv` is one episode at a time, with Gymnasium's signatures
(``reset(*, seed=None, options=None) -> (obs, info)``, ``step(action) -> (obs, reward, terminated, truncated,
info)``, ``close()``), plus StepGym's own ``fork()``. :class:`StepGymVectorEnv` steps N episodes with one
``POST /v1/batch/step`` request per ``step``.

Every step's ``info`` holds the server's ``info`` plus ``rewards`` (the typed components:
``[{"name", "value", "weight", "source", "kind"}]``), ``step``, ``state_hash`` and ``episode_id``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from .client import Action, StepGymClient
from .errors import ResetNeededError, StepGymError
from .spaces import ObservationSpace, Space, TextSpace, ToolCallSpace

Observation = Dict[str, Any]
Info = Dict[str, Any]


def render_observation(observation: Observation) -> str:
    """The observation as the text a model reads: ``text``, preceded by ``last_action_error`` if any."""
    text = str(observation.get("text", ""))
    error = observation.get("last_action_error")
    if error and error not in text:
        return f"Error: {error}\n\n{text}"
    return text


def _step_info(result: Dict[str, Any], episode_id: str) -> Info:
    info = dict(result.get("info") or {})
    info.update(rewards=result.get("rewards", []), step=result.get("step"), state_hash=result.get("state_hash"),
                episode_id=episode_id)
    return info


def _reset_info(result: Dict[str, Any]) -> Info:
    info = dict(result.get("info") or {})
    info.update(episode_id=result["episode_id"], state_hash=result.get("state_hash"),
                lease_seconds=result.get("lease_seconds"), step=0)
    return info


class StepGymEnv:
    """One StepGym environment (``env_id`` such as ``"shop-v1"``) on the server at ``url``.

    Keyword arguments other than those below are the episode ``options`` sent at every reset (e.g.
    ``max_steps=5``, ``split="test"``); ``reset(options=...)`` adds to them for one episode, and
    ``options["task"]`` picks a task for that episode.

    - ``task``: the task of every episode (default: the seed picks one).
    - ``transport``: ``"http"`` (default, standard library only) or ``"ws"`` (one WebSocket).
    - ``timeout``, ``max_retries``: per request, and how often ``429 CAPACITY`` is retried with back-off.
    - ``client``: an existing :class:`StepGymClient` to share (then ``url``/``transport`` are not used).
    """

    metadata = {"render_modes": ["ansi"]}
    render_mode = "ansi"

    def __init__(self, url: Optional[str] = None, env_id: Optional[str] = None, *, task: Optional[str] = None,
                 transport: str = "http", timeout: float = 60.0, max_retries: int = 5,
                 client: Optional[StepGymClient] = None, **options: Any) -> None:
        if not env_id:
            raise ValueError("StepGymEnv needs an env_id, e.g. 'shop-v1' (GET /v1/envs lists them)")
        if client is None and not url:
            raise ValueError("StepGymEnv needs a server url (e.g. http://127.0.0.1:8080) or a client")
        self._owns_client = client is None
        self.client = client or StepGymClient(url, transport=transport, timeout=timeout, max_retries=max_retries)
        self.env_id = env_id
        self.task = task
        self.options: Dict[str, Any] = dict(options)
        self.episode_id: Optional[str] = None
        self.observation: Optional[Observation] = None
        self.info: Info = {}
        self.terminated = False
        self.truncated = False
        self.last_summary: Optional[Dict[str, Any]] = None
        self._action_space: Optional[Space] = None
        self.observation_space = ObservationSpace()

    # -- Gymnasium API ------------------------------------------------------------------------------------

    def reset(self, *, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None
              ) -> Tuple[Observation, Info]:
        """Closes the current episode, if any, and starts a new one: ``(observation, info)``.

        ``info`` holds the server's reset info (``env``, ``task``, ``seed``, ``max_steps``, the instruction...)
        plus ``episode_id``, ``state_hash`` and ``lease_seconds``.
        """
        merged = dict(self.options)
        merged.update(options or {})
        task = merged.pop("task", self.task)
        self._close_episode()
        result = self.client.reset(self.env_id, task=task, seed=seed, options=merged or None)
        if seed is not None and self._action_space is not None:
            self._action_space.seed(seed)
        return self._bind(result)

    def step(self, action: Action) -> Tuple[Observation, float, bool, bool, Info]:
        """One step: ``(observation, reward, terminated, truncated, info)``.

        After ``terminated`` or ``truncated`` call ``reset()``: stepping on raises
        :class:`~stepgym.errors.EpisodeDoneError` (the server's 409 ``EPISODE_DONE``).
        """
        episode_id = self._require_episode("step")
        result = self.client.step(episode_id, action)
        return self._record_step(result)

    def close(self) -> Optional[Dict[str, Any]]:
        """Ends the open episode (``DELETE``, idempotent) and releases the connection this env opened.

        Returns the episode summary (``steps``, ``return``, ``outcome``...) or None when none was open.
        """
        summary = self._close_episode()
        if self._owns_client:
            self.client.close()
        return summary

    def render(self) -> Optional[str]:
        return None if self.observation is None else render_observation(self.observation)

    @property
    def unwrapped(self) -> "StepGymEnv":
        return self

    def __enter__(self) -> "StepGymEnv":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"StepGymEnv({self.client.url!r}, {self.env_id!r}, episode={self.episode_id!r})"

    # -- StepGym extras ---------------------------------------------------------------------------------------

    def fork(self) -> "StepGymEnv":
        """A new env bound to a copy of this episode in its current state (``POST .../fork``).

        The fork shares this env's client; its ``observation`` and ``info`` (with ``parent_episode_id`` and
        ``parent_step``) are set, so it can be stepped at once. Close it when done.
        """
        episode_id = self._require_episode("fork")
        result = self.client.fork(episode_id)
        twin = StepGymEnv(env_id=self.env_id, task=self.task, client=self.client, **self.options)
        twin._bind(result)
        return twin

    @property
    def spec(self) -> Dict[str, Any]:
        """The server's EnvSpec (description, action_format, tools, max_steps, reward_components)."""
        return self.client.env_spec(self.env_id)

    @property
    def action_space(self) -> Space:
        """Text for ``action_format: text`` envs, tool calls for ``tool`` envs."""
        if self._action_space is None:
            spec = self.spec
            self._action_space = (ToolCallSpace(spec.get("tools", [])) if spec.get("action_format") == "tool"
                                  else TextSpace(1000))
        return self._action_space

    @property
    def state_hash(self) -> Optional[str]:
        return self.info.get("state_hash")

    def trajectory(self) -> Dict[str, Any]:
        """The recorded trajectory of the current (or last closed) episode."""
        if self.episode_id is None:
            raise ResetNeededError("no episode yet: call reset() first")
        return self.client.trajectory(self.episode_id)

    # -- internals ---------------------------------------------------------------------------------------

    def _bind(self, result: Dict[str, Any]) -> Tuple[Observation, Info]:
        self.episode_id = result["episode_id"]
        self.observation = result["observation"]
        self.info = _reset_info(result)
        self.terminated = self.truncated = False
        self.last_summary = None
        return self.observation, self.info

    def _record_step(self, result: Dict[str, Any]) -> Tuple[Observation, float, bool, bool, Info]:
        self.observation = result["observation"]
        self.info = _step_info(result, self.episode_id or "")
        self.terminated = bool(result.get("terminated"))
        self.truncated = bool(result.get("truncated"))
        return self.observation, float(result.get("reward", 0.0)), self.terminated, self.truncated, self.info

    def _require_episode(self, what: str) -> str:
        if self.episode_id is None or self.last_summary is not None:
            raise ResetNeededError(f"cannot {what}: no open episode; call reset() first")
        return self.episode_id

    def _close_episode(self) -> Optional[Dict[str, Any]]:
        if self.episode_id is None or self.last_summary is not None:
            return self.last_summary
        self.last_summary = self.client.close_episode(self.episode_id)
        return self.last_summary


class StepGymVectorEnv:
    """``num_envs`` episodes of one environment, stepped together with one ``POST /v1/batch/step``.

    Gymnasium-vector-like: ``reset(seed=...)`` returns ``(observations, infos)`` and ``step(actions)`` returns
    ``(observations, rewards, terminations, truncations, infos)``, each a list of length ``num_envs``;
    ``infos`` is a dict of lists with a boolean mask under ``"_<key>"``, as Gymnasium's vector envs give.

    Autoreset is Gymnasium's default ``NextStep`` mode (``metadata["autoreset_mode"]``): after a sub-env
    ends, the next ``step`` resets it instead of stepping it, ignores its action and reports reward 0 and
    ``terminated = truncated = False`` for it, with the new episode's first observation. Resets are separate
    requests, sent side by side; every other sub-env is stepped in the one batch request.
    """

    metadata = {"autoreset_mode": "NextStep"}

    def __init__(self, url: Optional[str] = None, env_id: Optional[str] = None, num_envs: int = 2, *,
                 task: Optional[str] = None, transport: str = "http", timeout: float = 60.0,
                 max_retries: int = 5, client: Optional[StepGymClient] = None, **options: Any) -> None:
        if num_envs < 1:
            raise ValueError("num_envs must be >= 1")
        if client is None and not url:
            raise ValueError("StepGymVectorEnv needs a server url (e.g. http://127.0.0.1:8080) or a client")
        self._owns_client = client is None
        self.client = client or StepGymClient(url, transport=transport, timeout=timeout,
                                              max_retries=max_retries)
        self.envs: List[StepGymEnv] = [StepGymEnv(env_id=env_id, task=task, client=self.client, **options)
                                       for _ in range(num_envs)]
        self.num_envs = num_envs
        self.env_id = env_id
        self._needs_reset = [False] * num_envs

    def reset(self, *, seed: Union[int, Sequence[Optional[int]], None] = None,
              options: Optional[Dict[str, Any]] = None) -> Tuple[List[Observation], Dict[str, Any]]:
        """Resets every sub-env. An int ``seed`` seeds sub-env *i* with ``seed + i`` (as Gymnasium does)."""
        seeds = self._seeds(seed)
        results = self._parallel([lambda env=env, s=s: env.reset(seed=s, options=options)
                                  for env, s in zip(self.envs, seeds)])
        self._needs_reset = [False] * self.num_envs
        return [obs for obs, _ in results], _vector_infos([info for _, info in results])

    def step(self, actions: Sequence[Action]) -> Tuple[List[Observation], List[float], List[bool], List[bool],
                                                       Dict[str, Any]]:
        if len(actions) != self.num_envs:
            raise ValueError(f"step needs {self.num_envs} actions, got {len(actions)}")
        observations: List[Any] = [None] * self.num_envs
        rewards = [0.0] * self.num_envs
        terminations = [False] * self.num_envs
        truncations = [False] * self.num_envs
        infos: List[Info] = [{} for _ in range(self.num_envs)]
        resetting = [i for i in range(self.num_envs) if self._needs_reset[i]]
        stepped = [i for i in range(self.num_envs) if not self._needs_reset[i]]
        for i, (obs, info) in zip(resetting, self._parallel([lambda env=self.envs[i]: env.reset()
                                                              for i in resetting])):
            observations[i], infos[i] = obs, info
            self._needs_reset[i] = False
        if stepped:
            batch = [{"episode_id": self.envs[i]._require_episode("step"), "action": actions[i]} for i in stepped]
            for i, result in zip(stepped, self.client.batch_step(batch)):
                if isinstance(result, StepGymError):
                    raise result
                observations[i], rewards[i], terminations[i], truncations[i], infos[i] = \
                    self.envs[i]._record_step(result)
                self._needs_reset[i] = terminations[i] or truncations[i]
        return observations, rewards, terminations, truncations, _vector_infos(infos)

    def close(self) -> List[Optional[Dict[str, Any]]]:
        """Closes every sub-env's episode; returns their summaries."""
        summaries = [env.close() for env in self.envs]
        if self._owns_client:
            self.client.close()
        return summaries

    def __enter__(self) -> "StepGymVectorEnv":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _parallel(self, calls: List[Any]) -> List[Any]:
        """Runs resets side by side (they are separate requests; the client is thread-safe), in order."""
        if len(calls) <= 1:
            return [call() for call in calls]
        with ThreadPoolExecutor(max_workers=min(16, len(calls))) as pool:
            return list(pool.map(lambda call: call(), calls))

    def _seeds(self, seed: Union[int, Sequence[Optional[int]], None]) -> List[Optional[int]]:
        if seed is None:
            return [None] * self.num_envs
        if isinstance(seed, int):
            return [seed + i for i in range(self.num_envs)]
        seeds = list(seed)
        if len(seeds) != self.num_envs:
            raise ValueError(f"need {self.num_envs} seeds, got {len(seeds)}")
        return seeds


def _vector_infos(infos: List[Info]) -> Dict[str, Any]:
    """Per-env info dicts as Gymnasium's vector layout: ``{key: [v0, v1...], "_key": [has0, has1...]}``."""
    merged: Dict[str, Any] = {}
    for i, info in enumerate(infos):
        for key, value in info.items():
            if key not in merged:
                merged[key] = [None] * len(infos)
                merged["_" + key] = [False] * len(infos)
            merged[key][i] = value
            merged["_" + key][i] = True
    return merged
