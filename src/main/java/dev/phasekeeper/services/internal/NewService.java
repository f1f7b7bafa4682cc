package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One service of a create request, validated, before it has an id.
 *
 * @param name the requested name; the stored name gets a {@code .N} suffix
 * @param includedServices names of services in this request or existing ones
 */
record NewService(
    String name,
    String type,
    String label,
    List<String> includedServices,
    List<String> stepsCompleted,
    JsonNode hookDefinitions,
    ObjectNode attributes) {}
