package dev.phasekeeper.services.internal;

import dev.phasekeeper.lifecycle.Lifecycle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The dependency gates of {@code service-lifecycle.bpmn}: a service deploys after its dependencies
 * (a container: after its children) and cleans after its dependants (a container: after its
 * children). The phase names come from the BPMN.
 *
 * <p>Checks and releases of one service family lock the family's root subject row, so a service
 * that starts waiting and a dependency that reaches its phase cannot miss each other. A service
 * without container and without dependency edges has no family: its gates are open and it releases
 * nobody, which one read tells (most services are such).
 */
@Component("serviceGates")
public class ServiceGates {

  private final ServiceRepository services;
  private final Lifecycle lifecycle;

  ServiceGates(ServiceRepository services, Lifecycle lifecycle) {
    this.services = services;
    this.lifecycle = lifecycle;
  }

  /** Whether every dependency (and child) of the service is in {@code phase}. */
  public boolean dependenciesIn(DelegateExecution execution, String phase) {
    String id = execution.getProcessBusinessKey();
    if (!lockFamily(id)) {
      return true;
    }
    return services.countNotInPhase(services.dependencies(id), phase) == 0;
  }

  /** Whether every explicit dependant and every child of the service is in {@code phase}. */
  public boolean dependantsIn(DelegateExecution execution, String phase) {
    String id = execution.getProcessBusinessKey();
    return !lockFamily(id) || cleanGateOpen(id, phase);
  }

  /** The service reached {@code phase}: wakes dependants whose dependencies are all there. */
  public void releaseDependants(DelegateExecution execution, String phase, String message) {
    String id = execution.getProcessBusinessKey();
    if (!lockFamily(id)) {
      return;
    }
    for (String candidate : services.dependants(id, false)) {
      if (services.countNotInPhase(services.dependencies(candidate), phase) == 0) {
        lifecycle.send(candidate, message, Map.of());
      }
    }
  }

  /** The service reached {@code phase}: wakes dependencies whose dependants are all there. */
  public void releaseDependencies(DelegateExecution execution, String phase, String message) {
    String id = execution.getProcessBusinessKey();
    Optional<ServiceRepository.Placement> placement = services.placement(id);
    if (!lockFamily(placement)) {
      return;
    }
    Set<String> candidates = new LinkedHashSet<>(explicitDependencies(id));
    placement.map(ServiceRepository.Placement::parentId).ifPresent(candidates::add);
    for (String candidate : candidates) {
      if (cleanGateOpen(candidate, phase)) {
        lifecycle.send(candidate, message, Map.of());
      }
    }
  }

  /** A container being cleaned sends terminate to its children, dependants first. */
  public void terminateChildren(DelegateExecution execution) {
    String id = execution.getProcessBusinessKey();
    if (services.placement(id).filter(ServiceRepository.Placement::hasDependencies).isEmpty()) {
      return; // a container depends on its children: without dependencies, no children
    }
    for (String child : dependantsFirst(childIds(id))) {
      lifecycle.send(child, "terminate", Map.of());
    }
  }

  private boolean cleanGateOpen(String id, String phase) {
    List<String> waitFor = new ArrayList<>(services.dependants(id, true));
    waitFor.addAll(childIds(id));
    return services.countNotInPhase(waitFor, phase) == 0;
  }

  private List<String> childIds(String id) {
    return services.childIds(id);
  }

  private List<String> explicitDependencies(String id) {
    List<String> children = childIds(id);
    return services.dependencies(id).stream().filter(d -> !children.contains(d)).toList();
  }

  /** Orders siblings so that a service comes before the services it depends on. */
  private List<String> dependantsFirst(List<String> siblings) {
    List<String> ordered = new ArrayList<>();
    Set<String> visited = new LinkedHashSet<>();
    for (String sibling : siblings) {
      visitDependantsFirst(sibling, siblings, visited, ordered);
    }
    return ordered;
  }

  private void visitDependantsFirst(
      String id, List<String> siblings, Set<String> visited, List<String> ordered) {
    if (!visited.add(id)) {
      return;
    }
    for (String dependant : services.dependants(id, true)) {
      if (siblings.contains(dependant)) {
        visitDependantsFirst(dependant, siblings, visited, ordered);
      }
    }
    ordered.add(id);
  }

  /** Locks the family's root subject row. @return false when the service has no family */
  private boolean lockFamily(String id) {
    return lockFamily(services.placement(id));
  }

  private boolean lockFamily(Optional<ServiceRepository.Placement> placement) {
    if (placement.isEmpty() || placement.get().alone()) {
      return false;
    }
    lifecycle.lock(placement.get().rootId());
    return true;
  }
}
