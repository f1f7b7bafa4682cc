package dev.phasekeeper.lifecycle.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Records the entry into a phase element whose BPMN behaviour cannot wait for entry checks (a
 * start or boundary event, a gateway, a task with a behaviour of its own): the phase is entered
 * at once, before the element's other start listeners, so they see the new phase.
 */
record PhaseEntryListener(String phase, String ownTransition, PhaseRecorder recorder)
    implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    String transition = ownTransition != null
        ? ownTransition
        : PhaseEntries.takePendingTransition(execution);
    recorder.enter(PhaseEntries.entry(execution, transition, phase));
  }
}
