"""One exception class per protocol error code, provoked on a real server; 429 back-off."""

import http.server
import json
import threading
import time
import unittest

from support import capacity_url, server_url

import stepgym
from stepgym import (BadRequestError, CapacityError, EpisodeDoneError, EpisodeNotFoundError, NotFoundError,
                     StepGymClient, StepGymEnv, StepGymError, TooLargeError, UnknownEnvError, UnknownTaskError)
from stepgym.errors import ERROR_CLASSES, error_from_payload

PROTOCOL_CODES = {  # docs/protocol.md, "Errors"
    "BAD_REQUEST": 400, "UNKNOWN_OP": 400, "UNKNOWN_ENV": 404, "UNKNOWN_TASK": 404, "EPISODE_NOT_FOUND": 404,
    "NOT_FOUND": 404, "REQUEST_TIMEOUT": 408, "EPISODE_DONE": 409, "TOO_LARGE": 413, "REPLY_TOO_LARGE": 413,
    "CORRUPT_TRAJECTORY": 422, "CAPACITY": 429, "INTERNAL": 500, "SHUTTING_DOWN": 503}


class ErrorClassesTest(unittest.TestCase):
    def test_every_protocol_code_has_its_own_class(self):
        self.assertEqual(set(ERROR_CLASSES), set(PROTOCOL_CODES))
        self.assertEqual(len(set(ERROR_CLASSES.values())), len(PROTOCOL_CODES))
        for code, status in PROTOCOL_CODES.items():
            error = error_from_payload({"error": {"code": code, "message": "m"}}, status)
            self.assertIsInstance(error, StepGymError)
            self.assertIs(type(error), ERROR_CLASSES[code])
            self.assertEqual((error.code, error.status, error.message), (code, status, "m"))
            self.assertIn(type(error).__name__, stepgym.__all__)
            self.assertEqual(type(error).default_status, status)

    def test_unknown_code_and_non_error_body(self):
        error = error_from_payload({"error": {"code": "NEW_CODE", "message": "x"}}, 418)
        self.assertEqual((type(error), error.code, error.status), (StepGymError, "NEW_CODE", 418))
        self.assertEqual(error_from_payload("<html>", 502).code, "TRANSPORT")


class ServerErrorsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = StepGymClient(server_url())

    def assertError(self, cls, status, call):
        with self.assertRaises(cls) as caught:
            call()
        self.assertEqual(caught.exception.status, status)
        self.assertTrue(caught.exception.message)
        return caught.exception

    def test_unknown_env(self):
        e = self.assertError(UnknownEnvError, 404, lambda: self.client.reset("no-such-env"))
        self.assertIn("shop-v1", e.message)

    def test_unknown_task(self):
        self.assertError(UnknownTaskError, 404, lambda: self.client.reset("shop-v1", task="shop-nope-1"))

    def test_bad_request(self):
        self.assertError(BadRequestError, 400, lambda: self.client.reset("shop-v1", seed="42"))
        self.assertError(BadRequestError, 400, lambda: self.client.reset("shop-v1", options={"max_steps": -1}))

    def test_episode_not_found(self):
        self.assertError(EpisodeNotFoundError, 404, lambda: self.client.step("ep-does-not-exist", "click[x]"))

    def test_episode_done(self):
        with StepGymEnv(self.client.url, "shop-v1", max_steps=1) as env:
            env.reset(seed=1)
            env.step("search[x]")
            self.assertError(EpisodeDoneError, 409, lambda: env.step("search[y]"))
            self.assertError(EpisodeDoneError, 409, env.fork)

    def test_not_found(self):
        self.assertError(NotFoundError, 404, lambda: self.client._http.request("GET", "/v1/no-such-route"))

    def test_too_large_batch(self):
        steps = [{"episode_id": "ep-x", "action": "a"}] * 5000
        self.assertError(TooLargeError, 413, lambda: self.client.batch_step(steps))

    def test_batch_entry_errors_are_returned_in_order(self):
        reset = self.client.reset("shop-v1", seed=1)
        try:
            results = self.client.batch_step([{"episode_id": "ep-nope", "action": "x"},
                                              {"episode_id": reset["episode_id"], "action": "search[x]"}])
            self.assertIsInstance(results[0], EpisodeNotFoundError)
            self.assertEqual(results[1]["step"], 1)
        finally:
            self.client.close_episode(reset["episode_id"])


