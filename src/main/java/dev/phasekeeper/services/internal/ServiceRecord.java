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

  /** The same service with the fields that modifications and scripts may change. */
  ServiceRecord withState(
      String newLabel,
      String newStatus,
      Long newStatusCode,
      String newAttributes,
      String newStepsCompleted) {
    return new ServiceRecord(
        id,
        name,
        type,
        newLabel,
        user,
        account,
        tenantId,
        newStatus,
        newStatusCode,
        parentId,
        parentName,
        rootId,
        startDateRequested,
        startDateScheduled,
        durationRequested,
        newAttributes,
        newStepsCompleted,
        includedServices,
        serviceTemplate,
        dateCreated,
        lastUpdated,
        dateDeleted,
        version);
  }

  /** The same service in another container, family or tenant. */
  ServiceRecord withPlacement(
      String newParentId, String newParentName, String newRootId, String newTenantId) {
    return new ServiceRecord(
        id,
        name,
        type,
        label,
        user,
        account,
        newTenantId,
        status,
        statusCode,
        newParentId,
        newParentName,
        newRootId,
        startDateRequested,
        startDateScheduled,
        durationRequested,
        attributes,
        stepsCompleted,
        includedServices,
        serviceTemplate,
        dateCreated,
        lastUpdated,
        dateDeleted,
        version);
  }
}
