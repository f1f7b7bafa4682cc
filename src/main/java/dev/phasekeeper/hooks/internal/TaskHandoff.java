package dev.phasekeeper.hooks.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.stereotype.Component;

/**
 * The lanes of this node's workers that take the external tasks created on this node without
 * fetching them ({@link TaskHandoffPlugin}). Each lane of {@link ExternalTaskWorkers} is open here
 * by its topic while the workers run.
 */
@Component
class TaskHandoff {

  /** A lane as the handoff sees it. */
  interface Lane {

    /** The worker id a task handed to this lane is locked for. */
    String workerId();

    /** How long a handed task stays locked before its lease extends it. */
    long lockMillis();

    /** The process variables the lane's handler reads. */
    List<String> variables();

    /**
     * Takes room for one task; false when the lane has none or older tasks of its topic wait to
     * be fetched (the fetcher then takes this one too).
     */
    boolean reserve();

    /** Gives back the room of a task whose transaction rolled back. */
    void cancel();

    /** Runs a task locked for this lane, in room reserved for it, once its creation committed. */
    void accept(LockedExternalTask task);
  }

  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  void open(String topic, Lane lane) {
    lanes.put(topic, lane);
  }

  void close(String topic) {
    lanes.remove(topic);
  }

  Optional<Lane> lane(String topic) {
    return Optional.ofNullable(lanes.get(topic));
  }
}
