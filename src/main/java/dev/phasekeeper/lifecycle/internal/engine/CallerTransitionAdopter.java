package dev.phasekeeper.lifecycle.internal.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Where a called process continues asynchronously, its first phase element may be entered in a
 * later job than the caller's transition into the call activity was taken: on start, the called
 * process takes the caller's pending transition over and stores it.
 */
final class CallerTransitionAdopter implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    DelegateExecution caller = instance.getSuperExecution();
    if (caller == null || instance.hasVariable(PhaseEntries.PENDING_TRANSITION)) {
      return;
    }
    String transition = PhaseEntries.pendingTransition(caller, true);
    if (transition != null) {
      instance.setVariable(PhaseEntries.PENDING_TRANSITION, Variables.stringValue(transition));
    }
  }
}