class _Stand_in(http.server.BaseHTTPRequestHandler):
    """Answers 429 CAPACITY ``failures`` times, then 201: the server's back-pressure, scripted."""
    failures = 2
    calls = []

    def do_POST(self):
        type(self).calls.append(time.monotonic())
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if len(type(self).calls) <= type(self).failures:
            body = json.dumps({"error": {"code": "CAPACITY", "message": "too many open episodes",
                                         "retry_after_seconds": 0.2}}).encode()
            self.send_response(429)
            self.send_header("Retry-After", "1")
        else:
            body = json.dumps({"episode_id": "ep-1", "observation": {"text": "hi"}, "info": {},
                               "lease_seconds": 300, "state_hash": "sha256:0"}).encode()
            self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class RetryTest(unittest.TestCase):
    def serve(self, failures):
        _Stand_in.failures, _Stand_in.calls = failures, []
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Stand_in)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return f"http://127.0.0.1:{server.server_address[1]}"

    def test_429_is_retried_with_backoff_honouring_retry_after(self):
        sleeps = []
        client = StepGymClient(self.serve(2), max_retries=3, backoff=0.01, sleep=sleeps.append)
        self.assertEqual(client.reset("shop-v1")["episode_id"], "ep-1")
        self.assertEqual(len(_Stand_in.calls), 3)
        self.assertEqual(len(sleeps), 2)
        self.assertTrue(all(s >= 0.2 for s in sleeps), sleeps)  # error.retry_after_seconds wins over the body-less header

    def test_backoff_grows_exponentially(self):
        sleeps = []
        client = StepGymClient(self.serve(4), max_retries=4, backoff=1.0, max_backoff=100, sleep=sleeps.append)
        client.reset("shop-v1")
        self.assertEqual(len(sleeps), 4)
        for n, s in enumerate(sleeps):
            self.assertGreaterEqual(s, 2 ** n)
            self.assertLessEqual(s, 1.5 * 2 ** n)

    def test_retries_are_bounded(self):
        sleeps = []
        client = StepGymClient(self.serve(100), max_retries=2, backoff=0.01, sleep=sleeps.append)
        with self.assertRaises(CapacityError) as caught:
            client.reset("shop-v1")
        self.assertEqual((caught.exception.status, len(_Stand_in.calls), len(sleeps)), (429, 3, 2))
        self.assertEqual(caught.exception.retry_after_seconds, 0.2)


class RealCapacityTest(unittest.TestCase):
    """A real server started with ``--capacity 1``: the second episode waits for the first to close."""

    def test_reset_waits_for_capacity(self):
        url = capacity_url()
        impatient = StepGymClient(url, max_retries=0, timeout=180)  # a cold server builds its catalog first
        first = impatient.reset("shop-v1", seed=1)
        try:
            with self.assertRaises(CapacityError) as caught:
                impatient.reset("shop-v1", seed=2)
            self.assertEqual(caught.exception.status, 429)
            self.assertIsNotNone(caught.exception.retry_after_seconds)
            closer = threading.Timer(0.5, lambda: impatient.close_episode(first["episode_id"]))
            closer.start()
            patient = StepGymClient(url, max_retries=6, backoff=0.2, max_backoff=1.0, timeout=180)
            started = time.monotonic()
            second = patient.reset("shop-v1", seed=2)
            self.assertGreater(time.monotonic() - started, 0.3)
            patient.close_episode(second["episode_id"])
            closer.join()
        finally:
            impatient.close_episode(first["episode_id"])


if __name__ == "__main__":
    unittest.main()
