"""Dataset export (``python -m stepgym.export``) from trajectory files and from a real server."""

import contextlib
import io
import json
import os
import tempfile
import unittest

from support import play_shop, server_url

from stepgym import StepGymClient, StepGymEnv
from stepgym.export import main, read_trajectory_file
from stepgym.policies import shop_policy


def write_trajectory_file(path, trajectory):
    """The server's trajectory as the JSONL file it records (docs/protocol.md, Trajectory files)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(trajectory["header"]) + "\n")
        for step in trajectory["steps"]:
            f.write(json.dumps(step) + "\n")
        if trajectory.get("end"):
            f.write(json.dumps(trajectory["end"]) + "\n")


def export(*args):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        rc = main(list(args))
    return rc, err.getvalue()


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = server_url()
        cls.client = StepGymClient(cls.url)
        cls.episodes = []
        for seed in (31, 32):
            with StepGymEnv(cls.url, "shop-v1") as env:
                first, _ = env.reset(seed=seed)
                steps = play_shop(env, shop_policy)
                cls.episodes.append((env.episode_id, first, steps))

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def rows(self, path):
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    def check_row(self, row, episode, with_prompt):
        episode_id, first, steps = episode
        self.assertEqual(row["episode_id"], episode_id)
        self.assertEqual(row["env"], "shop-v1")
        self.assertEqual(row["rewards"], [r for _, r, *_ in steps])
        self.assertAlmostEqual(row["return"], sum(r for _, r, *_ in steps), places=9)
        self.assertTrue(row["terminated"])
        self.assertEqual(len(row["reward_components"]), len(steps))
        self.assertEqual(row["reward_components"][-1], steps[-1][4]["rewards"])
        self.assertEqual(row["state_hashes"], [i["state_hash"] for *_, i in steps])
        roles = [m["role"] for m in row["messages"]]
        if with_prompt:
            self.assertEqual(row["prompt"], [{"role": "user", "content": first["text"]}])
            self.assertEqual(roles[0], "user")
        self.assertEqual(roles.count("assistant"), len(steps))
        self.assertEqual(row["messages"], row["prompt"] + row["completion"])
        self.assertEqual(row["agent_name"], "stepgym_agent")
        self.assertEqual(row["extra_info"]["stepgym"]["seed"], row["seed"])

    def test_from_the_server_by_episode_id(self):
        out = os.path.join(self.tmp.name, "episodes.jsonl")
        rc, err = export("trajectories", "--url", self.url, "--episode", self.episodes[0][0],
                         "--episode", self.episodes[1][0], "--out", out)
        self.assertEqual(rc, 0, err)
        self.assertIn("wrote 2 rows", err)
        rows = self.rows(out)
        for row, episode in zip(rows, self.episodes):
            self.check_row(row, episode, with_prompt=True)

    def test_from_trajectory_files_with_and_without_a_server(self):
        folder = os.path.join(self.tmp.name, "runs", "shop-v1")
        os.makedirs(folder)
        for episode_id, _, _ in self.episodes:
            write_trajectory_file(os.path.join(folder, episode_id + ".jsonl"), self.client.trajectory(episode_id))
        with open(os.path.join(folder, self.episodes[1][0] + ".jsonl"), "a") as f:
            f.write('{"type":"step","ste')  # a torn last line, as a crash leaves it: skipped
        out = os.path.join(self.tmp.name, "a.jsonl")
        self.assertEqual(export("trajectories", os.path.join(self.tmp.name, "runs"), "--url", self.url, "--out", out)[0], 0)
        by_id = {row["episode_id"]: row for row in self.rows(out)}
        for episode in self.episodes:
            self.check_row(by_id[episode[0]], episode, with_prompt=True)
        offline = os.path.join(self.tmp.name, "b.jsonl")
        self.assertEqual(export("trajectories", folder, "--out", offline)[0], 0)
        for row in self.rows(offline):
            self.assertEqual(row["prompt"], [])
            self.assertEqual(row["messages"][0]["role"], "assistant")

    def test_prompts(self):
        out = os.path.join(self.tmp.name, "prompts.jsonl")
        rc, err = export("prompts", "--url", self.url, "--env", "shop-v1", "--seeds", "0:3",
                         "--options", '{"split": "test"}', "--out", out)
        self.assertEqual(rc, 0, err)
        rows = self.rows(out)
        self.assertEqual([r["seed"] for r in rows], [0, 1, 2])
        for row in rows:
            self.assertTrue(row["task"].startswith("shop-test-"))
            self.assertIn("Instruction:", row["prompt"][0]["content"])
            with StepGymEnv(self.url, "shop-v1") as env:  # the row reproduces its episode
                obs, _ = env.reset(seed=row["seed"], options={"task": row["task"]})
                self.assertEqual(obs["text"], row["prompt"][0]["content"])

    def test_errors_are_reported_not_raised(self):
        out = os.path.join(self.tmp.name, "x.jsonl")
        rc, err = export("trajectories", "--url", self.url, "--episode", "ep-nope", "--out", out)
        self.assertEqual(rc, 1)
        self.assertIn("EPISODE_NOT_FOUND", err)
        rc, err = export("trajectories", os.path.join(self.tmp.name, "missing"), "--out", out)
        self.assertEqual(rc, 1)
        self.assertIn("no such file", err)
        bad = os.path.join(self.tmp.name, "bad.jsonl")
        with open(bad, "w") as f:
            f.write('{"type":"episode","env":"shop-v1"}\nnot json\n{"type":"end"}\n')
        with self.assertRaises(ValueError):
            read_trajectory_file(__import__("pathlib").Path(bad))


if __name__ == "__main__":
    unittest.main()
