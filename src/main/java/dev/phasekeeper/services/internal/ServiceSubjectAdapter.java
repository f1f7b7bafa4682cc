package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.lifecycle.SubjectAdapter;
import dev.phasekeeper.lifecycle.SubjectKind;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/** Services as subjects of scripts: their JSON, their {@code $variables}, their step folder. */
@Component
class ServiceSubjectAdapter implements SubjectAdapter {

  private static final java.util.Set<String> VERDICTS =
      java.util.Set.of("succeeded", "failed", "waiting");
  private static final int MAX_ATTEMPTS = 5;

  private final ServiceRepository services;
  private final ServiceReader reader;
  private final ServiceDocument documents;
  private final Clock clock;

  ServiceSubjectAdapter(
      ServiceRepository services, ServiceReader reader, ServiceDocument documents, Clock clock) {
    this.services = services;
    this.reader = reader;
    this.documents = documents;
    this.clock = clock;
  }

  @Override
  public SubjectKind kind() {
    return SubjectKind.SERVICE;
  }

  @Override
  public Optional<JsonNode> document(String subjectId) {
    return services.findById(subjectId).map(reader::render);
  }

  @Override
  public Optional<String> variable(String subjectId, String name) {
    return document(subjectId)
        .map(
            doc -> {
              JsonNode node =
                  switch (name) {
                    case "tenant" -> doc.path("tenant").path("name");
                    default -> at(doc, name);
                  };
              return node.isMissingNode() || node.isNull()
                  ? null
                  : node.isValueNode() ? node.asText() : node.toString();
            });
  }

  @Override
  public String stepFolder(String subjectId) {
    return services.type(subjectId).orElse("generic");
  }

  /**
   * Applies a script's output to what it may change of the service, and to nothing else, on the
   * service as it is now: a write that changed the service since it was read (a container adopting
   * it, a modification) is read again and the output applied to it.
   */
  @Override
  public void applyOutput(String subjectId, JsonNode output) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<ServiceRecord> service = services.findById(subjectId);
      if (service.isEmpty()
          || services.updateState(apply(service.get(), output), OffsetDateTime.now(clock))) {
        return;
      }
    }
    throw new OptimisticLockingFailureException(
        "SERVICES-002 service "
            + subjectId
            + " kept changing while a script's output was applied to it");
  }

  private ServiceRecord apply(ServiceRecord service, JsonNode output) {
    String status = serviceStatus(output, service.status());
    Long statusCode =
        output.path("statusCode").canConvertToLong() && output.path("statusCode").isNumber()
            ? Long.valueOf(output.get("statusCode").asLong())
            : service.statusCode();
    ObjectNode attributes = (ObjectNode) documents.parse(service.attributes());
    if (output.path("attributes").isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = output.get("attributes").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!"moab".equals(field.getKey())) {
          attributes.set(field.getKey(), field.getValue());
        }
      }
    }
    ArrayNode steps = (ArrayNode) documents.parse(service.stepsCompleted());
    if (output.path("stepsCompleted").isArray()) {
      output.get("stepsCompleted").forEach(step -> steps.add(step.asText()));
    }
    return service.withState(
        service.label(), status, statusCode, attributes.toString(), steps.toString());
  }

  /**
   * A script's {@code status} of succeeded, failed or waiting is its verdict on itself; any other
   * text is the service's new status. {@code serviceStatus} always is.
   */
  private static String serviceStatus(JsonNode output, String current) {
    if (output.hasNonNull("serviceStatus")) {
      return output.get("serviceStatus").asText();
    }
    String status = output.path("status").asText(null);
    if (status == null || VERDICTS.contains(status.toLowerCase(java.util.Locale.ROOT))) {
      return current;
    }
    return status;
  }

  private static JsonNode at(JsonNode doc, String dottedPath) {
    JsonNode node = doc;
    for (String part : dottedPath.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }
}
