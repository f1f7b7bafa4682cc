package dev.phasekeeper.hooks.internal.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.phasekeeper.hooks.script.ScriptStatus;

/**
 * The script contract's status rules: when stdout (trimmed) is one JSON object with a {@code
 * status} field, that status wins (succeeded, failed, waiting; any other value fails); otherwise
 * exit code 0 succeeds and anything else fails.
 */
final class StatusRules {

  private final ObjectReader jsonReader;

  StatusRules(ObjectMapper objectMapper) {
    this.jsonReader = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** The trimmed stdout as a JSON object, or null when it is anything else. */
  JsonNode jsonObject(String stdout) {
    String trimmed = stdout.trim();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
      return null;
    }
    try {
      JsonNode node = jsonReader.readTree(trimmed);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null; // braced plain text is output, not a result
    }
  }

  /** Status and message of a script that ran to its end. */
  Outcome decide(JsonNode json, int exitCode) {
    if (json == null || !json.hasNonNull("status")) {
      return new Outcome(
          exitCode == 0 ? ScriptStatus.SUCCEEDED : ScriptStatus.FAILED, "exit code " + exitCode);
    }
    String reported = json.get("status").asText();
    ScriptStatus status;
    try {
      status = ScriptStatus.parse(reported);
    } catch (IllegalArgumentException e) {
      return new Outcome(
          ScriptStatus.FAILED,
          "script reported status '"
              + reported
              + "', which is not known (use succeeded, failed or waiting); exit code "
              + exitCode);
    }
    JsonNode message = json.path("message");
    return new Outcome(
        status,
        message.isTextual()
            ? message.asText()
            : "script reported status " + status.value() + "; exit code " + exitCode);
  }

  record Outcome(ScriptStatus status, String message) {}
}
