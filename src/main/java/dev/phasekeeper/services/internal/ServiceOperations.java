package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.hooks.HookDefinitions.ChangeMode;
import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.security.Caller;
import dev.phasekeeper.security.Tenant;
import dev.phasekeeper.security.Tenants;
import dev.phasekeeper.web.FieldLimits;
import dev.phasekeeper.web.FieldTooLongException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Modify, unblock, terminate and delete, each in one transaction. */
@Component
class ServiceOperations {

  private static final Set<String> MODIFIABLE =
      Set.of(
          "label",
          "status",
          "statusCode",
          "attributes",
          "stepsCompleted",
          "hookDefinitions",
          "tenant");

  /** pk_service's columns; hook definitions have theirs (HookDefinitionReader). */
  static final FieldLimits LIMITS =
      FieldLimits.of(
          "label",
          1000,
          "status",
          4000,
          "statusCode",
          20,
          "stepsCompleted[]",
          255,
          "tenant.id",
          24,
          "tenant.name",
          200);

  private final ServiceRepository services;
  private final ServiceReader reader;
  private final ServiceHooks hooks;
  private final Lifecycle lifecycle;
  private final Tenants tenants;
  private final ObjectMapper json;
  private final Clock clock;

  ServiceOperations(
      ServiceRepository services,
      ServiceReader reader,
      ServiceHooks hooks,
      Lifecycle lifecycle,
      Tenants tenants,
      ObjectMapper json,
      Clock clock) {
    this.services = services;
    this.reader = reader;
    this.hooks = hooks;
    this.lifecycle = lifecycle;
    this.tenants = tenants;
    this.json = json;
    this.clock = clock;
  }

