package dev.phasekeeper.lifecycle;

/**
 * A subject about to enter a phase: the token stands on the phase's element, the phase is not
 * recorded yet.
 *
 * @param fromPhase the subject's phase now
 * @param transition the transition being taken, {@code null} when none was annotated
 * @param executionId the execution that waits on the phase element until the checks are done
 */
public record PendingEntry(
    Subject subject,
    String fromPhase,
    String transition,
    String toPhase,
    String processInstanceId,
    String executionId) {}
