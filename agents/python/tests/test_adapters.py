"""The trainer adapters (TRL, verl, OpenRLHF, SkyRL) and token placement, against a real server.

None of the trainers is installed here; each adapter is driven exactly as its trainer calls it
(../shared/docs/trainer-contracts.md), with a scripted policy standing in for the model.
"""

import asyncio
import inspect
import json
import os
import typing
import unittest
from types import SimpleNamespace

from support import server_url

from stepgym import BadRequestError, StepGymClient, place_group_rewards, place_turn_rewards
from stepgym.adapters.openrlhf import StepGymAgentInstance, parse_label
from stepgym.adapters.skyrl import StepGymTextEnv
from stepgym.adapters.trl import component_reward_funcs, make_environment_factory
from stepgym.adapters.verl import StepGymAgentLoop, StepGymInteraction
from stepgym.policies import shop_text_policy
from stepgym.text import parse_action


class ByteTokenizer:
    def encode(self, text):
        return list(text.encode("utf-8"))

    def decode(self, ids, skip_special_tokens=True):
        return bytes(ids).decode("utf-8", "replace")

    def apply_chat_template(self, messages, add_generation_prompt=False, tokenize=True):
        text = "".join(f"<{m.get('role', 'system')}>{m.get('content', '')}\n" for m in messages if m)
        return self.encode(text + ("<assistant>" if add_generation_prompt else ""))


class ScriptedServerManager:
    def __init__(self, tokenizer):
        self.tokenizer, self.calls = tokenizer, 0

    async def generate(self, request_id, prompt_ids, sampling_params, image_data=None):
        self.calls += 1
        return SimpleNamespace(token_ids=self.tokenizer.encode(
            f"thinking...\n<action>{shop_text_policy(self.tokenizer.decode(prompt_ids))}</action>"))


class TokenPlacementTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = StepGymClient(server_url())

    def test_last_and_broadcast_through_the_server(self):
        self.assertEqual(place_turn_rewards(self.client, [0.5, 1.0], [(0, 2), (2, 5)], 6),
                         [0.0, 0.5, 0.0, 0.0, 1.0, 0.0])
        self.assertEqual(place_turn_rewards(self.client, [0.5, 1.0], [(0, 2), (3, 5)], 6, mode="broadcast"),
                         [0.5, 0.5, 0.0, 1.0, 1.0, 0.0])
        both = place_group_rewards(self.client, {"a": ([1.0], [(0, 1)], 2), "b": ([2.0, 3.0], [(0, 1), (1, 3)], 4)})
        self.assertEqual(both, {"a": [1.0, 0.0], "b": [2.0, 0.0, 3.0, 0.0]})

    def test_bad_spans_are_the_servers_bad_request(self):
        with self.assertRaises(BadRequestError) as caught:
            place_turn_rewards(self.client, [1.0, 2.0], [(0, 3), (2, 4)], 5)
        self.assertIn("overlaps", caught.exception.message)


class ParseActionTest(unittest.TestCase):
    def test_forms(self):
        self.assertEqual(parse_action("I think\n<action>search[x]</action>\nbye"), "search[x]")
        self.assertEqual(parse_action("plan\n\nclick[buy now]\n"), "click[buy now]")
        self.assertEqual(parse_action('{"tool": "search", "arguments": {"query": "q"}}'),
                         {"tool": "search", "arguments": {"query": "q"}})
        self.assertEqual(parse_action(""), "")


class TrlAdapterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = server_url()

    def test_tools_from_schemas_reset_rewards_and_end(self):
        ShopEnv = make_environment_factory(self.url, "shop-v1")
        public = sorted(m for m in dir(ShopEnv) if not m.startswith("_") and callable(getattr(ShopEnv, m)))
        self.assertEqual(public, ["click", "get_reward", "reset", "search"])  # TRL's tools: search, click
        self.assertEqual(typing.get_type_hints(ShopEnv.search), {"query": str, "return": str})
        self.assertIn("Args:\n    query: the search words", ShopEnv.search.__doc__)
        env = ShopEnv()  # no arguments, as TRL builds it
        text = env.reset(prompt=[{"role": "user", "content": "x"}], seed=3, other_column=1)
        self.assertIn("Instruction:", text)
        transcript = text
        while not env.terminated:
            verb, arg = shop_text_policy(transcript).split("[", 1)
            transcript += getattr(env, verb)(**{"query" if verb == "search" else "target": arg[:-1]})
        self.assertAlmostEqual(env.get_reward(), sum(env.rewards), places=12)
        self.assertGreater(env.get_reward(), 0.0)
        funcs = component_reward_funcs(["attribute_match", "progress", "absent"])
        self.assertEqual([f.__name__ for f in funcs], ["stepgym_attribute_match", "stepgym_progress", "stepgym_absent"])
        values = [f([env])[0] for f in funcs]
        self.assertEqual(values[0], env.components["attribute_match"])
        self.assertEqual(values[2], 0.0)
        self.assertAlmostEqual(sum(env.components.values()), env.get_reward(), places=9)
        with self.assertRaisesRegex(ValueError, "Episode is over"):
            env.click(target="buy now")
        first = env.info["episode_id"]
        env.reset(seed=4)  # pooled instances are reused: a new episode, clean counters
        self.assertEqual((env.rewards, env.components, env.terminated), ([], {}, False))
        self.assertNotEqual(env.info["episode_id"], first)
        env._close()

    def test_optional_parameters_and_tool_envs(self):
        CodeEnv = make_environment_factory(self.url, "code-v1")
        sig = inspect.signature(CodeEnv.read_file)
        self.assertEqual(list(sig.parameters), ["self", "path", "start_line", "end_line"])
        self.assertIs(sig.parameters["start_line"].default, None)
        self.assertEqual(typing.get_type_hints(CodeEnv.read_file)["start_line"], int)

    def test_unusable_tool_names_are_refused(self):
        with self.assertRaises(ValueError):
            make_environment_factory(self.url, "x", tools=[{"name": "reset", "parameters": {}}])
        with self.assertRaises(ValueError):
            make_environment_factory(self.url, "x", tools=[{"name": "a b", "parameters": {}}])


class VerlAdapterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = server_url()

    def test_agent_loop_runs_an_episode_with_token_rewards(self):
        tokenizer = ByteTokenizer()
        manager = ScriptedServerManager(tokenizer)
        loop = StepGymAgentLoop(None, manager, tokenizer, stepgym_url=self.url, response_length=20000)
        row = {"raw_prompt": [{"role": "system", "content": "shop"}], "agent_name": "stepgym_agent",
               "extra_info": {"stepgym": {"env": "shop-v1", "seed": 3}}}
        out = asyncio.run(loop.run({"temperature": 1.0}, **row))
        extra = out.extra_fields
        self.assertTrue(extra["terminated"])
        self.assertEqual(len(extra["turn_scores"]), manager.calls)
        self.assertEqual(len(out.response_ids), len(out.response_mask))
        self.assertEqual(len(extra["token_level_rewards"]), len(out.response_ids))
        self.assertAlmostEqual(out.reward_score, sum(extra["turn_scores"]), places=12)
        for (start, end), score in zip(extra["turn_token_spans"], extra["turn_scores"]):
            self.assertEqual(out.response_mask[start:end], [1] * (end - start))  # model tokens
            self.assertEqual(extra["token_level_rewards"][end - 1], score)     # reward on the turn's last token
            self.assertTrue(all(v == 0.0 for v in extra["token_level_rewards"][start:end - 1]))
        self.assertIn(0, out.response_mask)                                     # observation tokens masked
        self.assertIn("Instruction:", tokenizer.decode(out.prompt_ids))
        # the episode was closed: the server's trajectory has its end line
        self.assertEqual(StepGymClient(self.url).trajectory(extra["episode_id"])["end"]["reason"], "closed")

    def test_agent_loop_stops_at_the_response_budget(self):
        tokenizer = ByteTokenizer()
        loop = StepGymAgentLoop(None, ScriptedServerManager(tokenizer), tokenizer, stepgym_url=self.url,
                                response_length=60)
        out = asyncio.run(loop.run({}, extra_info={"stepgym": {"env": "shop-v1", "seed": 3}}))
        self.assertLessEqual(len(out.response_ids), 60)
        self.assertFalse(out.extra_fields["terminated"])

    def test_agent_loop_needs_an_env(self):
        tokenizer = ByteTokenizer()
        loop = StepGymAgentLoop(None, ScriptedServerManager(tokenizer), tokenizer, stepgym_url=self.url)
        with self.assertRaisesRegex(ValueError, "names no StepGym env"):
            asyncio.run(loop.run({}, extra_info={}))

    def test_interaction(self):
        interaction = StepGymInteraction({"url": self.url})

        async def episode():
            iid = await interaction.start_interaction("req-1", env="shop-v1", seed=5)
            messages = [{"role": "user", "content": interaction.first_observation(iid)}]
            for _ in range(15):
                messages.append({"role": "assistant", "content": shop_text_policy(messages[-1]["content"])})
                done, text, score, extra = await interaction.generate_response(iid, messages)
                messages.append({"role": "user", "content": text})
                if done:
                    break
            total = await interaction.calculate_score(iid)
            await interaction.finalize_interaction(iid)
            return done, extra, total

        done, extra, total = asyncio.run(episode())
        self.assertTrue(done)
        self.assertTrue(extra["terminated"])
        self.assertIn("attribute_match", [c["name"] for c in extra["rewards"]])
        self.assertGreater(total, 0.0)


class OpenRlhfAdapterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = server_url()

    def test_reset_and_step_as_openrlhf_calls_them(self):
        agent = StepGymAgentInstance(url=self.url)

        async def episode():
            text = (await agent.reset({"observation": "P:", "label": json.dumps({"env": "shop-v1", "seed": 6})}))["observation"]
            self.assertTrue(text.startswith("P:Instruction:"))
            total, result = 0.0, None
            for _ in range(15):
                action = shop_text_policy(text)
                result = await agent.step({"observation_text": text, "action_text": action, "label": "",
                                           "sampling_params": None})
                total += result["rewards"].item()  # OpenRLHF calls .item()
                text += action + result["environment_feedback"]
                if result["done"]:
                    break
            return total, result, text

        total, result, text = asyncio.run(episode())
        self.assertTrue(result["done"])
        self.assertEqual(result["environment_feedback"], "")
        self.assertIn("\n\nHuman: ", text)
        self.assertAlmostEqual(result["scores"].item(), total, places=9)
        self.assertEqual(result["extra_logs"]["terminated"], 1.0)

    def test_labels(self):
        self.assertEqual(parse_label('{"env": "shop-v1"}'), {"env": "shop-v1"})
        with self.assertRaisesRegex(ValueError, "JSON"):
            parse_label("not json")
        with self.assertRaisesRegex(ValueError, "no StepGym env"):
            parse_label({"seed": 1})

    def test_needs_a_url(self):
        saved = os.environ.pop("STEPGYM_URL", None)
        try:
            with self.assertRaisesRegex(ValueError, "STEPGYM_URL"):
                StepGymAgentInstance()
        finally:
            if saved is not None:
                os.environ["STEPGYM_URL"] = saved


class SkyRlAdapterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = server_url()

    def test_init_step_metrics_close(self):
        env = StepGymTextEnv({"url": self.url}, {"stepgym": {"env": "shop-v1", "seed": 8}, "max_turns": 15})
        chat, info = env.init([{"role": "system", "content": "s"}])
        self.assertEqual([m["role"] for m in chat], ["system", "user"])
        self.assertEqual(info["seed"], 8)
        rewards = []
        while True:
            out = env.step(f"<action>{shop_text_policy(chat[-1]['content'])}</action>")
            rewards.append(out["reward"])
            self.assertEqual(set(out), {"observations", "reward", "done", "metadata", "postprocessed_action"})
            if out["done"]:
                break
            chat += [{"role": "assistant", "content": "..."}] + out["observations"]
        self.assertEqual(out["observations"], [])
        self.assertTrue(out["metadata"]["terminated"])
        self.assertAlmostEqual(env.get_metrics()["stepgym_return"], sum(rewards), places=12)
        self.assertEqual(env.close()["steps"], len(rewards))

    def test_max_turns_ends_the_trajectory(self):
        env = StepGymTextEnv({"url": self.url}, {"env": "shop-v1", "seed": 8, "max_turns": 1})
        env.init([])
        out = env.step("search[anything]")
        self.assertTrue(out["done"])
        self.assertFalse(out["metadata"]["terminated"] or out["metadata"]["truncated"])
        env.close()


if __name__ == "__main__":
    unittest.main()
