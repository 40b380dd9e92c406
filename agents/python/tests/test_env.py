"""StepGymEnv and StepGymVectorEnv against a real server: the Gymnasium contract and StepGym's extras."""

import unittest

from support import play_shop, server_url

from stepgym import (EpisodeDoneError, ResetNeededError, StepGymClient, StepGymEnv, StepGymVectorEnv,
                     TransportError)
from stepgym.client import HttpTransport
from stepgym.policies import shop_policy

COMPONENT_KEYS = {"name", "value", "weight", "source", "kind"}


class StepGymEnvTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = server_url()

    def test_reset_step_close_follow_gymnasium(self):
        env = StepGymEnv(self.url, "shop-v1")
        obs, info = env.reset(seed=7)
        self.assertIn("Instruction:", obs["text"])
        self.assertEqual(obs["available_actions"], ["search[...]"])
        for key in ("env", "task", "seed", "max_steps", "episode_id", "state_hash"):
            self.assertIn(key, info)
        self.assertEqual((info["env"], info["seed"], info["max_steps"]), ("shop-v1", 7, 15))
        obs, reward, terminated, truncated, info = env.step("search[red shoes]")
        self.assertIsInstance(reward, float)
        self.assertEqual((terminated, truncated, info["step"]), (False, False, 1))
        self.assertEqual(obs["data"]["page"], "results")
        self.assertTrue(info["rewards"])
        for component in info["rewards"]:
            self.assertEqual(set(component), COMPONENT_KEYS)
        self.assertAlmostEqual(reward, sum(c["value"] * c["weight"] for c in info["rewards"]), places=9)
        self.assertTrue(info["state_hash"].startswith("sha256:"))
        summary = env.close()
        self.assertEqual(summary["steps"], 1)
        self.assertEqual(env.close(), summary, "close is idempotent")
        with self.assertRaises(ResetNeededError):
            env.step("search[again]")

    def test_seed_and_options_are_keyword_only(self):
        with StepGymEnv(self.url, "shop-v1") as env:
            with self.assertRaises(TypeError):
                env.reset(3)

    def test_same_seed_same_observations_and_hashes(self):
        runs = []
        for _ in range(2):
            with StepGymEnv(self.url, "shop-v1") as env:
                obs, info = env.reset(seed=11)
                steps = play_shop(env, shop_policy)
                runs.append((obs, info["task"], [(o, r, t, tr, i["state_hash"]) for o, r, t, tr, i in steps]))
        self.assertEqual(runs[0], runs[1])

    def test_scripted_episode_terminates_and_step_after_end_raises_episode_done(self):
        with StepGymEnv(self.url, "shop-v1") as env:
            env.reset(seed=3)
            steps = play_shop(env, shop_policy)
            obs, reward, terminated, truncated, info = steps[-1]
            self.assertTrue(terminated)
            self.assertFalse(truncated)
            self.assertEqual(obs["data"]["page"], "done")
            self.assertIn("attribute_match", [c["name"] for c in info["rewards"]])
            with self.assertRaises(EpisodeDoneError) as caught:
                env.step("click[buy now]")
            self.assertEqual((caught.exception.code, caught.exception.status), ("EPISODE_DONE", 409))

    def test_step_limit_truncates(self):
        with StepGymEnv(self.url, "shop-v1", max_steps=2) as env:
            _, info = env.reset(seed=1)
            self.assertEqual(info["max_steps"], 2)
            env.step("click[nothing]")
            _, _, terminated, truncated, _ = env.step("click[nothing]")
            self.assertEqual((terminated, truncated), (False, True))
            with self.assertRaises(EpisodeDoneError):
                env.step("click[nothing]")

    def test_task_keyword_and_options_task(self):
        with StepGymEnv(self.url, "shop-v1", task="shop-test-00017") as env:
            self.assertEqual(env.reset()[1]["task"], "shop-test-00017")
            self.assertEqual(env.reset(options={"task": "shop-dev-00003"})[1]["task"], "shop-dev-00003")

    def test_reset_closes_the_previous_episode(self):
        with StepGymEnv(self.url, "shop-v1") as env:
            _, first = env.reset(seed=1)
            env.reset(seed=2)
            summary = env.client.close_episode(first["episode_id"])  # idempotent DELETE: already closed
            self.assertEqual(summary["episode_id"], first["episode_id"])
            self.assertEqual(summary["steps"], 0)

    def test_fork_continues_independently_from_the_same_state(self):
        with StepGymEnv(self.url, "shop-v1") as env:
            env.reset(seed=5)
            env.step("search[wallet case]")
            with env.fork() as twin:
                self.assertNotEqual(twin.episode_id, env.episode_id)
                self.assertEqual(twin.info["parent_episode_id"], env.episode_id)
                self.assertEqual(twin.info["parent_step"], 1)
                self.assertEqual(twin.observation, env.observation)
                self.assertEqual(twin.state_hash, env.state_hash)
                a = env.step("click[next >]")
                b = twin.step("click[next >]")
                self.assertEqual(a[0], b[0])
                self.assertEqual(a[4]["state_hash"], b[4]["state_hash"])
                twin.step("click[back to search]")
                self.assertNotEqual(twin.state_hash, env.state_hash)
            # closing the fork leaves the shared client and the parent usable
            self.assertEqual(env.step("click[< prev]")[4]["step"], 3)

    def test_context_manager_closes_the_episode(self):
        with StepGymEnv(self.url, "shop-v1") as env:
            env.reset(seed=1)
            episode_id = env.episode_id
            env.step("search[lamp]")
        self.assertIsNotNone(env.last_summary)
        trajectory = StepGymClient(self.url).trajectory(episode_id)
        self.assertEqual(trajectory["end"]["reason"], "closed")
        self.assertEqual(len(trajectory["steps"]), 1)

    def test_spaces_spec_and_render(self):
        with StepGymEnv(self.url, "shop-v1") as env:
            self.assertEqual(env.spec["action_format"], "text")
            self.assertEqual([t["name"] for t in env.spec["tools"]], ["search", "click"])
            env.action_space.seed(0)
            sample = env.action_space.sample()
            self.assertIn(sample, env.action_space)
            self.assertIn("search[red shoes]", env.action_space)
            obs, _ = env.reset(seed=0)
            self.assertIn(obs, env.observation_space)
            self.assertEqual(env.render(), obs["text"])
            obs, *_ = env.step("fly[away]")
            self.assertIn("last_action_error", obs)
            self.assertTrue(env.render().startswith("Error: ") or obs["last_action_error"] in obs["text"])
        with StepGymEnv(self.url, "code-v1") as code:
            sample = code.action_space.sample()
            self.assertIn(sample["tool"], [t["name"] for t in code.spec["tools"]])
            self.assertIn(sample, code.action_space)

    def test_tool_call_actions(self):
        with StepGymEnv(self.url, "shop-v1") as env:
            env.reset(seed=2)
            obs, *_ = env.step({"tool": "search", "arguments": {"query": "tank top"}})
            self.assertEqual(obs["data"]["page"], "results")

    def test_unreachable_server_is_a_transport_error(self):
        env = StepGymEnv("http://127.0.0.1:1", "shop-v1", timeout=5)
        with self.assertRaises(TransportError):
            env.reset()