  @Transactional
  ObjectNode modify(
      String idOrName, JsonNode body, String changeMode, String ifMatch, Caller caller) {
    ServiceRecord service = reader.find(idOrName, caller);
    try {
      LIMITS.check(body);
    } catch (FieldTooLongException e) {
      throw MoabException.badRequest(e.getMessage());
    }
    // the service's own row serialises modifications; the subject row is the lifecycle's, and
    // taking it here first would invert the order its phase changes lock in
    services.lockRow(service.id());
    service = services.findById(service.id()).orElseThrow();
    if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(reader.etag(service))) {
      throw new MoabException(
          HttpStatus.PRECONDITION_FAILED,
          "If-Match: the service has"
              + " changed since version "
              + ifMatch
              + "; it is now "
              + reader.etag(service));
    }
    if (!body.isObject()) {
      throw MoabException.badRequest("body: must be a JSON object");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!MODIFIABLE.contains(field)) {
        throw MoabException.badRequest(
            field
                + ": cannot be modified (only attributes, status,"
                + " statusCode, label, stepsCompleted, hookDefinitions and tenant)");
      }
    }
    ChangeMode mode = changeMode(changeMode);
    String label = text(body, "label", service.label());
    String status = text(body, "status", service.status());
    Long statusCode = statusCode(body, service.statusCode());
    String attributes = attributes(body, service.attributes());
    String steps = steps(body.get("stepsCompleted"), service.stepsCompleted(), mode);
    String tenantId = service.tenantId();
    if (body.hasNonNull("tenant")) {
      tenantId = moveTenant(service, body.get("tenant"), caller);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    // the row lock taken above keeps the version read with it
    if (!services.updateState(
        service.withState(label, status, statusCode, attributes, steps), now)) {
      throw changedMeanwhile(service);
    }
    if (!Objects.equals(tenantId, service.tenantId())) {
      ServiceRecord changed = services.findById(service.id()).orElseThrow();
      if (!services.updatePlacement(
          changed.withPlacement(
              changed.parentId(), changed.parentName(), changed.rootId(), tenantId),
          now)) {
        throw changedMeanwhile(service);
      }
    }
    if (body.has("hookDefinitions")) {
      hooks.change(service.id(), tenantId, body.get("hookDefinitions"), mode);
    }
    return reader.render(services.findById(service.id()).orElseThrow());
  }

  @Transactional
  List<String> unblock(String idOrName, boolean skip, Caller caller) {
    ServiceRecord service = reader.find(idOrName, caller);
    List<String> actions = new ArrayList<>();
    unblockTree(service, skip, actions);
    if (actions.isEmpty()) {
      throw MoabException.conflict(
          "service '"
              + service.name()
              + "' is in phase "
              + phaseOf(service)
              + ": there is nothing to unblock");
    }
    return actions;
  }

  private void unblockTree(ServiceRecord service, boolean skip, List<String> actions) {
    String step = blockedStep(lifecycle.find(service.id()).orElseThrow());
    boolean unblocked =
        lifecycle.send(
            service.id(),
            "unblock",
            Map.of(
                "skip",
                skip,
                "phasekeeperNote",
                (skip ? "skipped step " : "retried step ") + step));
    if (unblocked) {
      actions.add(
          (skip ? "skipped failed step '" : "requeued failed step '")
              + step
              + "' of service '"
              + service.name()
              + "'");
    }
    for (ServiceRecord child : services.children(service.id())) {
      unblockTree(child, skip, actions);
    }
  }

  private String blockedStep(Subject subject) {
    if (subject.phaseReason() == null) {
      return "unknown";
    }
    try {
      return json.readTree(subject.phaseReason()).path("step").asText("unknown");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "unknown";
    }
  }

  @Transactional
  List<String> terminate(String idOrName, Caller caller) {
    ServiceRecord service = reader.find(idOrName, caller);
    if (!lifecycle.send(service.id(), "terminate", Map.of())) {
      throw MoabException.conflict(
          "service '"
              + service.name()
              + "' is in phase "
              + phaseOf(service)
              + ": it cannot be terminated now");
    }
    List<String> actions = new ArrayList<>();
    actions.add("terminated service '" + service.name() + "'");
    for (ServiceRecord child : services.children(service.id())) {
      actions.add("terminating included service '" + child.name() + "'");
    }
    return actions;
  }

  @Transactional
  void delete(String idOrName, boolean force, Caller caller) {
    ServiceRecord service = reader.find(idOrName, caller);
    lifecycle.lock(service.id());
    if (lifecycle.isRunning(service.id())) {
      throw MoabException.conflict(
          "service '"
              + service.name()
              + "' is in phase "
              + phaseOf(service)
              + ": terminate it before deleting it");
    }
    if (!force) {
      Set<String> dependants = new LinkedHashSet<>(services.dependants(service.id(), false));
      if (!dependants.isEmpty()) {
        List<String> names =
            dependants.stream()
                .map(id -> services.findById(id).map(ServiceRecord::name).orElse(id))
                .toList();
        throw MoabException.conflict(
            "service '"
                + service.name()
                + "' is needed by "
                + String.join(", ", names)
                + "; delete those first or use force-delete=true");
      }
    }
    lifecycle.start(Lifecycle.PURGE_PROCESS, service.id(), service.name(), Map.of());
    services.markDeleted(service.id(), OffsetDateTime.now(clock));
    hooks.change(service.id(), service.tenantId(), json.createArrayNode(), ChangeMode.SET);
  }

  private String phaseOf(ServiceRecord service) {
    return ServiceDocument.capitalised(
        lifecycle.find(service.id()).map(Subject::phase).orElse("unknown"));
  }

  private String moveTenant(ServiceRecord service, JsonNode tenant, Caller caller) {
    if (!"container".equals(service.type())) {
      throw MoabException.badRequest(
          "tenant: only a container service can be moved to another"
              + " tenant; '"
              + service.name()
              + "' is of type "
              + service.type());
    }
    if (service.parentId() != null) {
      throw MoabException.badRequest(
          "tenant: '"
              + service.name()
              + "' is inside container '"
              + service.parentName()
              + "'; move the top container");
    }
    String id = CreateRequestParser.optionalText(tenant, "id", "tenant.id");
    String name = CreateRequestParser.optionalText(tenant, "name", "tenant.name");
    Tenant target = destination(id, name);
    if (!caller.canAccess(target.id())) {
      throw new MoabException(
          HttpStatus.FORBIDDEN,
          "tenant: you may not move services into tenant '" + target.name() + "'");
    }
    moveDescendants(service.id(), target.id());
    return target.id();
  }

  /** The existing tenant named by id, name, or both (which must then agree, as the seed says). */
  private Tenant destination(String id, String name) {
    if (id == null && name == null) {
      throw MoabException.badRequest("tenant: give the destination tenant's name, id, or both");
    }
    Tenant target =
        (id != null ? tenants.findById(id) : tenants.findByName(name))
            .orElseThrow(
                () ->
                    MoabException.badRequest(
                        "tenant: the destination tenant '"
                            + (id != null ? id : name)
                            + "' does not exist"));
    if (id != null && name != null && !name.equals(target.name())) {
      throw MoabException.badRequest(
          "tenant: id '"
              + id
              + "' is tenant '"
              + target.name()
              + "', not '"
              + name
              + "'; give both of the same tenant, or only one");
    }
    return target;
  }

  /**
   * Moves the children's subjects before the container's: a child's phase change locks the child's
   * row and then the family's root row, so taking the root last keeps the same order.
   */
  private void moveDescendants(String parentId, String tenantId) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (ServiceRecord child : services.children(parentId)) {
      if (!services.updatePlacement(
          child.withPlacement(child.parentId(), child.parentName(), child.rootId(), tenantId),
          now)) {
        throw changedMeanwhile(child);
      }
      moveDescendants(child.id(), tenantId);
    }
    lifecycle.moveTenant(parentId, tenantId);
  }

  private static MoabException changedMeanwhile(ServiceRecord service) {
    return MoabException.conflict(
        "service '"
            + service.name()
            + "' was changed by another"
            + " request or script meanwhile; nothing was changed, send the request again");
  }

  private static ChangeMode changeMode(String value) {
    if (value == null || value.isBlank()) {
      return ChangeMode.ADD;
    }
    try {
      return ChangeMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw MoabException.badRequest("change-mode: '" + value + "' is not add, remove or set");
    }
  }

  private static String text(JsonNode body, String field, String current) {
    if (!body.has(field)) {
      return current;
    }
    JsonNode value = body.get(field);
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw MoabException.badRequest(field + ": must be a string");
    }
    return value.asText();
  }

  private static Long statusCode(JsonNode body, Long current) {
    if (!body.has("statusCode")) {
      return current;
    }
    JsonNode value = body.get("statusCode");
    if (value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
      return Long.parseLong(value.asText());
    }
    throw MoabException.badRequest("statusCode: must be a whole number (long)");
  }

  private String attributes(JsonNode body, String current) {
    if (!body.has("attributes")) {
      return current;
    }
    JsonNode changes = body.get("attributes");
    if (!changes.isObject()) {
      throw MoabException.badRequest("attributes: must be an object");
    }
    if (changes.has("moab")) {
      throw MoabException.badRequest("attributes.moab: cannot be modified");
    }
    ObjectNode attributes = (ObjectNode) parse(current);
    attributes.setAll((ObjectNode) changes);
    return attributes.toString();
  }

  private String steps(JsonNode changes, String current, ChangeMode mode) {
    if (changes == null) {
      return current;
    }
    if (!changes.isArray()) {
      throw MoabException.badRequest("stepsCompleted: must be an array of strings");
    }
    List<String> steps = new ArrayList<>();
    if (mode != ChangeMode.SET) {
      parse(current).forEach(step -> steps.add(step.asText()));
    }
    for (JsonNode step : changes) {
      if (!step.isValueNode() || step.isNull()) {
        throw MoabException.badRequest("stepsCompleted: must be an array of strings");
      }
      if (mode == ChangeMode.REMOVE) {
        steps.remove(step.asText());
      } else {
        steps.add(step.asText());
      }
    }
    ArrayNode array = json.createArrayNode();
    steps.forEach(array::add);
    return array.toString();
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("SERVICES-001 stored JSON is unreadable", e);
    }
  }
}
