package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.PhaseHistoryEntry;
import dev.phasekeeper.security.Caller;
import dev.phasekeeper.security.Callers;
import dev.phasekeeper.web.IdempotencyStore;
import dev.phasekeeper.web.JsonFields;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Moab Web Services' services resource, at its documented paths. */
@RestController
@RequestMapping(path = "/mws/rest/services", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Moab services")
class MoabServicesController {

  private static final int MAX_JSON_DEPTH = 64;

  private final ServiceCreation creation;
  private final ServiceQueries queries;
  private final ServiceReader reader;
  private final ServiceOperations operations;
  private final ServiceHooks hooks;
  private final Lifecycle lifecycle;
  private final Callers callers;
  private final LenientJson lenient = new LenientJson(JsonNodeFactory.instance, MAX_JSON_DEPTH);
  private final ObjectMapper json;

  MoabServicesController(
      ServiceCreation creation,
      ServiceQueries queries,
      ServiceReader reader,
      ServiceOperations operations,
      ServiceHooks hooks,
      Lifecycle lifecycle,
      Callers callers,
      ObjectMapper json) {
    this.creation = creation;
    this.queries = queries;
    this.reader = reader;
    this.operations = operations;
    this.hooks = hooks;
    this.lifecycle = lifecycle;
    this.callers = callers;
    this.json = json;
  }

  @PostMapping(consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Create services (a custom service or a data array of services)")
  ResponseEntity<String> create(
      @RequestBody(required = false) String body,
      @RequestHeader(name = IdempotencyStore.HEADER, required = false) String idempotencyKey) {
    IdempotencyStore.StoredResponse answer =
        creation.create(read(body), callers.current(), idempotencyKey);
    return ResponseEntity.status(answer.status())
        .location(URI.create(answer.location()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(answer.body());
  }

  @GetMapping
  @Operation(summary = "List services, with a MongoDB-style query, sort, fields and paging")
  Page<ObjectNode> list(
      @RequestParam(required = false) String query,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String fields,
      @RequestParam(name = "exclude-fields", required = false) String excludeFields,
      @RequestParam(required = false) Integer max,
      @RequestParam(required = false) Integer offset) {
    return queries.list(
        query,
        sort,
        JsonFields.parse("fields", fields),
        JsonFields.parse("exclude-fields", excludeFields),
        PageRequest.of(max, offset),
        callers.current());
  }

  @GetMapping("/{idOrName}")
  @Operation(summary = "Get a service by id or name")
  ResponseEntity<ObjectNode> get(
      @PathVariable String idOrName,
      @RequestParam(required = false) String fields,
      @RequestParam(name = "exclude-fields", required = false) String excludeFields,
      @RequestParam(defaultValue = "false") boolean recursive) {
    ServiceRecord service = reader.find(idOrName, callers.current());
    return ResponseEntity.ok()
        .eTag(reader.etag(service))
        .body(shown(service, fields, excludeFields, recursive));
  }

  @GetMapping("/{idOrName}/root")
  @Operation(summary = "Get the top-level container of a service")
  ObjectNode root(
      @PathVariable String idOrName,
      @RequestParam(required = false) String fields,
      @RequestParam(name = "exclude-fields", required = false) String excludeFields,
      @RequestParam(defaultValue = "false") boolean recursive) {
    ServiceRecord service = reader.find(idOrName, callers.current());
    return shown(reader.root(service), fields, excludeFields, recursive);
  }

  @GetMapping("/vms/{vmId}")
  @Operation(summary = "Get the vm service whose attributes.vmId is the given id")
  ObjectNode byVm(
      @PathVariable String vmId,
      @RequestParam(required = false) String fields,
      @RequestParam(name = "exclude-fields", required = false) String excludeFields,
      @RequestParam(defaultValue = "false") boolean recursive) {
    Caller caller = callers.current();
    ServiceRecord service = reader.findByVm(vmId, caller);
    return shown(service, fields, excludeFields, recursive);
  }

  @GetMapping("/{idOrName}/phases")
  @Operation(summary = "The phase history of a service (from, transition, to, time)")
  Page<ObjectNode> phases(
      @PathVariable String idOrName,
      @RequestParam(required = false) Integer max,
      @RequestParam(required = false) Integer offset) {
    PageRequest page = PageRequest.of(max, offset);
    ServiceRecord service = reader.find(idOrName, callers.current());
    List<ObjectNode> results = new ArrayList<>();
    for (PhaseHistoryEntry entry : lifecycle.history(service.id())) {
      ObjectNode row = json.createObjectNode();
      results.add(row);
      row.put("from", ServiceDocument.capitalised(entry.fromPhase()));
      row.put("transition", entry.transition());
      row.put("to", ServiceDocument.capitalised(entry.toPhase()));
      row.put("time", MoabDates.format(entry.at()));
      row.put("processInstanceId", entry.processInstanceId());
      row.put("note", entry.note());
    }
    return Page.slice(results, page);
  }

  @GetMapping("/{idOrName}/hooks/definitions")
  @Operation(summary = "Global and service hook definitions of a service")
  Page<JsonNode> hookDefinitions(
      @PathVariable String idOrName,
      @RequestParam(required = false) Integer max,
      @RequestParam(required = false) Integer offset) {
    PageRequest page = PageRequest.of(max, offset);
    ServiceRecord service = reader.find(idOrName, callers.current());
    List<JsonNode> results = new ArrayList<>();
    hooks.effective(service.id()).forEach(results::add);
    return Page.slice(results, page);
  }

  @PutMapping(path = "/{idOrName}", consumes = MediaType.ALL_VALUE)
  @Operation(
      summary =
          "Modify label, status, statusCode, attributes, stepsCompleted, hooks;"
              + " move a container to another tenant")
  ResponseEntity<ObjectNode> modify(
      @PathVariable String idOrName,
      @RequestBody(required = false) String body,
      @RequestParam(name = "change-mode", required = false) String changeMode,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    Caller caller = callers.current();
    ObjectNode modified = operations.modify(idOrName, read(body), changeMode, ifMatch, caller);
    ServiceRecord service = reader.find(modified.get("id").asText(), caller);
    return ResponseEntity.ok().eTag(reader.etag(service)).body(modified);
  }

  @PutMapping(path = "/{idOrName}/unblock", consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Unblock a blocked service (retry its failed step, or skip it)")
  List<String> unblock(@PathVariable String idOrName, @RequestBody(required = false) String body) {
    boolean skip = body != null && !body.isBlank() && read(body).path("skip").asBoolean(false);
    return operations.unblock(idOrName, skip, callers.current());
  }

  @PutMapping(path = "/{idOrName}/terminate", consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Terminate a service: end its lifecycle without deleting it")
  List<String> terminate(@PathVariable String idOrName) {
    return operations.terminate(idOrName, callers.current());
  }

  @DeleteMapping("/{idOrName}")
  @Operation(summary = "Delete a service whose lifecycle has ended")
  ObjectNode delete(
      @PathVariable String idOrName,
      @RequestParam(name = "force-delete", defaultValue = "false") boolean force) {
    operations.delete(idOrName, force, callers.current());
    return json.createObjectNode();
  }

  private ObjectNode shown(
      ServiceRecord service, String fields, String excludeFields, boolean recursive) {
    ObjectNode doc = recursive ? reader.renderRecursive(service) : reader.render(service);
    return JsonFields.project(
        doc, JsonFields.parse("fields", fields), JsonFields.parse("exclude-fields", excludeFields));
  }

  private JsonNode read(String body) {
    if (body == null || body.isBlank()) {
      throw new MoabException(HttpStatus.BAD_REQUEST, "body: a JSON object is required");
    }
    try {
      return lenient.read(body);
    } catch (MalformedJsonException e) {
      throw MoabException.badRequest("body: " + e.getMessage());
    }
  }
}
