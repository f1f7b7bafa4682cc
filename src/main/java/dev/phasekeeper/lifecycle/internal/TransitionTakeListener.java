package dev.phasekeeper.lifecycle.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Remembers the transition being taken until the next phase element is entered. The value is a
 * transient variable: it lives only in this engine command and is never stored.
 */
record TransitionTakeListener(String transition) implements ExecutionListener {

  static final String PENDING_TRANSITION = "phasekeeperPendingTransition";

  @Override
  public void notify(DelegateExecution execution) {
    execution.getProcessInstance()
        .setVariable(PENDING_TRANSITION, Variables.stringValue(transition, true));
  }
}
