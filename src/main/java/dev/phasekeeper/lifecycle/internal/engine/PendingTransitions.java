package dev.phasekeeper.lifecycle.internal.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The transition on its way to the next phase element, for those that look ahead of it. */
public final class PendingTransitions {

  private PendingTransitions() {}

  /** The pending transition of the execution's process, or of the nearest caller that has one. */
  public static String of(DelegateExecution execution) {
    return PhaseEntries.pendingTransition(execution, false);
  }

  /**
   * Stores the pending transition, so that it survives the wait states before its phase. The engine
   * turns no transient variable into a stored one, so it is stored under another name.
   */
  public static void keep(DelegateExecution execution) {
    DelegateExecution instance = PhaseEntries.holder(execution, PhaseEntries.PENDING_TRANSITION);
    if (instance != null) {
      instance.setVariable(
          PhaseEntries.KEPT_TRANSITION, instance.getVariable(PhaseEntries.PENDING_TRANSITION));
    }
  }
}
