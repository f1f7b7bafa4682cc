package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.lifecycle.workers.WorkerWakeup;
import dev.phasekeeper.web.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts one run of a hook: its record (status WAITING) and its {@code hook-run} process instance,
 * in the caller's transaction, which is the engine's transaction of the phase change.
 *
 * <p>Start order: the run's task priority falls with the time it was fired and, within one phase
 * change, with the hook's rank in alphabetical order, so the workers take the oldest phase change's
 * runs first and one change's runs in name order. The workers are woken once the transaction
 * commits.
 */
@Component
class HookRunStarter {

  static final String PROCESS_KEY = "hook-run";
  static final String RUN_VARIABLE = "hookRunId";
  static final String PRIORITY_VARIABLE = "hookPriority";

  /** Ranks past this share the last priority of their phase change. */
  private static final int RANKS = 100;

  private static final Logger log = LoggerFactory.getLogger(HookRunStarter.class);

  private final HookRunRepository runs;
  private final RuntimeService runtime;
  private final Clock clock;
  private final WorkerWakeup workers;

  HookRunStarter(
      HookRunRepository runs, RuntimeService runtime, Clock clock, WorkerWakeup workers) {
    this.runs = runs;
    this.runtime = runtime;
    this.clock = clock;
    this.workers = workers;
  }

  /**
   * @param rank the hook's place among the runs of this phase change, from 0
   * @param entryExecutionId the execution that waits for the run (a before hook), or null
   * @return the run's id
   */
  String start(HookDefinition d, HookFiring firing, int rank, String entryExecutionId) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String runId = Ids.next();
    Map<String, Object> variables = new HashMap<>();
    variables.put(RUN_VARIABLE, runId);
    // transient: read once, when the task is created, and never stored
    variables.put(
        PRIORITY_VARIABLE,
        Variables.longValue(
            -(now.toInstant().toEpochMilli() * RANKS + Math.min(rank, RANKS - 1)), true));
    // the instance first, so the record is written once, with its instance; no worker sees
    // either before the phase change commits
    String instance =
        runtime
            .createProcessInstanceByKey(PROCESS_KEY)
            .businessKey(firing.subjectId())
            .setVariables(variables)
            .execute()
            .getId();
    workers.afterCommit();
    runs.insert(
        new HookRun(
            runId,
            d.id(),
            d.name(),
            d.global(),
            firing.subjectId(),
            firing.kind(),
            firing.tenantId(),
            firing.fromPhase(),
            firing.transition(),
            firing.toPhase(),
            d.url(),
            d.includeBody(),
            d.timeoutSeconds(),
            HookRun.WAITING,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            now,
            instance,
            null,
            1,
            entryExecutionId));
    log.debug(
        "HOOKS-020 {} hook {} fired for {} {} ({} -{}-> {}): run {}",
        d.type(),
        d.name(),
        firing.kind(),
        firing.subjectId(),
        firing.fromPhase(),
        firing.transition(),
        firing.toPhase(),
        runId);
    return runId;
  }
}
