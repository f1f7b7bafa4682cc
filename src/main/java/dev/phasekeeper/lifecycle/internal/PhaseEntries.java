package dev.phasekeeper.lifecycle.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Reads what a phase entry needs from the execution that reached the phase element. */
final class PhaseEntries {

  /** A step that fails sets this variable (JSON text) to say why; the next phase keeps it. */
  static final String REASON = "phasekeeperReason";

  /** A free-text note for the history row of the next phase change (a skipped step, say). */
  static final String NOTE = "phasekeeperNote";

  private PhaseEntries() {}

  /** The transition the token took to get here, remembered by {@link TransitionTakeListener}. */
  static String takePendingTransition(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    String transition = (String) instance.getVariable(TransitionTakeListener.PENDING_TRANSITION);
    instance.removeVariable(TransitionTakeListener.PENDING_TRANSITION);
    return transition;
  }

  /** The entry into {@code phase}, consuming the reason and note variables. */
  static PhaseEntry entry(DelegateExecution execution, String transition, String phase) {
    DelegateExecution instance = execution.getProcessInstance();
    return new PhaseEntry(
        execution.getProcessBusinessKey(),
        transition,
        phase,
        execution.getProcessInstanceId(),
        execution.getCurrentActivityId(),
        take(instance, REASON),
        take(instance, NOTE));
  }

  static String take(DelegateExecution instance, String name) {
    Object value = instance.getVariable(name);
    if (value != null) {
      instance.removeVariable(name);
    }
    return value == null ? null : value.toString();
  }
}
