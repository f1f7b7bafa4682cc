package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.security.Tenant;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Renders a service as the Moab seed shows it. */
@Component
class ServiceDocument {

  private final ObjectMapper json;

  ServiceDocument(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode render(ServiceRecord service, Subject subject, Tenant tenant, ArrayNode hooks) {
    ObjectNode doc = json.createObjectNode();
    if (tenant == null) {
      doc.putNull("tenant");
    } else {
      doc.putObject("tenant").put("id", tenant.id()).put("name", tenant.name());
    }
    doc.put("dateCreated", MoabDates.format(service.dateCreated()));
    doc.put("lastUpdated", MoabDates.format(service.lastUpdated()));
    doc.put("dateDeleted", MoabDates.format(service.dateDeleted()));
    doc.put("name", service.name());
    doc.put("phase", capitalised(subject == null ? null : subject.phase()));
    doc.put("version", service.version());
    doc.put("type", service.type());
    doc.put("label", service.label());
    doc.put("user", service.user());
    doc.put("account", service.account());
    doc.put("startDateRequested", MoabDates.format(service.startDateRequested()));
    doc.put("startDateScheduled", MoabDates.format(service.startDateScheduled()));
    doc.put("durationRequested", service.durationRequested());
    doc.put("status", service.status());
    doc.put("statusCode", service.statusCode());
    doc.set("includedServices", parse(service.includedServices()));
    doc.set("stepsCompleted", parse(service.stepsCompleted()));
    doc.set("hookDefinitions", hooks == null ? json.createArrayNode() : hooks);
    doc.put("parent", service.parentName());
    doc.set(
        "serviceTemplate",
        service.serviceTemplate() == null ? json.nullNode() : parse(service.serviceTemplate()));
    doc.set("attributes", parse(service.attributes()));
    if (subject != null && subject.phaseReason() != null) {
      doc.set("blockedReason", parse(subject.phaseReason()));
      doc.put("blockedSince", MoabDates.format(subject.phaseEnteredAt()));
    }
    doc.put("id", service.id());
    return doc;
  }

  JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("SERVICES-001 stored JSON is unreadable: " + text, e);
    }
  }

  static String capitalised(String phase) {
    if (phase == null || phase.isEmpty()) {
      return phase;
    }
    return phase.substring(0, 1).toUpperCase(Locale.ROOT) + phase.substring(1);
  }
}
