"""Dataset export: StepGym episodes as JSONL rows that TRL and verl read.

Two kinds of dataset:

``trajectories``: one row per recorded episode (from trajectory files ``runs/<env>/<id>.jsonl``, see
docs/replay.md, or from a server's ``GET /v1/episodes/{id}/trajectory``)::

    {"messages": [{"role": "user", "content": <first observation>}, {"role": "assistant", "content": <action 1>},
                  {"role": "user", "content": <observation 1>}, ...],
     "prompt": [<first message>], "completion": [<the rest>],
     "rewards": [<step reward>...], "reward_components": [[{"name","value","weight","source","kind"}...]...],
     "return": ..., "terminated": ..., "truncated": ..., "state_hashes": [...], "outcome": {...},
     "env": ..., "task": ..., "seed": ..., "episode_id": ..., "data_source": "stepgym/<env>",
     "agent_name": "stepgym_agent", "extra_info": {"stepgym": {"env", "task", "seed", "options"}, "index": i}}

``messages`` is TRL's conversational format (SFTTrainer), ``prompt``/``completion`` its prompt-completion
format; ``prompt``, ``data_source``, ``agent_name`` and ``extra_info`` are the columns verl's dataset and
:class:`~stepgym.adapters.verl.StepGymAgentLoop` read (convert with ``pandas.read_json(path, lines=True)
.to_parquet(...)`` for verl). A trajectory file holds no reset observation, so with ``--url`` the exporter
replays the reset (same env, task, seed and options give the same observation) and closes that episode;
without a server the rows start at the first action.

``prompts``: one row per (env, seed), the starting prompts of an RL run: ``prompt`` is the reset
observation, plus ``task``, ``seed`` and the verl/TRL routing columns; the episode is closed again. TRL's
``environment_factory`` gets ``task`` and ``seed`` as ``reset(**row)`` kwargs.

Command line::

    python -m stepgym.export trajectories runs/ --out episodes.jsonl [--url http://127.0.0.1:8080]
    python -m stepgym.export trajectories --url URL --episode ep-1 --episode ep-2 --out episodes.jsonl
    python -m stepgym.export prompts --url URL --env shop-v1 --seeds 0:100 --out prompts.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, TextIO

from .client import StepGymClient
from .env import render_observation
from .errors import StepGymError


def read_trajectory_file(path: Path) -> Dict[str, Any]:
    """``{"header", "steps", "end"}`` of one trajectory file; a torn last line is skipped, as the server does."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header, steps, end = None, [], None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            if number == len(lines):  # a crash can tear only the last line
                break
            raise ValueError(f"{path}:{number}: not a JSON line") from None
        kind = record.get("type")
        if kind == "episode":
            header = record
        elif kind == "step":
            steps.append(record)
        elif kind == "end":
            end = record
    if header is None:
        raise ValueError(f"{path}: no episode header line")
    return {"header": header, "steps": steps, "end": end}


def trajectory_files(paths: Sequence[str]) -> List[Path]:
    files: List[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            files.extend(sorted(p.rglob("*.jsonl")))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"no such file or directory: {given}")
    return files


def _action_text(action: Any) -> str:
    return action if isinstance(action, str) else json.dumps(action, sort_keys=True)


def episode_row(trajectory: Dict[str, Any], first_observation: Optional[Dict[str, Any]] = None,
                index: int = 0) -> Dict[str, Any]:
    """The dataset row of one episode (see the module doc)."""
    header, steps, end = trajectory["header"], trajectory.get("steps") or [], trajectory.get("end") or {}
    first = first_observation or header.get("observation")
    messages: List[Dict[str, str]] = []
    if first is not None:
        messages.append({"role": "user", "content": render_observation(first)})
    for step in steps:
        messages.append({"role": "assistant", "content": _action_text(step.get("action"))})
        if not (step.get("terminated") or step.get("truncated")):
            messages.append({"role": "user", "content": render_observation(step.get("observation") or {})})
    rewards = [float(s.get("reward", 0.0)) for s in steps]
    last = steps[-1] if steps else {}
    episode = {"env": header.get("env"), "task": header.get("task"), "seed": header.get("seed"),
               "options": header.get("options") or {}}
    split = 1 if first is not None else 0
    return {"messages": messages, "prompt": messages[:split], "completion": messages[split:],
            "rewards": rewards, "reward_components": [s.get("rewards", []) for s in steps],
            "return": float(end.get("return", sum(rewards))), "terminated": bool(last.get("terminated")),
            "truncated": bool(last.get("truncated")), "state_hashes": [s.get("state_hash") for s in steps],
            "outcome": end.get("outcome"), "env": episode["env"], "task": episode["task"], "seed": episode["seed"],
            "episode_id": header.get("episode_id"), "parent_episode_id": header.get("parent_episode_id"),
            "data_source": f"stepgym/{episode['env']}", "agent_name": "stepgym_agent",
            "extra_info": {"stepgym": episode, "index": index}}


