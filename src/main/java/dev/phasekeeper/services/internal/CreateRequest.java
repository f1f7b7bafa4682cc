package dev.phasekeeper.services.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A validated create request: what applies to every service, the services, and who depends on whom
 * (by requested name).
 */
record CreateRequest(
    String tenantId,
    String tenantName,
    String user,
    String account,
    OffsetDateTime startDateRequested,
    Long durationRequested,
    List<NewService> services,
    Map<String, List<String>> dependencies) {}
