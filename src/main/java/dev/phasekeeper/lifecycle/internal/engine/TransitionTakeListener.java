package dev.phasekeeper.lifecycle.internal.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Remembers the transition being taken until the next phase element is entered. In a process
 * without asynchronous continuations the value is a transient variable, which lives only in this
 * engine command and is never stored; where an admin marked an element asynchronous, the parse
 * listener makes it a stored one, so that it crosses the job's boundary.
 */
final class TransitionTakeListener implements ExecutionListener {

  private final String transition;

  /** Set once, at the end of parsing, before the definition runs. */
  private boolean stored;

  TransitionTakeListener(String transition) {
    this.transition = transition;
  }

  void storeAcrossWaits() {
    stored = true;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution
        .getProcessInstance()
        .setVariable(PhaseEntries.PENDING_TRANSITION, Variables.stringValue(transition, !stored));
  }
}
