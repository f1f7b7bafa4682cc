package dev.phasekeeper.hooks.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What one script run produced.
 *
 * @param exitCode the process's exit code, {@code -1} when it was killed or never started
 * @param stdout captured stdout (its head when it was longer than the runner's limit)
 * @param stderr captured stderr (its tail when it was longer than the runner's limit)
 * @param stdoutJson stdout parsed, when (trimmed) it is one JSON object; otherwise {@code null}
 * @param status the script's own {@code status} from its JSON stdout, else from the exit code
 * @param timedOut whether the run was killed for exceeding its timeout
 * @param pid the OS process id, {@code -1} when the process never started
 * @param startedAt when the run started
 * @param endedAt when the run ended
 * @param message a sentence for operators: the script's own {@code message}, "exit code N", "timed
 *     out after N s" or why the script could not start
 */
public record ScriptResult(
    int exitCode,
    String stdout,
    String stderr,
    JsonNode stdoutJson,
    ScriptStatus status,
    boolean timedOut,
    long pid,
    Instant startedAt,
    Instant endedAt,
    String message) {

  /** A run that failed before a process existed (missing script, not executable, ...). */
  public static ScriptResult notStarted(String message, Instant at) {
    return new ScriptResult(-1, "", "", null, ScriptStatus.FAILED, false, -1, at, at, message);
  }
}
