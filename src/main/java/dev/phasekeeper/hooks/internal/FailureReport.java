package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/** How a failed script is reported: the tail of its stderr, and a blocked subject's reason. */
final class FailureReport {

  /** Lines of stderr a blocked subject's reason keeps. */
  static final int REASON_STDERR_LINES = 20;

  private FailureReport() {}

  /** The last {@code max} lines of {@code text}, without trailing blank ones. */
  static List<String> lastLines(String text, int max) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String[] lines = text.stripTrailing().split("\n");
    return Arrays.asList(lines).subList(Math.max(0, lines.length - max), lines.length);
  }

  /**
   * The {@code blockedReason} of a subject whose step (or before hook, named as a step) failed:
   * step, exit code, message and the last lines of stderr.
   */
  static ObjectNode blockedReason(
      ObjectMapper json, String step, int exitCode, String message, String stderr) {
    return json.createObjectNode()
        .put("step", step)
        .put("exitCode", exitCode)
        .put("message", message)
        .put("stderr", String.join("\n", lastLines(stderr, REASON_STDERR_LINES)));
  }
}
