package dev.phasekeeper.hooks.script;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a script as its caller asks for it, whatever the scheme.
 *
 * @param url where the script is; its path is resolved by the runner of its scheme
 * @param arguments argv after the script, {@code $variables} already substituted, each element
 *     passed as it is
 * @param environment variables the script gets on top of the runner's minimal environment
 * @param stdin text written to the script's stdin, or {@code null} for an empty stdin
 * @param timeout how long the script may run before its whole process tree is killed
 */
public record ScriptRequest(
    ScriptUrl url,
    List<String> arguments,
    Map<String, String> environment,
    String stdin,
    Duration timeout) {

  public ScriptRequest {
    Objects.requireNonNull(url, "url");
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
    Objects.requireNonNull(timeout, "timeout");
  }
}
