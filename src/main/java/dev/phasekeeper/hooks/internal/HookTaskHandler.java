package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.script.ScriptResult;
import dev.phasekeeper.hooks.script.ScriptStatus;
import dev.phasekeeper.hooks.script.ScriptUrl;
import dev.phasekeeper.hooks.script.ScriptWatch;
import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.lifecycle.SubjectKind;
import dev.phasekeeper.lifecycle.workers.TaskHandler;
import dev.phasekeeper.lifecycle.workers.TaskLease;
import dev.phasekeeper.lifecycle.workers.WorkersProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs hook scripts (topic {@code phasekeeper-hook}): records the attempt and its pid, runs the
 * script with a fresh callback token, records what it did. Success, or a script that reports
 * waiting, completes the task; failure is an incident naming the hook, the subject and the last
 * lines of stderr, which an operator retries in Cockpit. A hook never changes the phase itself; a
 * before hook's end is reported to the {@code before-hooks} execution that waits for it, which lets
 * the entry go on or blocks the subject.
 */
@Component
class HookTaskHandler implements TaskHandler {

  static final String TOPIC = "phasekeeper-hook";
  private static final Logger log = LoggerFactory.getLogger(HookTaskHandler.class);
  private static final int STDERR_TAIL_LINES = 5;

  private final HookRunRepository runs;
  private final ScriptLauncher launcher;
  private final RunTokens tokens;
  private final CallbackBaseUrl callbackUrl;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final EntryCheckReports entryChecks;

  HookTaskHandler(
      HookRunRepository runs,
      ScriptLauncher launcher,
      RunTokens tokens,
      CallbackBaseUrl callbackUrl,
      Clock clock,
      TransactionTemplate transactions,
      EntryCheckReports entryChecks) {
    this.transactions = transactions;
    this.entryChecks = entryChecks;
    this.runs = runs;
    this.launcher = launcher;
    this.tokens = tokens;
    this.callbackUrl = callbackUrl;
    this.clock = clock;
  }

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public int threads(WorkersProperties workers) {
    return workers.hookThreads();
  }

  @Override
  public List<String> variables() {
    return List.of(HookRunStarter.RUN_VARIABLE);
  }

  @Override
  public void handle(LockedExternalTask task, TaskLease lease) {
    String runId = String.valueOf(task.getVariables().get(HookRunStarter.RUN_VARIABLE));
    HookRun run =
        runs.find(runId)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "HOOKS-030 process instance "
                            + task.getProcessInstanceId()
                            + " names hook run "
                            + runId
                            + ", which does not exist"));
    String token = tokens.next();
    runs.started(run.id(), RunTokens.hash(token), now());
    ScriptResult result = execute(run, token, lease);
    try {
      transactions.executeWithoutResult(tx -> finish(run, result, lease));
    } catch (RuntimeException e) {
      // the task could not be ended (its lock was lost, its instance is gone): the run's own
      // record still gets the script's result
      transactions.executeWithoutResult(tx -> ended(run, result));
      throw e;
    }
  }

  /**
   * Records the script's end and ends the task in one transaction: a before hook reports to the
   * entry it holds (the task itself always completes; a failure blocks the subject, where an
   * operator sees and repairs it), an after hook that failed becomes an incident.
   */
  private void finish(HookRun run, ScriptResult result, TaskLease lease) {
    String finalStatus = ended(run, result);
    String message = HookRun.FAILED.equals(finalStatus) ? failureMessage(run, result) : null;
    if (run.before()) {
      lease.complete(Map.of());
      entryChecks.runEnded(run.id(), message);
    } else if (message != null) {
      log.info("HOOKS-031 {}", message);
      lease.fail(message, details(result), 0, 0);
    } else {
      lease.complete(Map.of());
    }
  }

  private String ended(HookRun run, ScriptResult result) {
    return runs.ended(
        run.id(),
        result.status().name(),
        result.exitCode(),
        result.pid(),
        result.stdout(),
        result.stderr(),
        result.message(),
        now());
  }

  private ScriptResult execute(HookRun run, String token, TaskLease lease) {
    // the script needs the subject's id and kind, which the run has; $variables and the body
    // are read from the subject itself when the hook asks for them
    Subject subject =
        new Subject(
            run.subjectId(),
            SubjectKind.fromId(run.subjectKind()),
            run.tenantId(),
            run.toPhase(),
            null,
            null,
            null,
            0);
    OffsetDateTime started = now();
    try {
      ScriptRun script =
          new ScriptRun(
              subject,
              ScriptUrl.parse(run.url()),
              run.transition(),
              run.includeBody(),
              Duration.ofSeconds(run.timeoutSeconds()),
              callbackUrl.forRun(run.id()),
              token,
              run.hookName(),
              run.fromPhase(),
              run.toPhase());
      return launcher.launch(
          script, ScriptWatch.of(pid -> runs.processRunning(run.id(), pid), lease::handedBack));
    } catch (IllegalArgumentException e) {
      return notRun(e.getMessage(), started);
    }
  }

  private static ScriptResult notRun(String message, OffsetDateTime at) {
    return new ScriptResult(
        -1,
        "",
        message,
        null,
        ScriptStatus.FAILED,
        false,
        -1,
        at.toInstant(),
        at.toInstant(),
        message);
  }

  private static String failureMessage(HookRun run, ScriptResult result) {
    String tail = String.join(" | ", FailureReport.lastLines(result.stderr(), STDERR_TAIL_LINES));
    return "hook "
        + run.hookName()
        + " failed for "
        + run.subjectKind()
        + " "
        + run.subjectId()
        + ": "
        + result.message()
        + (tail.isEmpty() ? "" : "; stderr: " + tail);
  }

  private static String details(ScriptResult result) {
    return "exit code "
        + result.exitCode()
        + "\n"
        + result.message()
        + "\n--- stdout ---\n"
        + result.stdout()
        + "\n--- stderr ---\n"
        + result.stderr();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
