"""TRL ``GRPOTrainer(environment_factory=...)`` adapter.

TRL builds environment instances with no arguments, pools them ("construct once, reset often"), calls
``reset(**row)`` with every dataset column, turns each public method (except ``reset`` and ``get_reward``)
into a tool from its type hints and ``Args:`` docstring, and reads ``get_reward()`` as a reward with weight 1
(../shared/docs/trainer-contracts.md §2). So :func:`make_environment_factory` returns a *class* whose tool
methods are generated from the env's JSON tool schemas (``GET /v1/envs``), one real Python function per
tool, as TRL's own OpenReward adapter does.

    Env = make_environment_factory("http://127.0.0.1:8080", "shop-v1")
    trainer = GRPOTrainer(..., environment_factory=Env,
                          reward_funcs=component_reward_funcs(["attribute_match", "progress"]))

Per instance: ``rewards`` (each step's reward), ``components`` (each component's weighted sum over the
episode), ``step_components`` (each step's typed components), ``info``, ``terminated``, ``truncated``,
``state_hash``. A tool call after the episode ended raises ``ValueError("Episode is over...")``, which TRL
shows the model as the tool's error, its convention for "stop". Nothing here imports TRL.
"""

from __future__ import annotations

import keyword
from typing import Any, Callable, Dict, List, Optional, Sequence, Type

from ..client import StepGymClient
from ..env import StepGymEnv, render_observation

_JSON_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "array": "list",
               "object": "dict"}
_RESERVED = {"reset", "get_reward"}


class StepGymToolEnv:
    """The base of generated classes; subclasses set ``_url``, ``_env_id`` and ``_settings``."""

    _url: str = ""
    _env_id: str = ""
    _settings: Dict[str, Any] = {}

    def __init__(self) -> None:
        settings = dict(self._settings)
        transport = settings.pop("transport", "http")
        # One client (one WebSocket with transport="ws") per instance, reused across resets.
        self._env = StepGymEnv(self._url, self._env_id, transport=transport, **settings)
        self._clear()

    def reset(self, **row: Any) -> Optional[str]:
        """Starts an episode from a dataset row's ``task``, ``seed`` and ``options`` columns (others are
        ignored) and returns the first observation's text, which TRL appends to the prompt."""
        options = dict(row.get("options") or {})
        if row.get("task") is not None:
            options["task"] = row["task"]
        seed = row.get("seed")
        obs, info = self._env.reset(seed=int(seed) if seed is not None else None, options=options)
        self._clear()
        self.info = info
        self.state_hash = info.get("state_hash")
        return render_observation(obs)

    def get_reward(self) -> float:
        """The episode's return so far: the sum of every step's reward (all components, weighted)."""
        return float(sum(self.rewards))

    def _clear(self) -> None:
        self.rewards: List[float] = []
        self.components: Dict[str, float] = {}
        self.step_components: List[List[Dict[str, Any]]] = []
        self.info: Dict[str, Any] = {}
        self.terminated = False
        self.truncated = False
        self.state_hash: Optional[str] = None

    def _call_tool(self, name: str, arguments: Dict[str, Any]) -> str:
        if self.terminated or self.truncated:
            raise ValueError("Episode is over: no more actions are accepted.")
        obs, reward, terminated, truncated, info = self._env.step({"tool": name, "arguments": arguments})
        self.rewards.append(reward)
        self.step_components.append(info["rewards"])
        for c in info["rewards"]:
            self.components[c["name"]] = self.components.get(c["name"], 0.0) + c["value"] * c["weight"]
        self.info, self.terminated, self.truncated = info, terminated, truncated
        self.state_hash = info.get("state_hash")
        text = render_observation(obs)
        if terminated or truncated:
            text += "\n\n[Episode over: " + ("task finished" if terminated else "step limit reached") + "]"
        return text

    def _close(self) -> None:
        """Ends the open episode (underscored so TRL does not make it a tool)."""
        self._env.close()


def make_environment_factory(url: str, env_id: str, *, class_name: Optional[str] = None,
                             tools: Optional[Sequence[Dict[str, Any]]] = None, **settings: Any
                             ) -> Type[StepGymToolEnv]:
    """A no-argument class for TRL's ``environment_factory``, one tool method per env tool.

    ``settings``: ``transport``, ``task``, ``timeout``, ``max_retries`` and episode options, as for
    :class:`~stepgym.StepGymEnv`. ``tools`` defaults to the env's tool schemas from the server.
    """
    if tools is None:
        with StepGymClient(url) as client:
            tools = client.env_spec(env_id).get("tools", [])
    namespace: Dict[str, Any] = {}
    for tool in tools:
        method = _tool_method(tool)
        namespace[method.__name__] = method
    name = class_name or "StepGym" + "".join(p.capitalize() for p in env_id.replace("-", "_").split("_")) + "Env"
    namespace.update(_url=url, _env_id=env_id, _settings=dict(settings), __doc__=f"StepGym {env_id} for TRL.")
    return type(name, (StepGymToolEnv,), namespace)


def component_reward_funcs(names: Sequence[str]) -> List[Callable[..., List[float]]]:
    """One TRL reward function per reward component, so TRL logs each one on its own.

    Each gives, per environment, that component's weighted sum over the episode (0 when absent). Pass them
    in ``reward_funcs``; TRL adds ``get_reward()`` as well unless the class has none.
    """
    funcs = []
    for name in names:
        def func(environments: Sequence[StepGymToolEnv], _name: str = name, **_: Any) -> List[float]:
            return [float(e.components.get(_name, 0.0)) for e in environments]
        func.__name__ = "stepgym_" + _safe_identifier(name)
        funcs.append(func)
    return funcs


def _tool_method(tool: Dict[str, Any]) -> Callable[..., str]:
    """A real function ``name(self, a: str, b: int = None) -> str`` with an ``Args:`` docstring.

    It is compiled from source built only from checked identifiers, so TRL's schema reader (``inspect`` and
    ``typing.get_type_hints``) sees ordinary parameters and annotations.
    """
    name = tool["name"]
    if not _is_identifier(name) or name in _RESERVED:
        raise ValueError(f"tool name {name!r} cannot be a Python method name for TRL")
    schema = tool.get("parameters") or {}
    props: Dict[str, Dict[str, Any]] = schema.get("properties") or {}
    required = [p for p in schema.get("required") or [] if p in props]
    optional = [p for p in props if p not in required]
    for p in props:
        if not _is_identifier(p):
            raise ValueError(f"tool {name!r}: parameter {p!r} cannot be a Python parameter name")
    params = [f"{p}: {_JSON_TYPES.get(props[p].get('type'), 'str')}" for p in required]
    params += [f"{p}: {_JSON_TYPES.get(props[p].get('type'), 'str')} = None" for p in optional]
    source = (f"def {name}(self{''.join(', ' + p for p in params)}) -> str:\n"
              f"    arguments = {{k: v for k, v in (({', '.join(f'({p!r}, {p})' for p in props)}{',' if len(props) == 1 else ''})) if v is not None}}\n"
              f"    return self._call_tool({name!r}, arguments)\n")
    scope: Dict[str, Any] = {}
    exec(compile(source, f"<stepgym tool {name}>", "exec", dont_inherit=True), scope)  # noqa: S102 - identifiers checked above
    method = scope[name]
    lines = [tool.get("description") or name]
    if props:
        lines += ["", "Args:"] + [f"    {p}: {props[p].get('description') or p}" for p in props]
    method.__doc__ = "\n".join(lines)
    return method


def _is_identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_")


def _safe_identifier(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name)