class CountingTransport(HttpTransport):
    def __init__(self, base_url, timeout):
        super().__init__(base_url, timeout)
        self.requests = []

    def request(self, method, path, body=None):
        self.requests.append((method, path))
        return super().request(method, path, body)


class StepGymVectorEnvTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = server_url()

    def test_one_batch_request_per_step_and_next_step_autoreset(self):
        client = StepGymClient(self.url)
        counting = CountingTransport(self.url, 60)
        client._http = client._episodes = counting
        envs = StepGymVectorEnv(env_id="shop-v1", num_envs=4, client=client)
        self.assertEqual(envs.metadata["autoreset_mode"], "NextStep")
        observations, infos = envs.reset(seed=100)
        self.assertEqual(infos["seed"], [100, 101, 102, 103])
        self.assertEqual(infos["_seed"], [True] * 4)
        counting.requests.clear()
        observations, rewards, terminated, truncated, infos = envs.step(["search[tank top]"] * 4)
        self.assertEqual(counting.requests, [("POST", "/v1/batch/step")])
        self.assertEqual(len(rewards), 4)
        self.assertEqual(infos["step"], [1, 1, 1, 1])
        self.assertTrue(all(isinstance(c, list) for c in infos["rewards"]))
        # run sub-env 0 to its end with a scripted policy while the others wander
        ended_at = None
        for n in range(20):
            actions = [shop_policy(observations[0])] + ["click[back to search]"] * 3
            observations, rewards, terminated, truncated, infos = envs.step(actions)
            if terminated[0]:
                ended_at = n
                old_episode = infos["episode_id"][0]
                break
        self.assertIsNotNone(ended_at, "the scripted sub-env should buy within 20 steps")
        counting.requests.clear()
        observations, rewards, terminated, truncated, infos = envs.step(["IGNORED"] * 4)
        # NextStep: sub-env 0 is reset (its action ignored), reward 0, flags False, a new episode
        self.assertEqual((rewards[0], terminated[0], truncated[0]), (0.0, False, False))
        self.assertNotEqual(infos["episode_id"][0], old_episode)
        self.assertEqual(observations[0]["data"]["page"], "search")
        self.assertEqual(infos["step"][0], 0)
        self.assertEqual(counting.requests.count(("POST", "/v1/batch/step")), 1)
        self.assertEqual(counting.requests.count(("POST", "/v1/episodes")), 1)
        summaries = envs.close()
        self.assertEqual(len(summaries), 4)

    def test_wrong_number_of_actions(self):
        with StepGymVectorEnv(self.url, "shop-v1", 2) as envs:
            envs.reset(seed=1)
            with self.assertRaises(ValueError):
                envs.step(["search[x]"])


if __name__ == "__main__":
    unittest.main()
