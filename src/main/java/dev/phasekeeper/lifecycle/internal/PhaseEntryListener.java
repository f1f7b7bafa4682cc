package dev.phasekeeper.lifecycle.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/** Records the entry into a phase element: the subject's phase, its history, the event. */
record PhaseEntryListener(String phase, String ownTransition, PhaseRecorder recorder)
    implements ExecutionListener {

  /** A step that fails sets this variable (JSON text) to say why; the next phase keeps it. */
  static final String REASON = "phasekeeperReason";

  /** A free-text note for the history row of the next phase change (a skipped step, say). */
  static final String NOTE = "phasekeeperNote";

  @Override
  public void notify(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    String transition = ownTransition != null
        ? ownTransition
        : (String) instance.getVariable(TransitionTakeListener.PENDING_TRANSITION);
    instance.removeVariable(TransitionTakeListener.PENDING_TRANSITION);
    recorder.enter(new PhaseEntry(
        execution.getProcessBusinessKey(),
        transition,
        phase,
        execution.getProcessInstanceId(),
        execution.getCurrentActivityId(),
        take(instance, REASON),
        take(instance, NOTE)));
  }

  private static String take(DelegateExecution instance, String name) {
    Object value = instance.getVariable(name);
    if (value != null) {
      instance.removeVariable(name);
    }
    return value == null ? null : value.toString();
  }
}
