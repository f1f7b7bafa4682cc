package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.phasekeeper.hooks.HookDefinitions;
import dev.phasekeeper.hooks.HookDefinitions.ChangeMode;
import dev.phasekeeper.hooks.InvalidHookDefinitionException;
import dev.phasekeeper.lifecycle.SubjectKind;
import org.springframework.stereotype.Component;

/** A service's hook definitions, through the hooks module, with Moab's error shape. */
@Component
class ServiceHooks {

  private final HookDefinitions definitions;

  ServiceHooks(HookDefinitions definitions) {
    this.definitions = definitions;
  }

  /**
   * The hook definitions of a service being created. It has none yet, so an empty list changes
   * nothing and is not sent to the hooks module (which would read the service's definitions).
   */
  void define(String serviceId, String tenantId, JsonNode hookDefinitions) {
    if (hookDefinitions != null && hookDefinitions.isArray() && hookDefinitions.isEmpty()) {
      return;
    }
    change(serviceId, tenantId, hookDefinitions, ChangeMode.SET);
  }

  void change(String serviceId, String tenantId, JsonNode hookDefinitions, ChangeMode mode) {
    if (hookDefinitions == null
        || hookDefinitions.isNull()
        || (hookDefinitions.isEmpty() && mode != ChangeMode.SET)) {
      return;
    }
    try {
      definitions.change(SubjectKind.SERVICE, serviceId, tenantId, hookDefinitions, mode);
    } catch (InvalidHookDefinitionException e) {
      throw MoabException.badRequest(e.getMessage());
    }
  }

  ArrayNode own(String serviceId) {
    return definitions.own(serviceId);
  }

  java.util.Map<String, ArrayNode> own(java.util.Collection<String> serviceIds) {
    return definitions.own(serviceIds);
  }

  ArrayNode effective(String serviceId) {
    return definitions.effective(SubjectKind.SERVICE, serviceId);
  }
}
