package dev.phasekeeper.lifecycle;

import java.time.OffsetDateTime;

/**
 * A thing with a lifecycle and the phase it is in now.
 *
 * @param phaseReason why the subject is in its phase, as JSON text, when the lifecycle gave a
 *     reason (a failed step that blocked it); {@code null} otherwise
 */
public record Subject(
    String id,
    SubjectKind kind,
    String tenantId,
    String phase,
    OffsetDateTime phaseEnteredAt,
    String phaseReason,
    String processInstanceId,
    int version) {}
