package dev.phasekeeper.bench;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A stand-in for Phasekeeper's {@code beforeHooks} bean in the raw engine: no before hook is ever
 * due, as none is defined in the benchmark, so no Phasekeeper code runs on the raw path. It is
 * public because the engine's expression language calls its methods by reflection.
 */
public class RawBeforeHooks {

  public boolean due(DelegateExecution execution, String phase) {
    return false;
  }
}
