package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.SubjectKind;
import dev.phasekeeper.security.Caller;
import dev.phasekeeper.security.Tenant;
import dev.phasekeeper.security.Tenants;
import dev.phasekeeper.web.ConcurrentWriteException;
import dev.phasekeeper.web.FieldTooLongException;
import dev.phasekeeper.web.IdempotencyStore;
import dev.phasekeeper.web.Ids;
import dev.phasekeeper.web.RetriedTransactions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Creates the services of one request, their dependencies and their lifecycle processes, all in one
 * transaction; only their names' numbers are taken before, in a short one of their own.
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
  private final RetriedTransactions transactions;

  ServiceCreation(
      CreateRequestParser parser,
      ServiceRepository services,
      ServiceStructure structure,
      Tenants tenants,
      Lifecycle lifecycle,
      ServiceHooks hooks,
      ObjectMapper json,
      Clock clock,
      IdempotencyStore idempotency,
      RetriedTransactions transactions) {
    this.idempotency = idempotency;
    this.transactions = transactions;
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
   * Creates the request's services and answers with the name of the top one, in one transaction
   * that runs again when it lost a race with a concurrent create (the same new tenant, the same
   * names, the same idempotency key). With an idempotency key the answer is saved in that
   * transaction, so a retry of the same request replays it.
   */
  IdempotencyStore.StoredResponse create(JsonNode body, Caller caller, String idempotencyKey) {
    if (idempotencyKey != null) {
      try {
        IdempotencyStore.checkKey(idempotencyKey);
      } catch (FieldTooLongException e) {
        throw MoabException.badRequest(e.getMessage());
      }
    }
    CreateRequest request = parser.parse(body);
    String fingerprint = IdempotencyStore.fingerprint(body.toString());
    Optional<IdempotencyStore.StoredResponse> replay = replay(caller, idempotencyKey, fingerprint);
    if (replay.isPresent()) {
      return replay.get();
    }
    String what =
        "tenant '"
            + (request.tenantName() != null ? request.tenantName() : request.tenantId())
            + "', services "
            + request.services().stream().map(NewService::name).limit(5).toList();
    try {
      Map<String, Integer> numbers = transactions.inNewTransaction(what, () -> numbers(request));
      return transactions.inNewTransaction(
          what,
          () ->
              replay(caller, idempotencyKey, fingerprint)
                  .orElseGet(
                      () -> createOnce(request, numbers, caller, idempotencyKey, fingerprint)));
    } catch (ConcurrentWriteException e) {
      throw MoabException.conflict(e.getMessage());
    }
  }

  private Optional<IdempotencyStore.StoredResponse> replay(
      Caller caller, String key, String fingerprint) {
    try {
      return key == null
          ? Optional.empty()
          : idempotency.find(idempotencyScope(caller), key, fingerprint);
    } catch (IdempotencyStore.KeyReusedException e) {
      throw new MoabException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }
  }

  /** The number of each requested name, taken in base-name order so takers never deadlock. */
  private Map<String, Integer> numbers(CreateRequest request) {
    Map<String, Integer> numbers = new TreeMap<>();
    request.services().forEach(service -> numbers.put(service.name(), 0));
    numbers.replaceAll((name, none) -> services.takeNumber(name));
    return numbers;
  }

  private IdempotencyStore.StoredResponse createOnce(
      CreateRequest request,
      Map<String, Integer> numbers,
      Caller caller,
      String idempotencyKey,
      String fingerprint) {
    Tenant tenant = tenant(request, caller);
    ServiceStructure.Plan plan = structure.plan(request, tenant.id());
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    Map<String, String> ids = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (NewService service : request.services()) {
      ids.put(service.name(), Ids.next());
      names.put(service.name(), service.name() + "." + numbers.get(service.name()));
    }
    for (NewService service : plan.parentsFirst()) {
      insert(request, service, plan, ids, names, numbers, tenant, caller, now);
    }
    structure.adopt(plan, ids, names);
    structure.link(plan, ids);
    for (NewService service : request.services()) {
      hooks.define(ids.get(service.name()), tenant.id(), service.hookDefinitions());
    }
    for (NewService service : request.services()) {
      lifecycle.start(
          PROCESS, ids.get(service.name()), names.get(service.name()), variables(request, now));
    }
    String name = names.get(plan.top().name());
    IdempotencyStore.StoredResponse answer =
        new IdempotencyStore.StoredResponse(
            201, LOCATION + name, json.createObjectNode().put("name", name).toString());
    if (idempotencyKey != null) {
      idempotency.save(idempotencyScope(caller), idempotencyKey, fingerprint, answer);
    }
    return answer;
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
      throw new MoabException(
          HttpStatus.FORBIDDEN,
          "tenant: you may not create services in tenant '" + tenant.name() + "'");
    }
    return tenant;
  }

  private void insert(
      CreateRequest request,
      NewService service,
      ServiceStructure.Plan plan,
      Map<String, String> ids,
      Map<String, String> names,
      Map<String, Integer> numbers,
      Tenant tenant,
      Caller caller,
      OffsetDateTime now) {
    String id = ids.get(service.name());
    String parent = plan.parentOf().get(service.name());
    String parentId = parent == null ? null : ids.get(parent);
    String rootId = ids.get(plan.rootOf(service.name()));
    List<String> included = new ArrayList<>();
    for (String child : service.includedServices()) {
      included.add(
          names.getOrDefault(
              child,
              plan.existing().containsKey(child) ? plan.existing().get(child).name() : child));
    }
    ServiceRecord record =
        new ServiceRecord(
            id,
            names.get(service.name()),
            service.type(),
            service.label(),
            request.user() == null ? caller.name() : request.user(),
            request.account(),
            tenant.id(),
            null,
            null,
            parentId,
            parent == null ? null : names.get(parent),
            rootId,
            request.startDateRequested(),
            request.startDateRequested() == null ? now : request.startDateRequested(),
            request.durationRequested(),
            service.attributes().toString(),
            json.valueToTree(service.stepsCompleted()).toString(),
            json.valueToTree(included).toString(),
            null,
            now,
            now,
            null,
            1);
    lifecycle.register(SubjectKind.SERVICE, id, tenant.id());
    services.insert(record, service.name(), numbers.get(service.name()));
  }

  private Map<String, Object> variables(CreateRequest request, OffsetDateTime now) {
    Map<String, Object> variables = new LinkedHashMap<>();
    OffsetDateTime start = request.startDateRequested();
    if (start != null && start.isAfter(now)) {
      variables.put("reserveUntil", start.toInstant().toString());
    }
    if (request.durationRequested() != null) {
      OffsetDateTime from = start != null && start.isAfter(now) ? start : now;
      variables.put(
          "expiresAt", from.plusSeconds(request.durationRequested()).toInstant().toString());
    }
    return variables;
  }
}
