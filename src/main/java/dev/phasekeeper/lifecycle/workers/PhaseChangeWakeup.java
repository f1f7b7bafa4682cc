package dev.phasekeeper.lifecycle.workers;

import dev.phasekeeper.lifecycle.PhaseChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Wakes the workers after the commit of every phase change: the steps and hook runs of a lifecycle
 * are created in the transaction that changes its phase, whoever started it (the API, the job
 * executor, Cockpit).
 */
@Component
class PhaseChangeWakeup {

  private final WorkerWakeup wakeup;

  PhaseChangeWakeup(WorkerWakeup wakeup) {
    this.wakeup = wakeup;
  }

  @EventListener
  void phaseChanged(PhaseChanged change) {
    wakeup.afterCommit();
  }
}
