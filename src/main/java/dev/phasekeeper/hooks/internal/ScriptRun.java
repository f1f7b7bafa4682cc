package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.script.ScriptUrl;
import dev.phasekeeper.lifecycle.Subject;
import java.time.Duration;

/**
 * One run of a script for a subject, as the script contract describes it.
 *
 * @param url the script and its arguments before {@code $variable} substitution
 * @param includeBody whether the subject's JSON goes to stdin
 * @param callbackToken the run's own token, or {@code null} when it has no callback
 * @param fromPhase the phase the subject left ({@code $currentPhase}); for a step, its phase
 * @param toPhase the phase the subject entered ({@code $nextPhase}, {@code $phase}); for a step,
 *     its phase
 */
record ScriptRun(
    Subject subject,
    ScriptUrl url,
    String transition,
    boolean includeBody,
    Duration timeout,
    String callbackUrl,
    String callbackToken,
    String hookName,
    String fromPhase,
    String toPhase) {

  /** A step's run: the subject stays in its phase while the step runs. */
  static ScriptRun step(Subject subject, ScriptUrl url, Duration timeout, String step) {
    return new ScriptRun(
        subject, url, null, true, timeout, null, null, step, subject.phase(), subject.phase());
  }
}
