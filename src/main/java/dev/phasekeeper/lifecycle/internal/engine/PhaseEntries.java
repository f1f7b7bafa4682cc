package dev.phasekeeper.lifecycle.internal.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Reads what a phase entry needs from the execution that reached the phase element. A phase element
 * of a called process (the shared {@code phase-blocked}, say) finds what its caller left (the
 * transition taken into the call activity, a step's reason) on the super execution.
 */
final class PhaseEntries {

  /** The transition taken, left by {@link TransitionTakeListener} until the phase is entered. */
  static final String PENDING_TRANSITION = "phasekeeperPendingTransition";

  /** A pending transition kept across a wait ({@link PendingTransitions#keep}). */
  static final String KEPT_TRANSITION = "phasekeeperKeptTransition";

  /** A step that fails sets this variable (JSON text) to say why; the next phase keeps it. */
  static final String REASON = "phasekeeperReason";

  /** A free-text note for the history row of the next phase change (a skipped step, say). */
  static final String NOTE = "phasekeeperNote";

  private PhaseEntries() {}

  /** The entry into {@code phase}, consuming the transition, reason and note variables. */
  static PhaseEntry entry(DelegateExecution execution, String ownTransition, String phase) {
    String transition = pendingTransition(execution, true);
    return new PhaseEntry(
        execution.getProcessBusinessKey(),
        ownTransition != null ? ownTransition : transition,
        phase,
        execution.getProcessInstanceId(),
        execution.getCurrentActivityId(),
        take(execution, REASON),
        take(execution, NOTE));
  }

  /**
   * The nearest pending transition, a transient one before a kept one of the same process.
   *
   * @param consume whether to remove it (and a kept one, which it stands for)
   */
  static String pendingTransition(DelegateExecution execution, boolean consume) {
    for (DelegateExecution instance = execution.getProcessInstance();
        instance != null;
        instance = caller(instance)) {
      boolean pending = instance.hasVariable(PENDING_TRANSITION);
      boolean kept = instance.hasVariable(KEPT_TRANSITION);
      if (pending || kept) {
        String transition =
            (String) instance.getVariable(pending ? PENDING_TRANSITION : KEPT_TRANSITION);
        if (consume) {
          instance.removeVariable(PENDING_TRANSITION);
          instance.removeVariable(KEPT_TRANSITION);
        }
        return transition;
      }
    }
    return null;
  }

  /**
   * Removes and returns the variable from the execution's process instance or, when that has none,
   * from the nearest calling process that has it.
   */
  private static String take(DelegateExecution execution, String name) {
    DelegateExecution instance = holder(execution, name);
    if (instance == null) {
      return null;
    }
    Object value = instance.getVariable(name);
    instance.removeVariable(name);
    return value == null ? null : value.toString();
  }

  /** The execution's process instance or nearest calling one that has the variable, or null. */
  static DelegateExecution holder(DelegateExecution execution, String name) {
    for (DelegateExecution instance = execution.getProcessInstance();
        instance != null;
        instance = caller(instance)) {
      if (instance.hasVariable(name)) {
        return instance;
      }
    }
    return null;
  }

  private static DelegateExecution caller(DelegateExecution instance) {
    DelegateExecution superExecution = instance.getSuperExecution();
    return superExecution == null ? null : superExecution.getProcessInstance();
  }
}
