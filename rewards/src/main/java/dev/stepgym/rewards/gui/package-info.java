/**
 * Reward signals of the GUI environment (gui-v1) from its evidence: subgoal progress from each
 * step's validate() and the task's success. See docs/gui.md.
 */
package dev.stepgym.rewards.gui;
