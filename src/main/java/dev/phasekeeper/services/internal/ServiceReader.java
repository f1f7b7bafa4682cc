package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.security.Caller;
import dev.phasekeeper.security.Tenant;
import dev.phasekeeper.security.Tenants;
import dev.phasekeeper.web.Ids;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds services by id or name for a caller, and renders them. */
@Component
class ServiceReader {

  private final ServiceRepository services;
  private final Lifecycle lifecycle;
  private final Tenants tenants;
  private final ServiceDocument documents;
  private final ServiceHooks hooks;

  ServiceReader(
      ServiceRepository services,
      Lifecycle lifecycle,
      Tenants tenants,
      ServiceDocument documents,
      ServiceHooks hooks) {
    this.services = services;
    this.lifecycle = lifecycle;
    this.tenants = tenants;
    this.documents = documents;
    this.hooks = hooks;
  }

  /**
   * The live service with this 24-character id or this name that the caller may see; failing that,
   * the newest one the caller may see that was created with this name (before its {@code .N}
   * suffix), as the seed's examples address {@code myStorageService}.
   *
   * @throws MoabException 404 otherwise (also for another tenant's service, which is not told apart
   *     from a missing one)
   */
  ServiceRecord find(String idOrName, Caller caller) {
    Optional<ServiceRecord> found =
        Ids.isValid(idOrName)
            ? services.findById(idOrName).or(() -> services.findByName(idOrName))
            : services.findByName(idOrName);
    return found
        .filter(service -> !service.isDeleted())
        .filter(service -> caller.canAccess(service.tenantId()))
        .or(
            () ->
                services.findLiveByBaseName(idOrName).stream()
                    .filter(service -> caller.canAccess(service.tenantId()))
                    .findFirst())
        .orElseThrow(() -> MoabException.notFound(idOrName));
  }

  ServiceRecord findByVm(String vmId, Caller caller) {
    return services
        .findByVm(vmId)
        .filter(service -> caller.canAccess(service.tenantId()))
        .orElseThrow(
            () ->
                new MoabException(
                    org.springframework.http.HttpStatus.NOT_FOUND,
                    "no vm service has attributes.vmId '" + vmId + "'"));
  }

  /** Renders a page of services with one look-up for all their hook definitions. */
  List<ObjectNode> render(List<ServiceRepository.ListedService> page) {
    Map<String, ArrayNode> hookDefinitions =
        hooks.own(page.stream().map(listed -> listed.service().id()).toList());
    return page.stream()
        .map(
            listed ->
                documents.render(
                    listed.service(),
                    listed.subject(),
                    listed.tenant(),
                    hookDefinitions.get(listed.service().id())))
        .toList();
  }

  ObjectNode render(ServiceRecord service) {
    Subject subject = lifecycle.find(service.id()).orElse(null);
    Tenant tenant =
        service.tenantId() == null ? null : tenants.findById(service.tenantId()).orElse(null);
    ArrayNode own = hooks.own(service.id());
    return documents.render(service, subject, tenant, own);
  }

  /** The service, with its included services rendered in full, recursively. */
  ObjectNode renderRecursive(ServiceRecord service) {
    ObjectNode doc = render(service);
    ArrayNode included = doc.putArray("includedServices");
    for (ServiceRecord child : services.children(service.id())) {
      included.add(renderRecursive(child));
    }
    return doc;
  }

  ServiceRecord root(ServiceRecord service) {
    return services.findById(service.rootId()).orElse(service);
  }

  String etag(ServiceRecord service) {
    int phaseVersion = lifecycle.find(service.id()).map(Subject::version).orElse(0);
    return "\"" + service.version() + "." + phaseVersion + "\"";
  }
}
