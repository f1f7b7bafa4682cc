package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every example request of the seed's services section, sent as the seed prints it (bodies in
 * {@code src/test/resources/seeds/moab/}), and what Phasekeeper answers.
 */
class MoabSeedExamplesTest extends MoabRestTestSupport {

  private static final String NAME_SUFFIX = "\\.\\d+";
  private static final String MOAB_DATE = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC";

  @Test
  void shouldCreateTheSeedsCustomServiceAndDeployItsSevenServicesContainerLast() {
    MoabHttp.Response created =
        http.post(MoabHttp.SERVICES + "?api-version=3", seed("create-custom-service.json"));

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String top = created.body().get("name").asText();
    assertThat(top).matches("myNewService" + NAME_SUFFIX);
    assertThat(created.body().size()).isEqualTo(1);
    assertThat(created.header("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/mws/rest/services/" + top));

    JsonNode container = service(top);
    assertThat(container.get("type").asText()).isEqualTo("container");
    assertThat(container.get("label").asText()).isEqualTo("My New Service");
    assertThat(container.get("user").asText()).isEqualTo("adaptive");
    assertThat(container.get("account").asText()).isEqualTo("cloud");
    assertThat(container.at("/tenant/name").asText()).isEqualTo("Research");
    assertThat(container.at("/tenant/id").asText()).isEqualTo("1234567890abcdef12345678");
    assertThat(container.get("startDateRequested").asText()).isEqualTo("2011-11-08 20:18:47 UTC");
    assertThat(container.get("durationRequested").asLong()).isEqualTo(86400);
    assertThat(container.get("parent").isNull()).isTrue();
    assertThat(container.get("dateCreated").asText()).matches(MOAB_DATE);
    assertThat(container.get("id").asText()).matches("[0-9a-f]{24}");
    assertThat(container.at("/attributes/sharedData/extraAttribute2").asText())
        .isEqualTo("Another arbitrary value");
    assertThat(container.at("/attributes/moab/job/nodeSet/values/0").asText())
        .isEqualTo("datacenter4");
    List<String> included = texts(container.get("includedServices"));
    assertThat(included).hasSize(3);
    assertThat(included.get(0)).matches("myVmContainer" + NAME_SUFFIX);
    assertThat(included.get(1)).matches("myNetworkStorageWorkflow" + NAME_SUFFIX);
    assertThat(included.get(2)).matches("myPmContainer" + NAME_SUFFIX);

    Map<String, String> parents = new LinkedHashMap<>();
    for (String child : included) {
      parents.put(child, top);
    }
    JsonNode vmContainer = service(included.get(0));
    List<String> vmChildren = texts(vmContainer.get("includedServices"));
    assertThat(vmChildren)
        .satisfiesExactly(
            name -> assertThat(name).matches("myVmWorkflow" + NAME_SUFFIX),
            name -> assertThat(name).matches("myOsStorageWorkflow" + NAME_SUFFIX));
    vmChildren.forEach(name -> parents.put(name, included.get(0)));
    List<String> pmChildren = texts(service(included.get(2)).get("includedServices"));
    assertThat(pmChildren).singleElement().asString().matches("myPmWorkflow" + NAME_SUFFIX);
    parents.put(pmChildren.get(0), included.get(2));
    assertThat(parents).hasSize(6);
    parents.forEach(
        (child, parent) ->
            assertThat(service(child).get("parent").asText()).as(child).isEqualTo(parent));
    assertThat(service(vmChildren.get(0)).get("type").asText()).isEqualTo("vm");
    assertThat(service(pmChildren.get(0)).at("/attributes/moab/job/template").asText())
        .isEqualTo("genericPM");

    await()
        .atMost(PHASE_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              JsonNode tree =
                  http.get(MoabHttp.SERVICES + "/" + top + "?api-version=3&recursive=true").body();
              Map<String, String> phases = new LinkedHashMap<>();
              collectPhases(tree, phases);
              assertThat(phases).hasSize(7);
              if (phases.get(top).equals("Deployed")) {
                // the container is read first: once it is deployed every service inside must be
                assertThat(phases.values()).containsOnly("Deployed");
              }
              assertThat(phases.values()).as(phases.toString()).containsOnly("Deployed");
            });
    String containerDeployed = enteredAt(top, "Deployed");
    for (String child : parents.keySet()) {
      assertThat(enteredAt(child, "Deployed")).as(child).isLessThanOrEqualTo(containerDeployed);
    }
    // myVmWorkflow depends on myOsStorageWorkflow and on myNetworkStorageWorkflow
    assertThat(enteredAt(vmChildren.get(1), "Deployed"))
        .isLessThanOrEqualTo(enteredAt(vmChildren.get(0), "Deployed"));
    assertThat(enteredAt(included.get(1), "Deployed"))
        .isLessThanOrEqualTo(enteredAt(vmChildren.get(0), "Deployed"));
  }

  @Test
  void shouldAnswerTheSeedsGetAllQueriesForBob() {
    String tenant = unique("bobs");
    String top = create(bobsServices(tenant));
    List<String> children = texts(service(top).get("includedServices"));
    assertThat(top).matches("bobService" + NAME_SUFFIX);

    // query={user:"bob"}, the key unquoted as the seed writes it
    JsonNode bobs = list("{user:\"bob\"}", "");
    assertThat(bobs.get("totalCount").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(bobs.get("resultCount").asInt()).isEqualTo(bobs.get("results").size());
    bobs.get("results").forEach(s -> assertThat(s.get("user").asText()).isEqualTo("bob"));
    JsonNode mine = list("{user:\"bob\",\"tenant.name\":\"" + tenant + "\"}", "");
    assertThat(mine.get("totalCount").asInt()).isEqualTo(3);
    assertThat(names(mine)).containsExactlyInAnyOrder(top, children.get(0), children.get(1));
    JsonNode machine = find(mine, children.get(0));
    assertThat(machine.get("type").asText()).isEqualTo("vm");
    assertThat(machine.get("label").asText()).isEqualTo("bobs machine");
    assertThat(machine.get("account").asText()).isEqualTo("bamboo");
    assertThat(machine.get("parent").asText()).isEqualTo(top);
    assertThat(machine.get("stepsCompleted").isArray()).isTrue();
    assertThat(machine.get("hookDefinitions")).isEmpty();

    // query={"user":"bob","parent":{"$type":10}}: bob's top-level services
    JsonNode topLevel = list("{\"user\":\"bob\",\"parent\":{\"$type\":10}}", "");
    topLevel
        .get("results")
        .forEach(
            s -> {
              assertThat(s.get("user").asText()).isEqualTo("bob");
              assertThat(s.get("parent").isNull()).isTrue();
            });
    assertThat(names(topLevel)).contains(top).doesNotContainAnyElementsOf(children);
    assertThat(
            names(
                list(
                    "{\"user\":\"bob\",\"parent\":{\"$type\":10},\"tenant.name\":\""
                        + tenant
                        + "\"}",
                    "")))
        .containsExactly(top);

    // query={"user":"bob","parent":"bobService.1"}: its direct children
    JsonNode direct = list("{\"user\":\"bob\",\"parent\":\"" + top + "\"}", "");
    assertThat(names(direct)).containsExactlyInAnyOrderElementsOf(children);
  }

  @Test
  void shouldAcceptTheSeedsQueryTypedIntoTheUrlUnencoded() throws Exception {
    String tenant = unique("rawurl");
    create(bobsServices(tenant));
    String target =
        MoabHttp.SERVICES
            + "?api-version=3&query={\"user\":\"bob\",\"tenant.name\":\""
            + tenant
            + "\"}&sort={\"name\":1}";

    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + target
                      + " HTTP/1.1\r\nHost: localhost\r\n"
                      + "X-Api-Key: "
                      + MoabHttp.ADMIN_KEY
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String response =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 200").contains("\"totalCount\":3");
    }
  }

  @Test
  void shouldReturnOnlyTheRequestedFields() {
    String tenant = unique("fields");
    String top = create(bobsServices(tenant));

    MoabHttp.Response onlyNames = http.get(MoabHttp.SERVICES + "?api-version=3&fields=name");
    assertThat(onlyNames.status()).isEqualTo(200);
    assertThat(onlyNames.body().get("totalCount").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(onlyNames.body().get("results"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(fieldNames(s)).containsExactly("name"));

    MoabHttp.Response three = http.get(MoabHttp.SERVICES + "?api-version=3&fields=name,type,user");
    assertThat(three.status()).isEqualTo(200);
    assertThat(three.body().get("results"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(fieldNames(s)).containsExactly("name", "type", "user"));

    JsonNode mine = list("{\"tenant.name\":\"" + tenant + "\"}", "&fields=name,type,user");
    assertThat(find(mine, top).toString())
        .isEqualTo("{\"name\":\"" + top + "\",\"type\":\"container\",\"user\":\"bob\"}");
    assertThat(mine.get("results"))
        .extracting(s -> s.get("type").asText())
        .containsExactlyInAnyOrder("container", "vm", "storage");

    JsonNode excluded =
        list("{\"tenant.name\":\"" + tenant + "\"}", "&exclude-fields=attributes,tenant");
    assertThat(excluded.get("results"))
        .allSatisfy(
            s -> {
              assertThat(s.has("attributes")).isFalse();
              assertThat(s.has("tenant")).isFalse();
              assertThat(s.has("name")).isTrue();
            });
  }

  @Test
  void shouldGetASingleServiceByIdByNameAndByTheNameItWasCreatedWith() {
    String tenant = unique("single");
    String base = unique("centos6VmPlusStorage");
    String vmBase = unique("centos6Vm");
    String top = create(vmPlusStorage(tenant, base, vmBase));
    JsonNode byName = service(top);
    String id = byName.get("id").asText();

    MoabHttp.Response byId = http.get(MoabHttp.SERVICES + "/" + id + "?api-version=3");
    assertThat(byId.status()).isEqualTo(200);
    assertThat(byId.body().get("name").asText()).isEqualTo(top);
    assertThat(byId.body().get("id").asText()).isEqualTo(id);
    assertThat(service(base).get("id").asText()).as("the name without its .N").isEqualTo(id);

    MoabHttp.Response recursive =
        http.get(MoabHttp.SERVICES + "/" + top + "?api-version=3&recursive=true");
    assertThat(recursive.body().get("includedServices"))
        .hasSize(2)
        .allSatisfy(
            child -> {
              assertThat(child.isObject()).isTrue();
              assertThat(child.get("parent").asText()).isEqualTo(top);
            });
  }

  @Test
  void shouldGetTheRootServiceWithTheSeedsFields() {
    String tenant = unique("root");
    String base = unique("centos6VmPlusStorage");
    String vmBase = unique("centos6Vm");
    String top = create(vmPlusStorage(tenant, base, vmBase));
    List<String> included = texts(service(top).get("includedServices"));

    // GET /services/centos6Vm/root?api-version=3&fields=name,type,includedServices
    MoabHttp.Response root =
        http.get(
            MoabHttp.SERVICES
                + "/"
                + vmBase
                + "/root?api-version=3&fields=name,type,includedServices");

    assertThat(root.status()).as(root.text()).isEqualTo(200);
    assertThat(fieldNames(root.body())).containsExactly("name", "type", "includedServices");
    assertThat(root.body().get("name").asText()).isEqualTo(top);
    assertThat(root.body().get("type").asText()).isEqualTo("container");
    assertThat(texts(root.body().get("includedServices"))).isEqualTo(included);
    assertThat(
            http.get(MoabHttp.SERVICES + "/" + top + "/root?api-version=3&fields=name")
                .body()
                .get("name")
                .asText())
        .as("a top-level service is its own root")
        .isEqualTo(top);
  }

  @Test
  void shouldFindTheServiceOfAVirtualMachine() {
    String vmId = unique("vm12");
    String name =
        create(
            serviceJson(
                unique("vms"),
                "centos6Vm",
                "vm",
                "\"attributes\":{\"vmId\":\"" + vmId + "\",\"other\":1}"));

    MoabHttp.Response found =
        http.get(
            MoabHttp.SERVICES + "/vms/" + vmId + "?api-version=3&fields=name,type,attributes.vmId");

    assertThat(found.status()).as(found.text()).isEqualTo(200);
    assertThat(found.body().toString())
        .isEqualTo(
            "{\"name\":\""
                + name
                + "\",\"type\":\"vm\",\"attributes\":{\"vmId\":\""
                + vmId
                + "\"}}");
    MoabHttp.Response missing =
        http.get(MoabHttp.SERVICES + "/vms/" + unique("novm") + "?api-version=3");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.messages()).contains("vmId");
  }

  @Test
  void shouldModifyAServiceAsTheSeedShowsAndKeepItsMoabAttributes() {
    String base = unique("myStorageService");
    String name =
        create(
            serviceJson(
                unique("modify"),
                base,
                "storage",
                "\"label\":\"before\",\"attributes\":{\"mount\":\"/old\",\"kept\":true,"
                    + "\"moab\":{\"jobRequested\":{\"template\":\"extraStorage\","
                    + "\"resources\":{\"gold\":2500}}}}"));

    // PUT /services/myStorageService?api-version=3
    MoabHttp.Response modified =
        http.put(MoabHttp.SERVICES + "/" + base + "?api-version=3", seed("modify-service.json"));

    assertThat(modified.status()).as(modified.text()).isEqualTo(200);
    for (JsonNode doc : List.of(modified.body(), service(name))) {
      assertThat(doc.get("name").asText()).isEqualTo(name);
      assertThat(doc.get("label").asText()).isEqualTo("My Service");
      assertThat(doc.get("status").asText()).isEqualTo("Done provisioning!");
      assertThat(doc.get("statusCode").asLong()).isEqualTo(200);
      assertThat(doc.at("/attributes/mount").asText()).isEqualTo("/mnt/myMount");
      assertThat(doc.at("/attributes/size").asText()).isEqualTo("2500");
      assertThat(doc.at("/attributes/sharedData/extraAttribute").asText())
          .isEqualTo("Some arbitrary value");
      assertThat(doc.at("/attributes/kept").asBoolean()).isTrue();
      assertThat(doc.at("/attributes/moab/jobRequested/template").asText())
          .isEqualTo("extraStorage");
      assertThat(doc.at("/attributes/moab/jobRequested/resources/gold").asInt()).isEqualTo(2500);
    }
  }

  @Test
  void shouldUnblockAServiceWhoseStepFailedOnceTheStepIsFixed() {
    String type = unique("genericVM");
    writeStep(type, "deploy", "#!/bin/sh\necho 'no hypervisor answers' >&2\nexit 1\n");
    String name = create(serviceJson(unique("unblock"), "genericVM", type, ""));
    awaitPhase(name, "Blocked");
    JsonNode blocked = service(name);
    assertThat(blocked.at("/blockedReason/step").asText()).isEqualTo("deploy");
    assertThat(blocked.at("/blockedReason/exitCode").asInt()).isEqualTo(1);
    assertThat(blocked.at("/blockedReason/stderr").asText()).contains("no hypervisor answers");
    assertThat(blocked.get("blockedSince").asText()).matches(MOAB_DATE);

    writeStep(type, "deploy", "#!/bin/sh\nexit 0\n");
    // PUT /services/genericVM/unblock?api-version=3
    MoabHttp.Response unblocked =
        http.put(MoabHttp.SERVICES + "/" + name + "/unblock?api-version=3", null);

    assertThat(unblocked.status()).as(unblocked.text()).isEqualTo(200);
    assertThat(unblocked.body().isArray()).isTrue();
    assertThat(unblocked.body())
        .singleElement()
        .satisfies(action -> assertThat(action.asText()).contains("deploy"));
    awaitPhase(name, "Deployed");
    assertThat(service(name).has("blockedReason")).isFalse();
    assertThat(transitions(name))
        .containsSubsequence(
            "Deploying-block->Blocked", "Blocked-unblock->Deploying", "Deploying-deploy->Deployed");
  }

  @Test
  void shouldSkipTheFailedStepWhenUnblockSaysSkip() {
    String type = unique("brokenVM");
    writeStep(type, "deploy", "#!/bin/sh\nexit 3\n");
    String name = create(serviceJson(unique("skip"), "skipped", type, ""));
    awaitPhase(name, "Blocked");

    MoabHttp.Response skipped =
        http.put(MoabHttp.SERVICES + "/" + name + "/unblock?api-version=3", "{\"skip\":true}");

    assertThat(skipped.status()).as(skipped.text()).isEqualTo(200);
    assertThat(skipped.body().get(0).asText()).contains("skip");
    awaitPhase(name, "Deployed");
    JsonNode history = http.get(MoabHttp.SERVICES + "/" + name + "/phases?api-version=3").body();
    assertThat(history.get("results"))
        .anySatisfy(
            entry -> {
              assertThat(entry.get("transition").asText()).isEqualTo("unblock");
              assertThat(entry.get("note").asText()).contains("skipped");
            });
  }

  @Test
  void shouldTerminateThenDeleteAServiceAsTheSeedShows() {
    String name = create(serviceJson(unique("terminate"), "genericVM", "vm", ""));
    awaitPhase(name, "Deployed");

    // PUT /services/genericVM/terminate?api-version=3
    MoabHttp.Response terminated =
        http.put(MoabHttp.SERVICES + "/" + name + "/terminate?api-version=3", null);

    assertThat(terminated.status()).as(terminated.text()).isEqualTo(200);
    assertThat(terminated.body().isArray()).isTrue();
    assertThat(terminated.body().get(0).asText()).contains(name);
    awaitPhase(name, "Terminated");

    MoabHttp.Response deleted = http.delete(MoabHttp.SERVICES + "/" + name + "?api-version=3");
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    assertThat(deleted.body().toString()).isEqualTo("{}");
    MoabHttp.Response gone = http.get(MoabHttp.SERVICES + "/" + name + "?api-version=3");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.messages()).contains(name);
  }

  @Test
  void shouldGetAndChangeStepsCompletedAsTheSeedShows() {
    String name =
        create(
            serviceJson(unique("steps"), "myService", "storage", "\"stepsCompleted\":[\"step0\"]"));

    MoabHttp.Response steps =
        http.get(MoabHttp.SERVICES + "/" + name + "?api-version=3&fields=stepsCompleted");
    assertThat(steps.status()).isEqualTo(200);
    assertThat(steps.body().toString()).isEqualTo("{\"stepsCompleted\":[\"step0\"]}");

    // PUT ...?api-version=3&change-mode=add with {stepsCompleted=>["step1"]}
    MoabHttp.Response added =
        http.put(
            MoabHttp.SERVICES + "/" + name + "?api-version=3&change-mode=add",
            seed("modify-steps-completed.json"));
    assertThat(added.status()).as(added.text()).isEqualTo(200);
    assertThat(texts(added.body().get("stepsCompleted"))).containsExactly("step0", "step1");
    assertThat(added.body().get("name").asText()).isEqualTo(name);

    MoabHttp.Response removed =
        http.put(
            MoabHttp.SERVICES + "/" + name + "?api-version=3&change-mode=remove",
            "{\"stepsCompleted\":[\"step0\"]}");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(texts(removed.body().get("stepsCompleted"))).containsExactly("step1");

    MoabHttp.Response set =
        http.put(
            MoabHttp.SERVICES + "/" + name + "?api-version=3&change-mode=set",
            "{\"stepsCompleted\":[\"a\",\"b\"]}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(texts(service(name).get("stepsCompleted"))).containsExactly("a", "b");
  }

  @Test
  void shouldMoveAContainerAndItsChildrenToAnotherTenant() {
    String from = unique("movefrom");
    String to = unique("moveto");
    String top =
        create(
            "{\"tenant\":{\"name\":\""
                + from
                + "\"},\"data\":["
                + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\"inner\"]},"
                + "{\"name\":\"inner\",\"type\":\"vm\"}]}");
    String child = texts(service(top).get("includedServices")).get(0);
    String toId = service(create(serviceJson(to, "elsewhere", "vm", ""))).at("/tenant/id").asText();

    // the seed's body, its broken quote included, naming an existing tenant by id and name
    MoabHttp.Response moved =
        http.put(
            MoabHttp.SERVICES + "/" + top + "?api-version=3",
            "{\n   \"tenant\": {\n      \"id\":"
                + toId
                + "\",\n      \"name\": \""
                + to
                + "\"\n   }\n}");

    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    assertThat(moved.body().at("/tenant/name").asText()).isEqualTo(to);
    assertThat(service(top).at("/tenant/id").asText()).isEqualTo(toId);
    assertThat(service(child).at("/tenant/name").asText()).isEqualTo(to);
    assertThat(countInTenant(from)).isZero();
    assertThat(countInTenant(to)).isEqualTo(3);
  }

  @Test
  void shouldRefuseTheSeedsMoveWhenItsTenantIdAndNameDisagree() {
    String from = unique("movefrom");
    String top =
        create(
            "{\"tenant\":{\"name\":\""
                + from
                + "\"},\"data\":["
                + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\"inner\"]},"
                + "{\"name\":\"inner\",\"type\":\"vm\"}]}");

    // the seed's create example makes 1234567890abcdef12345678 the id of tenant "Research"
    create(
        "{\"tenant\":{\"id\":\"1234567890abcdef12345678\",\"name\":\"Research\"},"
            + "\"name\":\"researchAnchor\",\"type\":\"vm\"}");
    MoabHttp.Response moved =
        http.put(MoabHttp.SERVICES + "/" + top + "?api-version=3", seed("move-service.json"));

    assertThat(moved.status()).as(moved.text()).isEqualTo(400);
    assertThat(moved.messages()).contains("tenant", "Research", "ResearchGroup");
    assertThat(countInTenant(from)).isEqualTo(2);
  }

  @Test
  void shouldCreateTheSeedsServiceWithAHookAndItsContainer() {
    String vm = create(seed("create-service-with-hook.json"));
    assertThat(vm).matches("vm1" + NAME_SUFFIX);
    JsonNode created = service(vm);
    assertThat(created.at("/tenant/name").asText()).isEqualTo("Gryffindor");
    assertThat(created.at("/attributes/moab/job/resources/procs").asText()).isEqualTo("2");
    assertThat(created.get("hookDefinitions"))
        .anySatisfy(hook -> assertThat(hook.get("name").asText()).isEqualTo("myHook"));

    String box = create(seed("create-container-service.json"));

    assertThat(box).matches("vmGreat" + NAME_SUFFIX);
    JsonNode container = service(box);
    assertThat(container.get("type").asText()).isEqualTo("container");
    assertThat(container.get("user").asText()).isEqualTo("rweasley");
    assertThat(texts(container.get("includedServices"))).containsExactly(vm);
    assertThat(service(vm).get("parent").asText()).isEqualTo(box);
    awaitPhase(box, "Deployed");
    JsonNode definitions =
        http.get(MoabHttp.SERVICES + "/" + vm + "/hooks/definitions?api-version=3").body();
    assertThat(definitions.get("results"))
        .anySatisfy(
            hook -> {
              assertThat(hook.get("name").asText()).isEqualTo("myHook");
              assertThat(hook.get("global").asBoolean()).isFalse();
            });
    String vmId = created.get("id").asText();
    await()
        .atMost(PHASE_TIMEOUT)
        .untilAsserted(
            () -> {
              JsonNode runs =
                  http.get(
                          "/mws/rest/services/hooks/running?api-version=3&query="
                              + MoabHttp.encode("{\"serviceId\":\"" + vmId + "\"}"))
                      .body();
              assertThat(runs.path("results"))
                  .anySatisfy(
                      run ->
                          assertThat(run.get("status").asText())
                              .isEqualToIgnoringCase("succeeded"));
            });
  }

  /** The seed's centos6VmPlusStorage container with its vm and storage, under unique names. */
  private static String vmPlusStorage(String tenant, String base, String vmBase) {
    return "{\"tenant\":{\"name\":\""
        + tenant
        + "\"},\"data\":["
        + "{\"name\":\""
        + base
        + "\",\"type\":\"container\",\"includedServices\":[\""
        + vmBase
        + "\",\"centos6Storage\"]},"
        + "{\"name\":\""
        + vmBase
        + "\",\"type\":\"vm\"},"
        + "{\"name\":\"centos6Storage\",\"type\":\"storage\"}]}";
  }

  static String bobsServices(String tenant) {
    return "{\"tenant\":{\"name\":\""
        + tenant
        + "\"},\"user\":\"bob\",\"account\":\"bamboo\","
        + "\"data\":[{\"name\":\"bobService\",\"type\":\"container\",\"includedServices\":"
        + "[\"machine0\",\"OSStoremachine0\"],\"attributes\":{\"moab\":{\"dependencies\":"
        + "[{\"service\":\"machine0\",\"dependency\":[\"OSStoremachine0\"]}]}}},"
        + "{\"name\":\"machine0\",\"type\":\"vm\",\"label\":\"bobs machine\"},"
        + "{\"name\":\"OSStoremachine0\",\"type\":\"storage\"}]}";
  }

  List<String> transitions(String name) {
    List<String> transitions = new ArrayList<>();
    http.get(MoabHttp.SERVICES + "/" + name + "/phases?api-version=3")
        .body()
        .get("results")
        .forEach(
            e ->
                transitions.add(
                    e.get("from").asText()
                        + "-"
                        + e.get("transition").asText()
                        + "->"
                        + e.get("to").asText()));
    return transitions;
  }

  private String enteredAt(String name, String phase) {
    JsonNode history = http.get(MoabHttp.SERVICES + "/" + name + "/phases?api-version=3").body();
    for (JsonNode entry : history.get("results")) {
      if (entry.get("to").asText().equals(phase)) {
        return entry.get("time").asText();
      }
    }
    throw new AssertionError(name + " never entered " + phase + ": " + history);
  }

  private static void collectPhases(JsonNode service, Map<String, String> phases) {
    phases.put(service.get("name").asText(), service.get("phase").asText());
    for (JsonNode child : service.get("includedServices")) {
      collectPhases(child, phases);
    }
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(value -> texts.add(value.asText()));
    return texts;
  }

  static List<String> names(JsonNode envelope) {
    List<String> names = new ArrayList<>();
    envelope.get("results").forEach(s -> names.add(s.get("name").asText()));
    return names;
  }

  static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode find(JsonNode envelope, String name) {
    for (JsonNode service : envelope.get("results")) {
      if (service.get("name").asText().equals(name)) {
        return service;
      }
    }
    throw new AssertionError(name + " is not in " + envelope);
  }
}
