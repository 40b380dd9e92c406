package dev.stepgym.scenarios;

import dev.stepgym.envs.code.CodeStore;
import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.envs.code.task.CodeTaskLoader;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.scenarios.cli.StepGymCli;
import dev.stepgym.scenarios.report.HeadlessChromium;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stepgym eval code --agent-cmd} with real pyright and the sandbox: external Python agents
 * (standard library only) drive their episodes over HTTP. One applies the task's reference patch
 * through {@code apply_patch} and submits: solved, with its per-step language-server rewards in
 * report.json and report.html. One vandalises the workspace: unsolved, with negative diagnostic
 * deltas and refused (safety 0, invalid-action) changes. One runs away: killed with its child at the
 * time limit. One exits at once: "not submitted". The recorded trajectories evaluated again with
 * {@code --trajectories} give the same numbers.
 */
@Tag("heavy")
class ExternalAgentEvalTest {
    private static final String PYTHON = "/usr/bin/python3";

    static final String STEP = """
            import json, os, sys, urllib.request

            URL, EPISODE, TASK = os.environ["STEPGYM_URL"], os.environ["STEPGYM_EPISODE_ID"], os.environ["STEPGYM_TASK"]


            def step(tool, **arguments):
                body = json.dumps({"action": {"tool": tool, "arguments": arguments}}).encode()
                request = urllib.request.Request(URL + "/v1/episodes/" + EPISODE + "/step", data=body, method="POST",
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=120) as reply:
                    return json.load(reply)

            """;

    static final String PATCHER = STEP + """
            with open(os.path.join(sys.argv[1], TASK + ".patch")) as f:
                result = step("apply_patch", patch=f.read())
            print("apply_patch", {c["name"]: c["value"] for c in result["rewards"]}, flush=True)
            print("submit:", step("submit")["observation"]["text"], flush=True)
            """;

    static final String VANDAL = STEP + """
            text = step("list_files")["observation"]["text"]
            targets = [line.split(":", 1)[1] for line in text.splitlines() if line.startswith("Target files:")][0]
            for target in [t.strip() for t in targets.split(",") if t.strip()]:
                r = step("write_file", path=target, content="def (:\\n    ))) garbage [[[\\nclass\\n")
                print("garbage", target, {c["name"]: c["value"] for c in r["rewards"]}, flush=True)
            for path in ["../outside.py", ".git/config", "/etc/passwd"]:
                r = step("write_file", path=path, content="x = 1\\n")
                print("refused", path, r["observation"].get("last_action_error"), flush=True)
            print("submit:", step("submit")["observation"]["text"], flush=True)
            """;

