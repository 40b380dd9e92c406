"""The package installs offline with pip and imports without any trainer or server."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import support


class PackageTest(unittest.TestCase):
    def test_pip_installs_offline_and_everything_imports(self):
        with tempfile.TemporaryDirectory() as scratch:
            # build from a copy, so pip's build/ and egg-info never land in the checkout
            source = os.path.join(scratch, "src")
            shutil.copytree(support.PACKAGE_ROOT, source, ignore=shutil.ignore_patterns(
                "build", "*.egg-info", "__pycache__", "tests", "examples"))
            target = os.path.join(scratch, "target")
            install = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--no-index",
                 "--quiet", "--target", target, source],
                capture_output=True, text=True, timeout=180)
            self.assertEqual(install.returncode, 0, install.stdout + install.stderr)
            code = ("import stepgym, stepgym.export, stepgym.ws, stepgym.adapters.trl, stepgym.adapters.verl, "
                    "stepgym.adapters.openrlhf, stepgym.adapters.skyrl; print(stepgym.__file__)")
            env = dict(os.environ, PYTHONPATH=target)
            run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env,
                                 cwd=target)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertTrue(run.stdout.strip().startswith(target), run.stdout)

    def test_export_help(self):
        run = subprocess.run([sys.executable, "-m", "stepgym.export", "--help"], capture_output=True, text=True,
                             timeout=60, cwd=support.PACKAGE_ROOT)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("trajectories", run.stdout)


if __name__ == "__main__":
    unittest.main()
