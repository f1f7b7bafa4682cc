package dev.phasekeeper.lifecycle.workers;

import java.util.List;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * Runs the external tasks of one topic: a surface implements it as a bean to have this node's
 * workers run its tasks, on a lane of threads of its own.
 */
public interface TaskHandler {

  String topic();

  /** How many tasks of this topic may run at once on this node; 0 runs none here. */
  int threads(WorkersProperties workers);

  /** The process variables the handler reads; only these are fetched with the task. */
  List<String> variables();

  /**
   * Runs the task and ends it through the lease (complete, fail or BPMN error). An exception counts
   * as a technical failure of the task (one retry fewer), unless the lease was handed back
   * meanwhile.
   */
  void handle(LockedExternalTask task, TaskLease lease);
}
