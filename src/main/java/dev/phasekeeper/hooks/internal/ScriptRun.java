package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.lifecycle.Subject;
import java.time.Duration;
import java.util.List;

/**
 * One run of a script for a subject, as the script contract describes it.
 *
 * @param scriptPath the path inside the hooks folder (relative or absolute as written)
 * @param arguments the URL's query arguments before {@code $variable} substitution
 * @param includeBody whether the subject's JSON goes to stdin
 * @param callbackToken the run's own token, or {@code null} when it has no callback
 * @param fromPhase the phase the subject left ({@code $currentPhase}); for a step, its phase
 * @param toPhase the phase the subject entered ({@code $nextPhase}, {@code $phase}); for a
 *     step, its phase
 */
record ScriptRun(
    Subject subject,
    String scriptPath,
    List<String> arguments,
    String transition,
    boolean includeBody,
    Duration timeout,
    String callbackUrl,
    String callbackToken,
    String hookName,
    String fromPhase,
    String toPhase) {

  /** A step's run: the subject stays in its phase while the step runs. */
  static ScriptRun step(Subject subject, String scriptPath, Duration timeout, String step) {
    return new ScriptRun(subject, scriptPath, List.of(), null, true, timeout, null, null, step,
        subject.phase(), subject.phase());
  }
}
