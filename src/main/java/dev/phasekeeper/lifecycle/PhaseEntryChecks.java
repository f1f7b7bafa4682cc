package dev.phasekeeper.lifecycle;

import java.util.List;

/**
 * Checks that must pass before a subject enters a phase (the hooks module's {@code before}
 * hooks). The engine waits for them on the phase's element: a wait state, not a thread. They run
 * one after another in the order given; each one reports its outcome through
 * {@link Lifecycle#entryCheckDone}. A failed check blocks the subject; unblock retries it, unblock
 * with skip goes on without it.
 *
 * <p>Called inside the engine's command, so whatever a check writes to start itself commits with
 * the arrival on the element.
 */
public interface PhaseEntryChecks {

  /**
   * Whether any check could apply to the subject at all; false lets the entry go on without
   * reading the subject (the common case, so it should cost at most one cheap query).
   */
  default boolean anyFor(String subjectId) {
    return true;
  }

  /** The names of the checks the entry waits for, in the order they run; empty to enter at once. */
  List<String> checksFor(PendingEntry entry);

  /**
   * Starts one check.
   *
   * @return false when the check no longer exists (deleted meanwhile); the entry goes on without it
   */
  boolean start(PendingEntry entry, String check);
}
