package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Bad requests to the Moab services surface: each is a 4xx with Moab's {@code {"messages":[...]}}
 * naming what is wrong, and changes nothing.
 */
class MoabBadInputTest extends MoabRestTestSupport {

  @Test
  void shouldRefuseMalformedJson() {
    String tenant = unique("malformed");
    assertRefusedCreate(
        tenant, "{\"tenant\":{\"name\":\"" + tenant + "\"},\"name\":\"x\"", 400, "body");
    assertRefusedCreate(tenant, "{\"tenant\":{\"name\":\"" + tenant + "\"}}}", 400, "body");
    assertRefusedCreate(tenant, "", 400, "body");
  }

  @Test
  void shouldRefuseFieldsOfTheWrongTypeOnCreate() {
    String tenant = unique("types");
    assertRefusedCreate(
        tenant, serviceJson(tenant, "x", "vm", "\"attributes\":5"), 400, "attributes");
    assertRefusedCreate(
        tenant,
        "{\"tenant\":{\"name\":\"" + tenant + "\"},\"data\":" + "{\"name\":\"x\"}}",
        400,
        "data");
    assertRefusedCreate(
        tenant,
        serviceJson(tenant, "x", "vm", "\"includedServices\":\"y\""),
        400,
        "includedServices");
    assertRefusedCreate(
        tenant, serviceJson(tenant, "x", "vm", "\"stepsCompleted\":{}"), 400, "stepsCompleted");
    assertRefusedCreate(
        tenant,
        serviceJson(tenant, "x", "vm", "\"durationRequested\":\"soon\""),
        400,
        "durationRequested");
    assertRefusedCreate(
        tenant, serviceJson(tenant, "x", "vm", "\"colour\":\"red\""), 400, "colour");
  }

  @Test
  void shouldRefuseAnIllegalNameAMissingTenantAndABadDate() {
    String tenant = unique("names");
    assertRefusedCreate(tenant, serviceJson(tenant, "na me", "vm", ""), 400, "name");
    assertRefusedCreate(
        tenant, "{\"tenant\":{\"name\":\"" + tenant + "\"},\"type\":\"vm\"}", 400, "name");
    assertRefusedCreate(tenant, "{\"name\":\"x\",\"type\":\"vm\"}", 400, "tenant");
    assertRefusedCreate(
        tenant, "{\"tenant\":{\"name\":\"bad tenant\"},\"name\":\"x\"}", 400, "tenant");
    assertRefusedCreate(
        tenant,
        serviceJson(tenant, "x", "vm", "\"startDateRequested\":\"next tuesday\""),
        400,
        "startDateRequested");
    assertThat(countInTenant("bad tenant")).isZero();
  }

  @Test
  void shouldRefuseADependencyCycleAndCreateNothing() {
    String tenant = unique("cycle");
    String body =
        "{\"tenant\":{\"name\":\""
            + tenant
            + "\"},\"data\":["
            + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\"a\",\"b\"],"
            + "\"attributes\":{\"moab\":{\"dependencies\":["
            + "{\"service\":\"a\",\"dependency\":[\"b\"]},"
            + "{\"service\":\"b\",\"dependency\":[\"a\"]}]}}},"
            + "{\"name\":\"a\",\"type\":\"vm\"},{\"name\":\"b\",\"type\":\"vm\"}]}";
    assertRefusedCreate(tenant, body, 400, "cycle");
    assertRefusedCreate(
        tenant,
        "{\"tenant\":{\"name\":\""
            + tenant
            + "\"},\"data\":["
            + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\"ghost\"]}]}",
        400,
        "ghost");
  }

