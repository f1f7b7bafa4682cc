package dev.phasekeeper.services.internal;

import java.time.OffsetDateTime;

/** One row of {@code pk_service}; JSON columns are kept as text. */
record ServiceRecord(
    String id,
    String name,
    String type,
    String label,
    String user,
    String account,
    String tenantId,
    String status,
    Long statusCode,
    String parentId,
    String parentName,
    String rootId,
    OffsetDateTime startDateRequested,
    OffsetDateTime startDateScheduled,
    Long durationRequested,
    String attributes,
    String stepsCompleted,
    String includedServices,
    String serviceTemplate,
    OffsetDateTime dateCreated,
    OffsetDateTime lastUpdated,
    OffsetDateTime dateDeleted,
    int version) {

  boolean isDeleted() {
    return dateDeleted != null;
  }
}
