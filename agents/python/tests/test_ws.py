"""The WebSocket transport (``transport="ws"``) against a real server's ``/v1/ws``."""

import threading
import unittest

from support import play_shop, server_url

from stepgym import (EpisodeDoneError, EpisodeNotFoundError, StepGymClient, StepGymEnv, StepGymVectorEnv,
                     TransportError, UnknownEnvError, UnknownOpError)
from stepgym.policies import shop_policy
from stepgym.ws import ws_url


class WebSocketTransportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = server_url()

    def test_url_mapping(self):
        self.assertEqual(ws_url("http://h:1/"), "ws://h:1/v1/ws")
        self.assertEqual(ws_url("https://h"), "wss://h/v1/ws")

    def test_episode_over_the_socket_equals_http(self):
        results = {}
        for transport in ("http", "ws"):
            with StepGymEnv(self.url, "shop-v1", transport=transport) as env:
                obs, info = env.reset(seed=21)
                steps = play_shop(env, shop_policy)
                results[transport] = (obs, info["task"], [(o, r, t, tr, i["state_hash"]) for o, r, t, tr, i in steps])
        self.assertEqual(results["http"], results["ws"])
        self.assertTrue(results["ws"][2][-1][2], "the scripted episode terminates")

    def test_fork_close_trajectory_and_errors_over_the_socket(self):
        with StepGymEnv(self.url, "shop-v1", transport="ws") as env:
            self.assertEqual(env.client._episodes.__class__.__name__, "WebSocketTransport")
            env.reset(seed=4)
            env.step("search[candle]")
            with env.fork() as twin:
                self.assertEqual(twin.info["parent_episode_id"], env.episode_id)
                self.assertEqual(twin.step("click[next >]")[4]["step"], 2)
            summary = env.close()
            self.assertEqual(summary["steps"], 1)
        client = StepGymClient(self.url, transport="ws")
        try:
            self.assertEqual(len(client.trajectory(summary["episode_id"])["steps"]), 1)
            with self.assertRaises(EpisodeNotFoundError) as caught:
                client.step("ep-nope", "x")
            self.assertEqual(caught.exception.status, 404, "the code's status, though socket replies carry none")
            with self.assertRaises(UnknownEnvError):
                client.reset("nope-v1")
            with self.assertRaises(UnknownOpError):
                client._episodes.call("dance", {})
            self.assertEqual(client.health()["status"], "ok")
            self.assertIn("shop-v1", [e["id"] for e in client.envs()])
        finally:
            client.close()
        with self.assertRaises(TransportError):
            client.health()

    def test_episode_done_over_the_socket(self):
        with StepGymEnv(self.url, "shop-v1", transport="ws", max_steps=1) as env:
            env.reset(seed=1)
            self.assertTrue(env.step("search[x]")[3])
            with self.assertRaises(EpisodeDoneError):
                env.step("search[y]")

    def test_many_threads_share_one_socket(self):
        client = StepGymClient(self.url, transport="ws")
        errors, returns = [], {}

        def run(seed):
            try:
                with StepGymEnv(env_id="shop-v1", client=client) as env:
                    env.reset(seed=seed)
                    returns[seed] = sum(r for _, r, *_ in play_shop(env, shop_policy))
            except Exception as e:  # reported below
                errors.append(e)

        threads = [threading.Thread(target=run, args=(s,)) for s in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        client.close()
        self.assertEqual(errors, [])
        self.assertEqual(sorted(returns), list(range(8)))

    def test_vector_env_over_the_socket(self):
        with StepGymVectorEnv(self.url, "shop-v1", 3, transport="ws") as envs:
            observations, _ = envs.reset(seed=0)
            observations, rewards, *_ = envs.step([shop_policy(o) for o in observations])
            self.assertEqual(len(rewards), 3)


if __name__ == "__main__":
    unittest.main()