    static final String RUNAWAY = """
            import subprocess, sys, time
            child = subprocess.Popen(["sleep", "300"])
            with open(sys.argv[1], "w") as f:
                f.write(str(child.pid))
            print("spawned", child.pid, flush=True)
            time.sleep(300)
            """;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aPatchingAgentSolvesAVandalDoesNotAndTheRecordingReproducesBoth(@TempDir Path tmp) throws Exception {
        Path patches = Files.createDirectories(tmp.resolve("patches"));
        List<CodeTask> tasks = CodeTaskLoader.loadAll(CodeStore.builtInSuite()).subList(0, 2);
        for (CodeTask task : tasks) {
            Files.writeString(patches.resolve(task.id() + ".patch"), task.referencePatch());
        }
        Path patcher = Files.writeString(tmp.resolve("patcher.py"), PATCHER);
        Path vandal = Files.writeString(tmp.resolve("vandal.py"), VANDAL);
        Path report = tmp.resolve("report");
        Path runs = tmp.resolve("runs");
        String patcherCmd = PYTHON + " " + patcher + " " + patches;
        String vandalCmd = PYTHON + " " + vandal;

        assertEquals(0, StepGymCli.execute("eval", "code", "--agent-cmd", patcherCmd, "--agent-cmd", vandalCmd,
                "--max-tasks", "2", "--report-dir", report.toString(), "--record-dir", runs.toString(), "--agent-timeout", "300"));

        Map<?, ?> json = Json.mapper().readValue(Files.readString(report.resolve("report.json")), Map.class);
        List<?> agents = (List<?>) json.get("agents");
        assertEquals(2, agents.size());
        Map<?, ?> solving = (Map<?, ?>) agents.get(0);
        Map<?, ?> damaging = (Map<?, ?>) agents.get(1);
        assertEquals(patcherCmd, solving.get("agent"));
        assertEquals("command", solving.get("source"));
        assertEquals(2, solving.get("solved"), () -> "the patching agent solves both tasks: " + solving);
        assertEquals(1.0, ((Number) solving.get("pass_rate")).doubleValue());
        Map<?, ?> ci = (Map<?, ?>) solving.get("pass_rate_ci95");
        assertEquals(0.3424, ((Number) ci.get("low")).doubleValue(), 1e-4, "Wilson interval of 2/2");
        assertEquals("wilson", ci.get("method"));
        for (Object o : (List<?>) solving.get("results")) {
            Map<?, ?> task = (Map<?, ?>) o;
            assertEquals(true, task.get("solved"), () -> "solved: " + task);
            assertEquals(true, task.get("submitted"));
            Map<?, ?> apply = component(task, "apply_patch", "safety");
            assertEquals(1.0, ((Number) apply.get("value")).doubleValue(), "the patch went in safely");
            assertEquals("lsp:pyright", component(task, "apply_patch", "diagnostic_delta").get("source"));
            assertNotNull(component(task, "submit", "test_pass_delta"));
            String log = Files.readString(report.resolve((String) task.get("log")));
            assertTrue(log.contains("apply_patch") && log.contains("Solved."), "the agent's output is kept: " + log);
        }
        assertTrue(((Number) solving.get("mean_process_reward")).doubleValue() > 0);

        assertEquals(0, damaging.get("solved"), () -> "the vandal solves nothing: " + damaging);
        assertTrue(((Number) damaging.get("mean_process_reward")).doubleValue() < 0, "damage earns a negative process reward");
        for (Object o : (List<?>) damaging.get("results")) {
            Map<?, ?> task = (Map<?, ?>) o;
            assertEquals(false, task.get("solved"));
            List<Map<?, ?>> garbage = components(task, "write_file", "diagnostic_delta");
            assertTrue(garbage.stream().anyMatch(c -> ((Number) c.get("value")).doubleValue() < 0),
                    "garbage in a target file raises pyright's errors: " + garbage);
            List<Map<?, ?>> safety = components(task, "write_file", "safety");
            List<Map<?, ?>> invalid = components(task, "write_file", "invalid_action");
            assertTrue(safety.stream().filter(c -> ((Number) c.get("value")).doubleValue() == 0).count() >= 3
                            && invalid.stream().filter(c -> ((Number) c.get("value")).doubleValue() < 0).count() >= 3,
                    "writes out of the workspace and into .git are refused as unsafe: " + safety + invalid);
        }

        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("vandal.py") && html.contains("class=\"steps\"") && html.contains("diagnostic_delta")
                && html.contains("class=\"components\"") && html.contains("95% CI (Wilson)"), "the per-step rewards are in the page");
        assertFalse(html.contains("<script") || html.contains("http:") || html.contains("src="), "self-contained");
        String dom = HeadlessChromium.dumpDom(report.resolve("report.html"), tmp.resolve("chromium"));
        assertTrue(dom.contains("id=\"summary\"") && dom.contains("id=\"pass-rates\"") && dom.contains("patcher.py")
                && dom.contains("<rect"), "the report opens in headless Chromium with its charts");

