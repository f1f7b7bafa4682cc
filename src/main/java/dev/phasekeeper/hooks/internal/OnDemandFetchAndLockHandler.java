package dev.phasekeeper.hooks.internal;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.rest.impl.FetchAndLockHandlerImpl;
import org.camunda.bpm.engine.rest.impl.FetchAndLockRequest;

/**
 * Long polling of Camunda's engine REST API ({@code POST /engine-rest/external-task/fetchAndLock}
 * with {@code asyncResponseTimeout}), as Camunda's own handler does it, except when it listens.
 * Camunda's handler is woken by every external task any engine command creates, whether a
 * request waits or not; on a node whose steps and hooks are handed to its own workers
 * ({@link TaskHandoffPlugin}) nobody usually does, and each wake-up was a thread switch on the
 * committing thread (the one that answers the client) and a pass of the handler's loop, for
 * nothing. This handler listens for new tasks only from the moment a request arrives until no
 * request waits. Camunda finds it through its service-loader hook for this class,
 * {@code META-INF/services/org.camunda.bpm.engine.rest.spi.FetchAndLockHandler}.
 */
public class OnDemandFetchAndLockHandler extends FetchAndLockHandlerImpl {

  private final Object guard = new Object();
  private boolean listening;

  @Override
  public void start() {
    synchronized (guard) {
      super.start();
      listening = true; // Camunda's start registers the condition; the first pass drops it
    }
  }

  /**
   * Listens before the request can be seen by the handler's thread: a task created from then on
   * wakes it, and one created before is found by the fetch the request gets on arrival.
   */
  @Override
  protected void addRequest(FetchAndLockRequest request) {
    synchronized (guard) {
      listen(true);
      super.addRequest(request);
    }
  }

  /** Between passes of the handler's thread: listens on while a request waits or arrives. */
  @Override
  protected void suspend(long millis) {
    synchronized (guard) {
      listen(!pendingRequests.isEmpty() || !queue.isEmpty());
    }
    super.suspend(millis);
  }

  /** Whether a new external task wakes the handler now. */
  boolean listensForNewTasks() {
    synchronized (guard) {
      return listening;
    }
  }

  private void listen(boolean wanted) {
    if (wanted == listening) {
      return;
    }
    if (wanted) {
      ProcessEngineImpl.EXT_TASK_CONDITIONS.addConsumer(condition);
    } else {
      ProcessEngineImpl.EXT_TASK_CONDITIONS.removeConsumer(condition);
    }
    listening = wanted;
  }
}
