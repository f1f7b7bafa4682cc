package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.Subject;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Before hooks as the BPMN draws them: a lifecycle asks {@link #due} in a gateway in front of a
 * phase element and, when a before hook matches the entry, calls the shared {@code before-hooks}
 * process, which runs the matching hooks one after another ({@link #names}, {@link #start}) and
 * waits for each run's end ({@link EntryCheckReports}). Without a before hook the gateway costs one
 * lookup of the subject's hook definitions, which the after hooks of the same transaction reuse.
 */
@Component("beforeHooks")
public class BeforeHooks {

  static final String BEFORE = "before";

  /** Input of the {@code before-hooks} call activity: the phase about to be entered. */
  static final String ENTRY_PHASE = "entryPhase";

  /** The multi-instance element variable of {@code before-hooks}: the hook this round runs. */
  static final String HOOK = "beforeHook";

  /** Local variable of the execution that waits for a run: the run it waits for. */
  static final String WAITING_RUN = "beforeHookRunId";

  /** Set when a run ended: whether the entry may go on. */
  static final String PASSED = "beforeHookPassed";

  private final HookDefinitionRepository definitions;
  private final HookRunStarter starter;
  private final Lifecycle lifecycle;

  BeforeHooks(HookDefinitionRepository definitions, HookRunStarter starter, Lifecycle lifecycle) {
    this.definitions = definitions;
    this.starter = starter;
    this.lifecycle = lifecycle;
  }

  /**
   * Whether a before hook matches the entry into {@code phase} the execution is on its way to; if
   * so, the pending transition is kept across the wait for the hooks.
   */
  public boolean due(DelegateExecution execution, String phase) {
    String subjectId = execution.getProcessBusinessKey();
    if (!definitions.anyOfType(BEFORE, subjectId)) {
      return false;
    }
    Optional<Subject> subject = lifecycle.find(subjectId);
    if (subject.isEmpty()
        || matching(HookFiring.before(subject.get(), lifecycle.pendingTransition(execution), phase))
            .isEmpty()) {
      return false;
    }
    lifecycle.keepPendingTransition(execution);
    return true;
  }

  /** The names of the before hooks matching the entry, in the order they run (by name). */
  public List<String> names(DelegateExecution execution) {
    return firing(execution).map(this::matching).orElse(List.of()).stream()
        .map(HookDefinition::name)
        .toList();
  }

  /**
   * Starts the run of the hook this round names, which the execution then waits for; a hook deleted
   * meanwhile starts nothing, and the round ends without it.
   */
  public void start(DelegateExecution execution) {
    String name = (String) execution.getVariable(HOOK);
    Optional<HookFiring> firing = firing(execution);
    Optional<HookDefinition> definition =
        firing.map(this::matching).orElse(List.of()).stream()
            .filter(d -> d.name().equals(name))
            .findFirst();
    execution.setVariableLocal(
        WAITING_RUN,
        definition.map(d -> starter.start(d, firing.get(), 0, execution.getId())).orElse(null));
  }

  private Optional<HookFiring> firing(DelegateExecution execution) {
    String phase = (String) execution.getVariable(ENTRY_PHASE);
    return lifecycle
        .find(execution.getProcessBusinessKey())
        .map(subject -> HookFiring.before(subject, lifecycle.pendingTransition(execution), phase));
  }

  private List<HookDefinition> matching(HookFiring firing) {
    return definitions.effective(firing.kind(), firing.subjectId(), BEFORE).stream()
        .filter(firing::fires)
        .toList();
  }
}
