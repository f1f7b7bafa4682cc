package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.lifecycle.PhaseChanged;
import dev.phasekeeper.web.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fires the hooks of a phase change: for every matching definition a run record and a
 * {@code hook-run} process instance, written in the engine's transaction of the phase change, so
 * both commit with it or not at all. The transition does not wait for the scripts.
 */
@Component
class HookRunRecorder {

  static final String PROCESS_KEY = "hook-run";
  static final String RUN_VARIABLE = "hookRunId";
  static final String PRIORITY_VARIABLE = "hookPriority";
  /** Runs of one transition get falling priorities from here, in alphabetical order. */
  private static final long FIRST_PRIORITY = 1000;
  private static final Logger log = LoggerFactory.getLogger(HookRunRecorder.class);

  private final JdbcHookDefinitions definitions;
  private final HookRunRepository runs;
  private final RuntimeService runtime;
  private final Clock clock;

  HookRunRecorder(JdbcHookDefinitions definitions, HookRunRepository runs,
      RuntimeService runtime, Clock clock) {
    this.definitions = definitions;
    this.runs = runs;
    this.runtime = runtime;
    this.clock = clock;
  }

  @EventListener
  void phaseChanged(PhaseChanged change) {
    List<HookDefinition> matching = definitions
        .effectiveDefinitions(change.kind().id(), change.subjectId()).stream()
        .filter(d -> "after".equals(d.type()))
        .filter(d -> d.matches(change.fromPhase(), change.transition(), change.toPhase()))
        .toList();
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (int i = 0; i < matching.size(); i++) {
      fire(change, matching.get(i), Math.max(0, FIRST_PRIORITY - i), now);
    }
  }

  private void fire(PhaseChanged change, HookDefinition d, long priority, OffsetDateTime now) {
    String runId = Ids.next();
    runs.insert(new HookRun(runId, d.id(), d.name(), d.global(), change.subjectId(),
        change.kind().id(), change.tenantId(), change.fromPhase(), change.transition(),
        change.toPhase(), d.url(), d.includeBody(), d.timeoutSeconds(), HookRun.WAITING, null,
        null, null, null, null, null, null, now, null, null, 1));
    String instance = runtime.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(change.subjectId())
        .setVariables(Map.of(RUN_VARIABLE, runId, PRIORITY_VARIABLE, priority))
        .execute().getId();
    runs.setProcessInstance(runId, instance);
    log.debug("HOOKS-020 hook {} fired for {} {} ({} -{}-> {}): run {}", d.name(),
        change.kind().id(), change.subjectId(), change.fromPhase(), change.transition(),
        change.toPhase(), runId);
  }
}
