/**
 * Signals over test runs reported as evidence: {@code test_pass_delta} (the visible tests' pass
 * rate against the previous run, or the base commit's rate from the context) and
 * {@code hidden_tests} (the hidden tests' pass rate at submit, the outcome).
 */
package dev.stepgym.rewards.testrun;
