package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.hooks.script.ScriptStatus;
import dev.phasekeeper.lifecycle.SubjectAdapters;
import dev.phasekeeper.lifecycle.SubjectKind;
import dev.phasekeeper.web.FieldLimits;
import dev.phasekeeper.web.FieldTooLongException;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a running script reports with its own token: its run's status and output and, for its
 * subject, what the subject's adapter accepts (for a service: status, statusCode, attributes except
 * {@code moab}, stepsCompleted). The token is good for its run only, and only while the run is
 * waiting; anything else is 403.
 */
@Service
class HookCallbacks {

  /** A service's status column; the rest of the body is kept as the run's output (text). */
  static final FieldLimits LIMITS =
      FieldLimits.of(
          "status", 4000, "serviceStatus", 4000, "statusCode", 20, "stepsCompleted[]", 255);

  private final HookRunRepository runs;
  private final SubjectAdapters adapters;
  private final HookJson json;
  private final Clock clock;
  private final EntryCheckReports entryChecks;

  HookCallbacks(
      HookRunRepository runs,
      SubjectAdapters adapters,
      HookJson json,
      Clock clock,
      EntryCheckReports entryChecks) {
    this.entryChecks = entryChecks;
    this.runs = runs;
    this.adapters = adapters;
    this.json = json;
    this.clock = clock;
  }

  @Transactional
  ObjectNode report(String runId, String token, JsonNode body) {
    HookRun run =
        runs.find(runId)
            .filter(found -> RunTokens.matches(token, found.tokenHash()))
            .orElseThrow(() -> forbidden("this token is not the one of hook run " + runId));
    if (!run.waiting()) {
      throw forbidden(
          "hook run "
              + runId
              + " has ended ("
              + run.status()
              + "); its token is"
              + " no longer valid");
    }
    if (body == null || !body.isObject()) {
      throw new HooksException(
          HttpStatus.BAD_REQUEST,
          "body: must be a JSON object such as" + " {\"status\": \"succeeded\"}");
    }
    try {
      LIMITS.check(body);
    } catch (FieldTooLongException e) {
      throw new HooksException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    String status = runStatus(body);
    if (!runs.finishWaiting(run.id(), status, body.toString(), OffsetDateTime.now(clock))) {
      throw forbidden("hook run " + runId + " has ended; its token is no longer valid");
    }
    adapters.of(SubjectKind.fromId(run.subjectKind())).applyOutput(run.subjectId(), body);
    entryChecks.runEnded(run.id(), "reported " + status + " through the callback");
    return json.run(runs.find(run.id()).orElseThrow());
  }

  /** {@code status} succeeded, failed or waiting is the run's; any other text is the subject's. */
  private static String runStatus(JsonNode body) {
    JsonNode status = body.get("status");
    if (status == null || !status.isTextual()) {
      return HookRun.WAITING;
    }
    try {
      return ScriptStatus.parse(status.asText()).name();
    } catch (IllegalArgumentException notAVerdict) {
      return HookRun.WAITING;
    }
  }

  private static HooksException forbidden(String message) {
    return new HooksException(HttpStatus.FORBIDDEN, message);
  }
}
