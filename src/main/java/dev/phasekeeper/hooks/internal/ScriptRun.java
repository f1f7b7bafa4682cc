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
    String hookName) {}
