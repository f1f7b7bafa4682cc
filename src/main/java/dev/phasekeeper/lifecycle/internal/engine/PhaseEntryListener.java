package dev.phasekeeper.lifecycle.internal.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Records the entry into a phase element, before the element's other start listeners, so that they
 * see the new phase.
 *
 * @param phase the phase, or {@code null} to return to the subject's previous phase
 */
record PhaseEntryListener(String phase, String ownTransition, PhaseEntryRecorder recorder)
    implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    recorder.enter(PhaseEntries.entry(execution, ownTransition, phase));
  }
}
