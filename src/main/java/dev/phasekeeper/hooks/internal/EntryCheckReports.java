package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Tells the {@code before-hooks} execution waiting for a before hook's run how the run ended, in
 * the caller's transaction (the one that records the end): passed, the entry goes on; failed, the
 * subject is blocked with the run's reason. A run that ends WAITING (its script reports through the
 * callback later) tells nothing yet; the callback or an operator's status change does. A second
 * report of the same run finds nobody waiting and changes nothing.
 */
@Component
class EntryCheckReports {

  /** Read by the blocked phase element: why the subject is blocked (JSON text). */
  private static final String REASON = StepTaskHandler.REASON_VARIABLE;

  private final HookRunRepository runs;
  private final RuntimeService runtime;
  private final ObjectMapper json;

  EntryCheckReports(HookRunRepository runs, RuntimeService runtime, ObjectMapper json) {
    this.runs = runs;
    this.runtime = runtime;
    this.json = json;
  }

  /**
   * @param message why it ended as it did, for the blocked subject's reason
   */
  void runEnded(String runId, String message) {
    HookRun run = runs.find(runId).orElse(null);
    if (run == null || run.waiting() || !run.before() || !waitsFor(run)) {
      return;
    }
    Map<String, Object> outcome = new HashMap<>();
    boolean passed = !HookRun.FAILED.equals(run.status());
    outcome.put(BeforeHooks.PASSED, passed);
    if (!passed) {
      outcome.put(
          REASON,
          FailureReport.blockedReason(
                  json,
                  "before hook " + run.hookName(),
                  run.exitCode() == null ? -1 : run.exitCode(),
                  message == null ? run.message() : message,
                  run.standardError())
              .put("hook", run.hookName())
              .put("hookRunId", run.id())
              .toString());
    }
    runtime.removeVariableLocal(run.entryExecutionId(), BeforeHooks.WAITING_RUN);
    runtime.signal(run.entryExecutionId(), outcome);
  }

  /** Whether the run's execution still exists and waits for this very run. */
  private boolean waitsFor(HookRun run) {
    String execution = run.entryExecutionId();
    return runtime.createExecutionQuery().executionId(execution).count() > 0
        && run.id().equals(runtime.getVariableLocal(execution, BeforeHooks.WAITING_RUN));
  }
}