        // The recordings of both agents, evaluated again: the same numbers, step for step.
        Path again = tmp.resolve("again");
        assertEquals(0, StepGymCli.execute("eval", "code", "--trajectories", (String) solving.get("records"),
                "--trajectories", (String) damaging.get("records"), "--report-dir", again.toString()));
        Map<?, ?> replayed = Json.mapper().readValue(Files.readString(again.resolve("report.json")), Map.class);
        List<?> replayedAgents = (List<?>) replayed.get("agents");
        for (int i = 0; i < 2; i++) {
            Map<?, ?> live = (Map<?, ?>) agents.get(i);
            Map<?, ?> recorded = (Map<?, ?>) replayedAgents.get(i);
            assertEquals("trajectories", recorded.get("source"));
            for (String key : List.of("tasks", "solved", "pass_rate", "pass_rate_ci95", "mean_process_reward", "mean_steps",
                    "mean_return", "mean_step_reward_sum", "mean_hidden_pass_rate")) {
                assertEquals(live.get(key), recorded.get(key), key + " of " + live.get("agent"));
            }
            assertEquals(stepsOf(live), stepsOf(recorded), "every step's components, as recorded");
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRunawayAgentIsKilledWithItsChildrenAndAQuitterIsNotSubmitted(@TempDir Path tmp) throws Exception {
        Path runaway = Files.writeString(tmp.resolve("runaway.py"), RUNAWAY);
        Path childPid = tmp.resolve("child.pid");
        Path report = tmp.resolve("report");
        long started = System.nanoTime();
        assertEquals(1, StepGymCli.execute("eval", "code", "--agent-cmd", PYTHON + " " + runaway + " " + childPid,
                "--agent-cmd", PYTHON + " -c 'print(\"bye\")'", "--max-tasks", "1", "--agent-timeout", "3",
                "--report-dir", report.toString(), "--record-dir", tmp.resolve("runs").toString()), "errors give exit code 1");
        assertTrue((System.nanoTime() - started) / 1e9 < 240, "bounded by the time limit, not the agent's 300 s sleep");

        long pid = Long.parseLong(Files.readString(childPid).strip());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the agent's child was killed too");

        Map<?, ?> json = Json.mapper().readValue(Files.readString(report.resolve("report.json")), Map.class);
        List<?> agents = (List<?>) json.get("agents");
        Map<?, ?> killed = (Map<?, ?>) ((List<?>) ((Map<?, ?>) agents.get(0)).get("results")).get(0);
        assertEquals(false, killed.get("solved"));
        assertEquals(false, killed.get("submitted"));
        String error = (String) killed.get("error");
        assertTrue(error.contains("time limit of 3 s") && error.contains("killed") && error.contains("not submitted"), error);
        assertTrue(Files.readString(report.resolve((String) killed.get("log"))).contains("spawned"), "its output is kept");

        Map<?, ?> quitter = (Map<?, ?>) ((List<?>) ((Map<?, ?>) agents.get(1)).get("results")).get(0);
        assertEquals(false, quitter.get("submitted"));
        assertTrue(((String) quitter.get("error")).startsWith("not submitted"), (String) quitter.get("error"));
        assertTrue(Files.readString(report.resolve("report.html")).contains("not submitted"));
    }

    /** The first component called {@code name} of the step whose action starts with {@code tool}. */
    private static Map<?, ?> component(Map<?, ?> task, String tool, String name) {
        List<Map<?, ?>> found = components(task, tool, name);
        assertFalse(found.isEmpty(), () -> "no " + name + " on a " + tool + " step: " + task.get("step_details"));
        return found.get(0);
    }

    private static List<Map<?, ?>> components(Map<?, ?> task, String tool, String name) {
        List<Map<?, ?>> found = new ArrayList<>();
        for (Object s : (List<?>) task.get("step_details")) {
            Map<?, ?> step = (Map<?, ?>) s;
            if (((String) step.get("action")).startsWith(tool)) {
                for (Object c : (List<?>) step.get("components")) {
                    if (name.equals(((Map<?, ?>) c).get("name"))) {
                        found.add((Map<?, ?>) c);
                    }
                }
            }
        }
        return found;
    }

    private static List<Object> stepsOf(Map<?, ?> agent) {
        List<Object> steps = new ArrayList<>();
        for (Object o : (List<?>) agent.get("results")) {
            Map<?, ?> task = (Map<?, ?>) o;
            steps.add(List.of(task.get("task"), task.get("solved"), task.get("diagnostics"), task.get("rewards"),
                    task.get("step_details")));
        }
        return steps;
    }
}
