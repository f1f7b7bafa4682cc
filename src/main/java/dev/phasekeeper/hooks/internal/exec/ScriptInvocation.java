package dev.phasekeeper.hooks.internal.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a script: what to execute, with which argv, environment and stdin.
 *
 * @param executable the script, already resolved inside the hooks directory
 * @param arguments argv after the executable, each element passed as it is
 * @param environment variables added to the runner's minimal base environment
 * @param stdin text written to the script's stdin, or {@code null} for an empty stdin
 * @param timeout how long the script may run before its whole process tree is killed
 * @param workingDirectory the script's working directory, or {@code null} for the executable's own
 *     directory
 */
public record ScriptInvocation(
    Path executable,
    List<String> arguments,
    Map<String, String> environment,
    String stdin,
    Duration timeout,
    Path workingDirectory) {

  public ScriptInvocation {
    Objects.requireNonNull(executable, "executable");
    arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments"));
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    environment.keySet().forEach(ScriptInvocation::checkVariableName);
  }

  /** The directory the script runs in. */
  public Path effectiveWorkingDirectory() {
    if (workingDirectory != null) {
      return workingDirectory;
    }
    Path parent = executable.toAbsolutePath().getParent();
    return parent != null ? parent : executable.toAbsolutePath().getRoot();
  }

  private static void checkVariableName(String name) {
    if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "environment variable name '"
              + name
              + "' is not allowed (it must be non-empty, without '=' or NUL)");
    }
  }
}
