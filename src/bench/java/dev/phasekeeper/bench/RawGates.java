package dev.phasekeeper.bench;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A stand-in for Phasekeeper's {@code serviceGates} bean in the raw engine: every gate is open and
 * every release is a no-op, so no Phasekeeper code runs on the raw path. It is public because the
 * engine's expression language calls its methods by reflection.
 */
public class RawGates {

  public boolean dependenciesIn(DelegateExecution execution, String phase) {
    return true;
  }

  public boolean dependantsIn(DelegateExecution execution, String phase) {
    return true;
  }

  public void releaseDependants(DelegateExecution execution, String phase, String message) {
    // no dependants in the raw engine
  }

  public void releaseDependencies(DelegateExecution execution, String phase, String message) {
    // no dependencies in the raw engine
  }

  public void terminateChildren(DelegateExecution execution) {
    // no children in the raw engine
  }
}