def replay_first_observation(client: StepGymClient, header: Dict[str, Any]) -> Dict[str, Any]:
    """The reset observation of a recorded episode, by resetting the same env, task, seed and options."""
    options = dict(header.get("options") or {})  # the reward pipeline does not change observations
    reset = client.reset(header["env"], task=header.get("task"), seed=header.get("seed"), options=options or None)
    client.close_episode(reset["episode_id"])
    return reset["observation"]


def export_trajectories(trajectories: Iterable[Dict[str, Any]], out: TextIO,
                        client: Optional[StepGymClient] = None) -> int:
    count = 0
    for trajectory in trajectories:
        header = trajectory["header"]
        first = None
        if client is not None and "observation" not in header and not header.get("parent_episode_id"):
            first = replay_first_observation(client, header)
        out.write(json.dumps(episode_row(trajectory, first, count), ensure_ascii=False) + "\n")
        count += 1
    return count


def prompt_rows(client: StepGymClient, env: str, seeds: Iterable[int], *, task: Optional[str] = None,
                options: Optional[Dict[str, Any]] = None) -> Iterator[Dict[str, Any]]:
    """One starting-prompt row per seed (each reset is closed again at once)."""
    for index, seed in enumerate(seeds):
        reset = client.reset(env, task=task, seed=seed, options=options)
        client.close_episode(reset["episode_id"])
        info = reset["info"]
        episode = {"env": env, "task": info.get("task"), "seed": info.get("seed"), "options": options or {}}
        yield {"prompt": [{"role": "user", "content": render_observation(reset["observation"])}],
               "env": env, "task": info.get("task"), "seed": info.get("seed"),
               "instruction": info.get("instruction"), "data_source": f"stepgym/{env}",
               "agent_name": "stepgym_agent", "extra_info": {"stepgym": episode, "index": index,
                                                             "interaction_kwargs": dict(episode, name="stepgym")}}


def _seeds(text: str) -> List[int]:
    """``0:100`` (a range), ``1,5,9`` (a list) or ``7``."""
    try:
        if ":" in text:
            start, stop = text.split(":", 1)
            return list(range(int(start), int(stop)))
        return [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"seeds must look like 0:100 or 1,5,9; got {text!r}") from None


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stepgym.export",
                                     description="StepGym episodes as JSONL datasets for TRL and verl.")
    sub = parser.add_subparsers(dest="kind", required=True)
    traj = sub.add_parser("trajectories", help="one row per recorded episode")
    traj.add_argument("paths", nargs="*", help="trajectory files or directories (e.g. runs/)")
    traj.add_argument("--url", help="server: replays resets for the first observation, and serves --episode")
    traj.add_argument("--episode", action="append", default=[], help="an episode id to fetch from --url")
    traj.add_argument("--out", required=True, help="output JSONL file ('-' for stdout)")
    prompts = sub.add_parser("prompts", help="one starting prompt per seed")
    prompts.add_argument("--url", required=True)
    prompts.add_argument("--env", required=True)
    prompts.add_argument("--seeds", type=_seeds, default=_seeds("0:10"), help="0:100, 1,5,9 or 7 (default 0:10)")
    prompts.add_argument("--task")
    prompts.add_argument("--options", type=json.loads, default=None, help='JSON object, e.g. {"split":"test"}')
    prompts.add_argument("--out", required=True)
    args = parser.parse_args(argv)

    client = StepGymClient(args.url) if args.url else None
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        if args.kind == "prompts":
            count = 0
            for row in prompt_rows(client, args.env, args.seeds, task=args.task, options=args.options):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        else:
            if not args.paths and not args.episode:
                parser.error("give trajectory files or directories, or --url with --episode ids")
            if args.episode and client is None:
                parser.error("--episode needs --url")
            sources: List[Dict[str, Any]] = [read_trajectory_file(f) for f in trajectory_files(args.paths)]
            sources += [client.trajectory(e) for e in args.episode]
            count = export_trajectories(sources, out, client)
    except (StepGymError, ValueError, OSError) as e:
        print(f"stepgym.export: {e}", file=sys.stderr)
        return 1
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"stepgym.export: wrote {count} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