  @Test
  void shouldRefuseBadModificationsAndChangeNothing() {
    String name =
        create(
            serviceJson(
                unique("badput"),
                "target",
                "vm",
                "\"label\":\"kept\",\"attributes\":{\"moab\":{\"job\":{\"image\":\"centos\"}}}"));
    awaitPhase(name, "Deployed");
    JsonNode before = service(name);

    assertRefusedPut(name, "", "{\"statusCode\":\"abc\"}", "statusCode");
    assertRefusedPut(name, "", "{\"attributes\":5}", "attributes");
    assertRefusedPut(
        name, "", "{\"label\":\"x\",\"attributes\":{\"moab\":{\"job\":{}}}}", "attributes.moab");
    assertRefusedPut(name, "", "{\"label\":{\"a\":1}}", "label");
    assertRefusedPut(name, "", "{\"name\":\"renamed\"}", "name");
    assertRefusedPut(name, "", "{\"label\":\"x\"", "body");
    assertRefusedPut(name, "&change-mode=replace", "{\"stepsCompleted\":[\"a\"]}", "change-mode");
    assertRefusedPut(name, "", "{\"tenant\":{\"name\":\"" + unique("nowhere") + "\"}}", "tenant");

    assertThat(service(name)).isEqualTo(before);
  }

  @Test
  void shouldAnswer404ForAnUnknownService() {
    String unknown = unique("nosuchservice");
    String unknownId = "0123456789abcdef01234567";
    for (String idOrName : new String[] {unknown, unknownId}) {
      assertError(http.get(MoabHttp.SERVICES + "/" + idOrName + "?api-version=3"), 404, idOrName);
      assertError(http.get(MoabHttp.SERVICES + "/" + idOrName + "/root"), 404, idOrName);
      assertError(http.get(MoabHttp.SERVICES + "/" + idOrName + "/phases"), 404, idOrName);
      assertError(http.put(MoabHttp.SERVICES + "/" + idOrName, "{\"label\":\"x\"}"), 404, idOrName);
      assertError(http.put(MoabHttp.SERVICES + "/" + idOrName + "/unblock", null), 404, idOrName);
      assertError(http.put(MoabHttp.SERVICES + "/" + idOrName + "/terminate", null), 404, idOrName);
      assertError(http.delete(MoabHttp.SERVICES + "/" + idOrName), 404, idOrName);
    }
  }

  @Test
  void shouldRefuseLifecycleRequestsThatDoNotFitThePhase() {
    String name = create(serviceJson(unique("phase"), "busy", "vm", ""));
    awaitPhase(name, "Deployed");

    assertError(
        http.put(MoabHttp.SERVICES + "/" + name + "/unblock?api-version=3", null),
        409,
        "nothing to unblock");
    assertError(http.delete(MoabHttp.SERVICES + "/" + name + "?api-version=3"), 409, "terminate");
    assertThat(phase(name)).isEqualTo("Deployed");

    assertThat(http.put(MoabHttp.SERVICES + "/" + name + "/terminate", null).status())
        .isEqualTo(200);
    awaitPhase(name, "Terminated");
    assertError(
        http.put(MoabHttp.SERVICES + "/" + name + "/terminate?api-version=3", null),
        409,
        "Terminated");
    assertError(
        http.put(MoabHttp.SERVICES + "/" + name + "/unblock?api-version=3", null),
        409,
        "nothing to unblock");
    assertThat(phase(name)).isEqualTo("Terminated");
  }

  @Test
  void shouldRefuseBadQueriesSortsAndPaging() {
    assertError(query("{\"colour\":\"red\"}"), 400, "colour");
    assertError(query("{\"dateCreated\":{\"$gt\":\"not a date\"}}"), 400, "not a date");
    assertError(query("{\"name\":{\"$regex\":\"x\"}}"), 400, "$regex");
    assertError(query("{\"name\":"), 400, "query");
    assertError(
        http.get(MoabHttp.SERVICES + "?sort=" + MoabHttp.encode("{\"colour\":1}")), 400, "colour");
    assertError(http.get(MoabHttp.SERVICES + "?max=0"), 400, "max");
    assertError(http.get(MoabHttp.SERVICES + "?max=abc"), 400, "max");
    assertError(http.get(MoabHttp.SERVICES + "?offset=-1"), 400, "offset");
  }

  private MoabHttp.Response query(String query) {
    return http.get(MoabHttp.SERVICES + "?api-version=3&query=" + MoabHttp.encode(query));
  }

