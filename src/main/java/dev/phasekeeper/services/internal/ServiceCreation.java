package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.SubjectKind;
import dev.phasekeeper.security.Caller;
import dev.phasekeeper.security.Tenant;
import dev.phasekeeper.security.Tenants;
import dev.phasekeeper.web.IdempotencyStore;
import dev.phasekeeper.web.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the services of one request, their dependencies and their lifecycle processes, all in
 * one transaction.
 */
@Component
class ServiceCreation {

  static final String PROCESS = "service-lifecycle";
  static final String LOCATION = "/mws/rest/services/";

  private final CreateRequestParser parser;
  private final ServiceRepository services;
  private final ServiceStructure structure;
  private final Tenants tenants;
  private final Lifecycle lifecycle;
  private final ServiceHooks hooks;
  private final ObjectMapper json;
  private final Clock clock;
  private final IdempotencyStore idempotency;

  ServiceCreation(CreateRequestParser parser, ServiceRepository services,
      ServiceStructure structure, Tenants tenants, Lifecycle lifecycle, ServiceHooks hooks,
      ObjectMapper json, Clock clock, IdempotencyStore idempotency) {
    this.idempotency = idempotency;
    this.parser = parser;
    this.services = services;
    this.structure = structure;
    this.tenants = tenants;
    this.lifecycle = lifecycle;
    this.hooks = hooks;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Creates the request's services and returns the name of the top one. With an idempotency
   * key the answer is saved in the same transaction, so a retry replays it.
   */
  @Transactional
  String create(JsonNode body, Caller caller, String idempotencyKey) {
    CreateRequest request = parser.parse(body);
    Tenant tenant = tenant(request, caller);
    ServiceStructure.Plan plan = structure.plan(request, tenant.id());
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    Map<String, String> ids = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (NewService service : request.services()) {
      ids.put(service.name(), Ids.next());
      int sequence = services.nextSequence(service.name());
      names.put(service.name(), service.name() + "." + sequence);
    }
    for (NewService service : plan.parentsFirst()) {
      insert(request, service, plan, ids, names, tenant, caller, now);
    }
    structure.adopt(plan, ids, names);
    structure.link(plan, ids);
    for (NewService service : request.services()) {
      hooks.define(ids.get(service.name()), tenant.id(), service.hookDefinitions());
    }
    for (NewService service : request.services()) {
      lifecycle.start(PROCESS, ids.get(service.name()), names.get(service.name()),
          variables(request, now));
    }
    String name = names.get(plan.top().name());
    if (idempotencyKey != null) {
      idempotency.save(idempotencyScope(caller), idempotencyKey,
          new IdempotencyStore.StoredResponse(201, LOCATION + name,
              json.createObjectNode().put("name", name).toString()));
    }
    return name;
  }

  static String idempotencyScope(Caller caller) {
    return "moab-services:" + caller.name();
  }

  private Tenant tenant(CreateRequest request, Caller caller) {
    Tenant tenant;
    try {
      tenant = tenants.resolveOrCreate(request.tenantId(), request.tenantName());
    } catch (IllegalArgumentException e) {
      throw MoabException.badRequest(e.getMessage());
    }
    if (!caller.canAccess(tenant.id())) {
      throw new MoabException(org.springframework.http.HttpStatus.FORBIDDEN,
          "tenant: you may not create services in tenant '" + tenant.name() + "'");
    }
    return tenant;
  }

  private void insert(CreateRequest request, NewService service, ServiceStructure.Plan plan,
      Map<String, String> ids, Map<String, String> names, Tenant tenant, Caller caller,
      OffsetDateTime now) {
    String id = ids.get(service.name());
    String parent = plan.parentOf().get(service.name());
    String parentId = parent == null ? null : ids.get(parent);
    String rootId = ids.get(plan.rootOf(service.name()));
    List<String> included = new ArrayList<>();
    for (String child : service.includedServices()) {
      included.add(names.getOrDefault(child, plan.existing().containsKey(child)
          ? plan.existing().get(child).name() : child));
    }
    ServiceRecord record = new ServiceRecord(id, names.get(service.name()), service.type(),
        service.label(), request.user() == null ? caller.name() : request.user(),
        request.account(), tenant.id(), null, null, parentId,
        parent == null ? null : names.get(parent), rootId, request.startDateRequested(),
        request.startDateRequested() == null ? now : request.startDateRequested(),
        request.durationRequested(), service.attributes().toString(),
        json.valueToTree(service.stepsCompleted()).toString(),
        json.valueToTree(included).toString(), null, now, now, null, 1);
    lifecycle.register(SubjectKind.SERVICE, id, tenant.id());
    services.insert(record, service.name(), Integer.parseInt(
        names.get(service.name()).substring(service.name().length() + 1)));
  }

  private Map<String, Object> variables(CreateRequest request, OffsetDateTime now) {
    Map<String, Object> variables = new LinkedHashMap<>();
    OffsetDateTime start = request.startDateRequested();
    if (start != null && start.isAfter(now)) {
      variables.put("reserveUntil", start.toInstant().toString());
    }
    if (request.durationRequested() != null) {
      OffsetDateTime from = start != null && start.isAfter(now) ? start : now;
      variables.put("expiresAt",
          from.plusSeconds(request.durationRequested()).toInstant().toString());
    }
    return variables;
  }
}
