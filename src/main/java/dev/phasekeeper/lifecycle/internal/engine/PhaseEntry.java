package dev.phasekeeper.lifecycle.internal.engine;

/**
 * What a phase element's start listener knows about the entry.
 *
 * @param phase the phase entered; {@code null} for an element annotated {@code phase=previous},
 *     which returns the subject to the phase it was in before
 */
public record PhaseEntry(
    String subjectId,
    String transition,
    String phase,
    String processInstanceId,
    String elementId,
    String reason,
    String note) {}