  @Test
  void shouldRefuseOverLongValuesOnCreateNamingTheFieldAndItsLimit() {
    String tenant = unique("long");
    String long5000 = "x".repeat(5000);
    assertRefusedCreate(
        tenant,
        serviceJson(tenant, "x", "vm", "\"account\":\"" + long5000 + "\""),
        400,
        "account: 5000 characters, more than the 255");
    assertRefusedCreate(
        tenant,
        "{\"tenant\":{\"name\":\"" + tenant + "\"},\"user\":\"" + long5000 + "\",\"name\":\"x\"}",
        400,
        "user: 5000 characters, more than the 255");
    assertRefusedCreate(
        tenant,
        serviceJson(tenant, "x", "vm", "\"label\":\"" + long5000 + "\""),
        400,
        "label: 5000 characters, more than the 1000");
    assertRefusedCreate(
        tenant,
        "{\"tenant\":{\"name\":\""
            + tenant
            + "\"},\"data\":["
            + "{\"name\":\"a\"},{\"name\":\"b\",\"label\":\""
            + long5000
            + "\"}]}",
        400,
        "data[1].label: 5000 characters, more than the 1000");
    assertRefusedCreate(
        tenant,
        serviceJson(tenant, "x", "vm", "\"account\":" + "9".repeat(300)),
        400,
        "account: 300 characters, more than the 255");
    assertRefusedCreate(
        tenant,
        serviceJson(
            tenant,
            "x",
            "vm",
            "\"hookDefinitions\":[{\"name\":\"h\",\"transition\":\"submit\",\"url\":\"exec:///"
                + long5000
                + "\"}]"),
        400,
        "hookDefinitions[0].url: 5008 characters, more than the 4000");
    assertRefusedCreate(
        tenant,
        "{\"tenant\":{\"name\":\"" + "t".repeat(201) + "\"},\"name\":" + "\"x\"}",
        400,
        "tenant.name: 201 characters, more than the 200");
    assertError(
        http.post(
            MoabHttp.SERVICES + "?api-version=3",
            serviceJson(tenant, "x", "vm", ""),
            "Idempotency-Key",
            "k".repeat(4000)),
        400,
        "Idempotency-Key: 4000 characters, more than the 255");
    assertThat(countInTenant(tenant)).isZero();
  }

  @Test
  void shouldRefuseOverLongValuesOnModifyAndChangeNothing() {
    String name = create(serviceJson(unique("longput"), "target", "vm", "\"label\":\"kept\""));
    awaitPhase(name, "Deployed");
    JsonNode before = service(name);

    assertRefusedPut(
        name,
        "",
        "{\"label\":\"" + "l".repeat(1001) + "\"}",
        "label: 1001 characters, more than the 1000");
    assertRefusedPut(
        name,
        "",
        "{\"status\":\"" + "s".repeat(5000) + "\"}",
        "status: 5000 characters, more than the 4000");
    assertRefusedPut(
        name,
        "",
        "{\"stepsCompleted\":[\"ok\",\"" + "s".repeat(256) + "\"]}",
        "stepsCompleted[1]: 256 characters, more than the 255");

    JsonNode after = service(name);
    assertThat(after.path("label")).isEqualTo(before.path("label"));
    assertThat(after.path("status")).isEqualTo(before.path("status"));
    assertThat(after.path("stepsCompleted")).isEqualTo(before.path("stepsCompleted"));
  }

  @Test
  void shouldRefuseABatchLargerThanTheLimitNamingIt() {
    String tenant = unique("batch");
    StringBuilder body = new StringBuilder("{\"tenant\":{\"name\":\"" + tenant + "\"},\"data\":[");
    for (int i = 0; i <= CreateRequestParser.MAX_BATCH; i++) {
      body.append(i == 0 ? "" : ",").append("{\"name\":\"s").append(i).append("\"}");
    }
    assertRefusedCreate(
        tenant,
        body.append("]}").toString(),
        400,
        "data: 501 services, more than the 500 one request may create");
  }

  private void assertRefusedCreate(String tenant, String body, int status, String named) {
    assertError(http.post(MoabHttp.SERVICES + "?api-version=3", body), status, named);
    assertThat(countInTenant(tenant)).as("services created by " + body).isZero();
  }

  private void assertRefusedPut(String name, String parameters, String body, String named) {
    assertError(
        http.put(MoabHttp.SERVICES + "/" + name + "?api-version=3" + parameters, body), 400, named);
  }

  private static void assertError(MoabHttp.Response response, int status, String named) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.body().get("messages")).as(response.text()).isNotEmpty();
    assertThat(response.messages()).contains(named);
  }
}
