package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasekeeper.lifecycle.Lifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells the execution waiting for a before hook how its run ended, in the caller's transaction
 * (the one that records the end). A run that ends WAITING (its script reports through the
 * callback later) tells nothing yet; the callback or an operator's status change does.
 */
@Component
class EntryCheckReports {

  private final HookRunRepository runs;
  private final Lifecycle lifecycle;
  private final ObjectMapper json;

  EntryCheckReports(HookRunRepository runs, Lifecycle lifecycle, ObjectMapper json) {
    this.runs = runs;
    this.lifecycle = lifecycle;
    this.json = json;
  }

  /** @param message why it ended as it did, for the blocked subject's reason */
  void runEnded(String runId, String message) {
    HookRun run = runs.find(runId).orElse(null);
    if (run == null || run.waiting() || !run.before()) {
      return;
    }
    boolean passed = !HookRun.FAILED.equals(run.status());
    String reason = passed ? null : FailureReport.blockedReason(json,
            "before hook " + run.hookName(), run.exitCode() == null ? -1 : run.exitCode(),
            message == null ? run.message() : message, run.standardError())
        .put("hook", run.hookName())
        .put("hookRunId", run.id())
        .toString();
    lifecycle.entryCheckDone(run.entryExecutionId(), run.hookName(), passed, reason);
  }
}
