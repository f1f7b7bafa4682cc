package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.WorkersProperties;
import java.util.List;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/** Runs the external tasks of one topic. */
interface TaskHandler {

  String topic();

  /** How many tasks of this topic may run at once on this node. */
  int threads(WorkersProperties workers);

  /** The process variables the handler reads; only these are fetched with the task. */
  List<String> variables();

  /** Runs the task and ends it through the lease (complete, fail or BPMN error). */
  void handle(LockedExternalTask task, TaskLease lease);
}
