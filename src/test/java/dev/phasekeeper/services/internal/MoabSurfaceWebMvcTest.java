package dev.phasekeeper.services.internal;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.security.Caller;
import dev.phasekeeper.security.Callers;
import dev.phasekeeper.web.ErrorShapes;
import dev.phasekeeper.web.IdempotencyStore;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The Moab services surface's routing and error shapes, on Spring MVC alone: which call each path
 * reaches, and that every refusal (the controller's, Spring MVC's, a shared rule's) is Moab's
 * {@code {"messages": [...]}}. The services behind the controller stand in; the REST tests run them
 * for real.
 */
@WebMvcTest(controllers = MoabServicesController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ErrorShapes.class, MoabErrorShape.class})
class MoabSurfaceWebMvcTest {

  private static final Caller ADMIN = new Caller("admin", null, true);

  @Autowired MockMvc mvc;
  @MockitoBean ServiceCreation creation;
  @MockitoBean ServiceQueries queries;
  @MockitoBean ServiceReader reader;
  @MockitoBean ServiceOperations operations;
  @MockitoBean ServiceHooks hooks;
  @MockitoBean Lifecycle lifecycle;
  @MockitoBean Callers callers;
  @MockitoBean IdempotencyStore idempotency;

  @BeforeEach
  void actAsAdmin() {
    when(callers.current()).thenReturn(ADMIN);
  }

  @Test
  void shouldListWithParsedParametersInTheListEnvelope() throws Exception {
    when(queries.list(any(), any(), any(), any(), any(), any()))
        .thenReturn(
            Page.of(7, List.of(JsonNodeFactory.instance.objectNode().put("name", "hello.1"))));

    mvc.perform(
            get(
                "/mws/rest/services?query={q}&fields=name,attributes.vmId&max=5&offset=2",
                "{\"phase\":\"Deployed\"}"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    "{\"totalCount\":7,\"resultCount\":1,"
                        + "\"results\":[{\"name\":\"hello.1\"}]}"));

    verify(queries)
        .list(
            eq("{\"phase\":\"Deployed\"}"),
            eq(null),
            eq(List.of("name", "attributes.vmId")),
            eq(List.of()),
            eq(new PageRequest(5, 2)),
            eq(ADMIN));
  }

  @Test
  void shouldRouteVmsToTheVmLookupNotToAServiceNamedVms() throws Exception {
    when(reader.render((ServiceRecord) any()))
        .thenReturn(JsonNodeFactory.instance.objectNode().put("name", "vm1.1").put("label", "x"));

    mvc.perform(get("/mws/rest/services/vms/vm-17?fields=name"))
        .andExpect(status().isOk())
        .andExpect(content().json("{\"name\":\"vm1.1\"}", true));

    verify(reader).findByVm("vm-17", ADMIN);
  }

  @Test
  void shouldRouteTerminateAndAnswerItsConflictInMoabShape() throws Exception {
    when(operations.terminate("web.1", ADMIN))
        .thenThrow(MoabException.conflict("service 'web.1' is busy; try again"));

    expectMoab(mvc.perform(put("/mws/rest/services/web.1/terminate")), HttpStatus.CONFLICT, "busy");
  }

  @Test
  void shouldRouteDeleteWithForce() throws Exception {
    mvc.perform(delete("/mws/rest/services/web.1?force-delete=true")).andExpect(status().isOk());

    verify(operations).delete("web.1", true, ADMIN);
  }

  @Test
  void shouldRefuseBadPagingInMoabShape() throws Exception {
    expectMoab(mvc.perform(get("/mws/rest/services?max=0")), HttpStatus.BAD_REQUEST, "max");
    expectMoab(mvc.perform(get("/mws/rest/services?max=1001")), HttpStatus.BAD_REQUEST, "max");
    expectMoab(mvc.perform(get("/mws/rest/services?offset=-1")), HttpStatus.BAD_REQUEST, "offset");
    expectMoab(mvc.perform(get("/mws/rest/services?max=abc")), HttpStatus.BAD_REQUEST, "max");
    verifyNoInteractions(queries);
  }

  @Test
  void shouldRefuseEmptyFieldNamesInMoabShape() throws Exception {
    expectMoab(
        mvc.perform(get("/mws/rest/services?fields=....")), HttpStatus.BAD_REQUEST, "fields");
    expectMoab(
        mvc.perform(get("/mws/rest/services/vms/v?exclude-fields=a..b")),
        HttpStatus.BAD_REQUEST,
        "exclude-fields");
    verifyNoInteractions(queries);
  }

  @Test
  void shouldRefuseMissingAndMalformedBodiesInMoabShape() throws Exception {
    expectMoab(mvc.perform(post("/mws/rest/services")), HttpStatus.BAD_REQUEST, "body");
    expectMoab(
        mvc.perform(
            put("/mws/rest/services/web.1/unblock")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"skip\":")),
        HttpStatus.BAD_REQUEST,
        "body");
    verifyNoInteractions(creation, operations);
  }

  @Test
  void shouldAnswerSpringMvcsOwnRefusalsInMoabShape() throws Exception {
    expectMoab(mvc.perform(get("/mws/rest/no-such-resource")), HttpStatus.NOT_FOUND, "path");
    expectMoab(mvc.perform(delete("/mws/rest/services")), HttpStatus.METHOD_NOT_ALLOWED, "DELETE");
    expectMoab(
        mvc.perform(get("/mws/rest/services/web.1/terminate")),
        HttpStatus.METHOD_NOT_ALLOWED,
        "GET");
    verify(operations, org.mockito.Mockito.never()).delete(any(), anyBoolean(), any());
  }

  private static void expectMoab(ResultActions result, HttpStatus status, String mentions)
      throws Exception {
    result
        .andExpect(status().is(status.value()))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.messages[0]", startsWith("")))
        .andExpect(jsonPath("$.messages[0]", containsString(mentions)));
  }
}
