package dev.phasekeeper.services.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Containment and dependencies of the services of a create request: who contains whom, which
 * existing services a new container adopts, and who depends on whom. A cycle is refused.
 */
@Component
class ServiceStructure {

  private final ServiceRepository services;
  private final Clock clock;

  ServiceStructure(ServiceRepository services, Clock clock) {
    this.services = services;
    this.clock = clock;
  }

  /**
   * @param parentOf container of each service of the request (requested names)
   * @param existing existing services the request includes, by the name it uses for them
   * @param dependencies explicit dependencies by requested (or existing) name
   */
  record Plan(
      List<NewService> parentsFirst,
      Map<String, String> parentOf,
      Map<String, ServiceRecord> existing,
      Map<String, List<String>> dependencies) {

    NewService top() {
      return parentsFirst.get(0);
    }

    String rootOf(String name) {
      String current = name;
      while (parentOf.containsKey(current)) {
        current = parentOf.get(current);
      }
      return current;
    }
  }

  Plan plan(CreateRequest request, String tenantId) {
    Map<String, NewService> byName = new LinkedHashMap<>();
    request.services().forEach(s -> byName.put(s.name(), s));
    Map<String, String> parentOf = new HashMap<>();
    Map<String, ServiceRecord> existing = new HashMap<>();
    for (NewService container : request.services()) {
      for (String child : container.includedServices()) {
        if (byName.containsKey(child)) {
          String previous = parentOf.put(child, container.name());
          if (previous != null && !previous.equals(container.name())) {
            throw MoabException.badRequest(
                container.name()
                    + ".includedServices: '"
                    + child
                    + "' is already included by '"
                    + previous
                    + "'");
          }
        } else {
          existing.put(child, existingService(container.name(), child, tenantId));
        }
      }
    }
    for (Map.Entry<String, List<String>> entry : request.dependencies().entrySet()) {
      for (String name : concat(entry.getKey(), entry.getValue())) {
        if (!byName.containsKey(name) && !existing.containsKey(name)) {
          throw MoabException.badRequest(
              "attributes.moab.dependencies: '" + name + "' is not a service of this request");
        }
      }
    }
    refuseCycles(request, parentOf, existing.keySet());
    List<NewService> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    for (NewService service : request.services()) {
      if (!parentOf.containsKey(service.name())) {
        addWithChildren(service, byName, placed, ordered);
      }
    }
    return new Plan(ordered, parentOf, existing, request.dependencies());
  }

  /** Makes the existing services a new container includes its children. */
  void adopt(Plan plan, Map<String, String> ids, Map<String, String> names) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (NewService container : plan.parentsFirst()) {
      for (String child : container.includedServices()) {
        ServiceRecord adopted = plan.existing().get(child);
        if (adopted != null) {
          String rootId = ids.get(plan.rootOf(container.name()));
          moveUnder(adopted, ids.get(container.name()), names.get(container.name()), rootId, now);
        }
      }
    }
  }

  private void moveUnder(
      ServiceRecord service,
      String parentId,
      String parentName,
      String rootId,
      OffsetDateTime now) {
    if (!services.updatePlacement(
        service.withPlacement(parentId, parentName, rootId, service.tenantId()), now)) {
      // RetriedTransactions runs the create again, which then sees what changed
      throw new OptimisticLockingFailureException(
          "service '" + service.name() + "' changed while a new container was adopting it");
    }
    for (ServiceRecord grandchild : services.children(service.id())) {
      moveUnder(grandchild, grandchild.parentId(), grandchild.parentName(), rootId, now);
    }
  }

  /** Writes the dependency edges: container on each child, and the explicit ones. */
  void link(Plan plan, Map<String, String> ids) {
    for (NewService container : plan.parentsFirst()) {
      for (String child : container.includedServices()) {
        services.addDependency(ids.get(container.name()), idOf(child, plan, ids), false);
      }
    }
    Set<String> written = new HashSet<>();
    for (Map.Entry<String, List<String>> entry : plan.dependencies().entrySet()) {
      String dependant = idOf(entry.getKey(), plan, ids);
      for (String on : entry.getValue()) {
        String dependency = idOf(on, plan, ids);
        if (written.add(dependant + ">" + dependency)
            && !services.dependencies(dependant).contains(dependency)) {
          services.addDependency(dependant, dependency, true);
        }
      }
    }
  }

  private static String idOf(String name, Plan plan, Map<String, String> ids) {
    return ids.containsKey(name) ? ids.get(name) : plan.existing().get(name).id();
  }

  private ServiceRecord existingService(String container, String name, String tenantId) {
    ServiceRecord found =
        services
            .findByName(name)
            .filter(s -> tenantId.equals(s.tenantId()) && !s.isDeleted())
            .or(() -> services.findNewestByBaseName(name, tenantId))
            .orElseThrow(
                () ->
                    MoabException.badRequest(
                        container
                            + ".includedServices: '"
                            + name
                            + "' is neither a service of this request nor an existing service of the tenant"));
    if (found.parentId() != null) {
      throw MoabException.badRequest(
          container
              + ".includedServices: '"
              + found.name()
              + "' already belongs to container '"
              + found.parentName()
              + "'");
    }
    return found;
  }

  private static void refuseCycles(
      CreateRequest request, Map<String, String> parentOf, Set<String> existing) {
    Map<String, Set<String>> edges = new HashMap<>();
    request
        .dependencies()
        .forEach(
            (dependant, on) ->
                edges.computeIfAbsent(dependant, k -> new LinkedHashSet<>()).addAll(on));
    for (NewService container : request.services()) {
      edges
          .computeIfAbsent(container.name(), k -> new LinkedHashSet<>())
          .addAll(container.includedServices());
    }
    Set<String> done = new HashSet<>();
    for (String start : edges.keySet()) {
      Deque<String> path = new ArrayDeque<>();
      findCycle(start, edges, done, path, new HashSet<>());
    }
  }

  private static void findCycle(
      String node,
      Map<String, Set<String>> edges,
      Set<String> done,
      Deque<String> path,
      Set<String> onPath) {
    if (done.contains(node)) {
      return;
    }
    if (!onPath.add(node)) {
      List<String> cycle = new ArrayList<>(path);
      cycle = cycle.subList(cycle.indexOf(node), cycle.size());
      throw MoabException.badRequest(
          "attributes.moab.dependencies: dependency cycle "
              + String.join(" -> ", cycle)
              + " -> "
              + node);
    }
    path.addLast(node);
    for (String next : edges.getOrDefault(node, Set.of())) {
      findCycle(next, edges, done, path, onPath);
    }
    path.removeLast();
    onPath.remove(node);
    done.add(node);
  }

  private static void addWithChildren(
      NewService service,
      Map<String, NewService> byName,
      Set<String> placed,
      List<NewService> ordered) {
    if (!placed.add(service.name())) {
      return;
    }
    ordered.add(service);
    for (String child : service.includedServices()) {
      NewService included = byName.get(child);
      if (included != null) {
        addWithChildren(included, byName, placed, ordered);
      }
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
