package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.hooks.HookDefinitions.ChangeMode;
import dev.phasekeeper.security.Callers;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Moab's global hook definitions and running hooks. */
@RestController
@RequestMapping(path = "/mws/rest/services", produces = MediaType.APPLICATION_JSON_VALUE)
class HooksController {

  private final GlobalHookDefinitions globals;
  private final RunningHooks running;
  private final HookJson json;
  private final Callers callers;

  HooksController(
      GlobalHookDefinitions globals, RunningHooks running, HookJson json, Callers callers) {
    this.globals = globals;
    this.running = running;
    this.json = json;
    this.callers = callers;
  }

  @GetMapping("/hooks/global-definitions")
  @Operation(summary = "All global hook definitions")
  Page<JsonNode> globalDefinitions(
      @RequestParam(required = false) Integer max, @RequestParam(required = false) Integer offset) {
    return json.page(globals.list(), PageRequest.of(max, offset));
  }

  @GetMapping("/hooks/global-definitions/{idOrName}")
  @Operation(summary = "One global hook definition")
  ObjectNode globalDefinition(@PathVariable String idOrName) {
    return globals.get(idOrName);
  }

  @PostMapping(path = "/hooks/global-definitions", consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Create a global hook definition (an object) or several (an array)")
  ResponseEntity<Object> createGlobal(@RequestBody JsonNode body) {
    requireAdmin();
    List<HookDefinition> created = globals.create(body);
    if (body.isArray()) {
      ArrayNode results = json.definitions(created);
      return ResponseEntity.status(HttpStatus.CREATED).body(json.page(results.size(), results));
    }
    return ResponseEntity.created(
            URI.create("/mws/rest/services/hooks/global-definitions/" + created.get(0).id()))
        .body(json.definition(created.get(0)));
  }

  @PutMapping(path = "/hooks/{idOrName}/global-definitions", consumes = MediaType.ALL_VALUE)
  @Operation(
      summary =
          "Change a global hook definition: add (change the fields given),"
              + " remove (clear the fields given) or set (replace it)")
  ObjectNode changeGlobal(
      @PathVariable String idOrName,
      @RequestParam(name = "change-mode", defaultValue = "set") String changeMode,
      @RequestBody JsonNode body) {
    requireAdmin();
    return json.definition(globals.change(idOrName, body, mode(changeMode)));
  }

  @DeleteMapping("/hooks/global-definitions/{idOrName}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a global hook definition")
  void deleteGlobal(@PathVariable String idOrName) {
    requireAdmin();
    globals.delete(idOrName);
  }

  @PutMapping(consumes = MediaType.ALL_VALUE)
  @Operation(
      summary =
          "With change-mode=remove and {\"hookDefinitions\":[{\"id\":...}]}:"
              + " delete global hook definitions")
  ObjectNode removeGlobals(
      @RequestParam(name = "change-mode") String changeMode, @RequestBody JsonNode body) {
    requireAdmin();
    if (mode(changeMode) != ChangeMode.REMOVE) {
      throw new HooksException(
          HttpStatus.BAD_REQUEST,
          "change-mode: only remove is allowed"
              + " here (to change one service use PUT /mws/rest/services/<id|name>)");
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    globals.removeAll(body).forEach(result.putArray("removed")::add);
    return result;
  }

  @GetMapping("/hooks/running")
  @Operation(summary = "Hook runs: query, sort, max, offset")
  Page<JsonNode> runningHooks(
      @RequestParam(required = false) String query,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) Integer max,
      @RequestParam(required = false) Integer offset) {
    return running.list(query, sort, PageRequest.of(max, offset), callers.current());
  }

  @GetMapping("/hooks/running/{id}")
  @Operation(summary = "One hook run")
  ObjectNode runningHook(@PathVariable String id) {
    return running.get(id, callers.current());
  }

  @PutMapping(path = "/hooks/running/{id}", consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Set the status of a WAITING hook run (change-mode=set)")
  ObjectNode setRunStatus(
      @PathVariable String id,
      @RequestParam(name = "change-mode", defaultValue = "set") String changeMode,
      @RequestBody JsonNode body) {
    if (mode(changeMode) != ChangeMode.SET) {
      throw new HooksException(HttpStatus.BAD_REQUEST, "change-mode: use set");
    }
    return running.setStatus(id, body, callers.current());
  }

  /** Global definitions fire for every tenant's subjects: only admins change them. */
  private void requireAdmin() {
    if (!callers.current().admin()) {
      throw new HooksException(
          HttpStatus.FORBIDDEN, "global hook definitions: only an admin" + " may change them");
    }
  }

  private static ChangeMode mode(String text) {
    try {
      return ChangeMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new HooksException(
          HttpStatus.BAD_REQUEST,
          "change-mode: '" + text + "' is not known (use add, remove or set)");
    }
  }
}
