/** Evaluation reports: the code-agent evaluation as JSON and as a self-contained HTML page. */
package dev.stepgym.scenarios.report;
