package dev.phasekeeper.security.internal;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.phasekeeper.web.ErrorShapes;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import java.time.OffsetDateTime;
import java.util.List;
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
 * The admin API's routing and error shapes, on Spring MVC alone: each refusal, the controllers' and
 * Spring MVC's own, is {@code application/problem+json} naming the field. The stores behind the
 * controllers stand in; {@code AdminApiTest} runs them for real.
 */
@WebMvcTest(
    controllers = {
      AdminTenantsController.class,
      AdminUsersController.class,
      AdminApiKeysController.class
    })
@AutoConfigureMockMvc(addFilters = false)
@Import(ErrorShapes.class)
class AdminApiWebMvcTest {

  @Autowired MockMvc mvc;
  @MockitoBean TenantAdmin tenants;
  @MockitoBean UserAccounts users;
  @MockitoBean ApiKeys apiKeys;

  @Test
  void shouldPageTenantsInTheListEnvelope() throws Exception {
    when(tenants.page(new PageRequest(2, 4)))
        .thenReturn(
            Page.of(
                9,
                List.of(
                    new TenantAdmin.TenantView(
                        "t1", "acme", OffsetDateTime.parse("2026-01-02T03:04:05Z")))));

    mvc.perform(get("/admin/tenants?max=2&offset=4"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    "{\"totalCount\":9,\"resultCount\":1,"
                        + "\"results\":[{\"id\":\"t1\",\"name\":\"acme\"}]}"));
  }

  @Test
  void shouldCreateATenantAtItsLocation() throws Exception {
    when(tenants.create("acme")).thenReturn(new TenantAdmin.TenantView("t1", "acme", null));

    mvc.perform(
            post("/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"acme\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/admin/tenants/t1"));
  }

  @Test
  void shouldRouteDeletesToTheirStore() throws Exception {
    mvc.perform(delete("/admin/api-keys/k1")).andExpect(status().isNoContent());
    mvc.perform(delete("/admin/users/u1")).andExpect(status().isNoContent());

    verify(apiKeys).revoke("k1");
    verify(users).delete("u1");
  }

  @Test
  void shouldNameTheWrongPagingParameter() throws Exception {
    expectProblem(mvc.perform(get("/admin/users?max=0")), HttpStatus.BAD_REQUEST, "max")
        .andExpect(jsonPath("$.field").value("max"));
    expectProblem(mvc.perform(get("/admin/api-keys?offset=-3")), HttpStatus.BAD_REQUEST, "offset")
        .andExpect(jsonPath("$.field").value("offset"));
    expectProblem(mvc.perform(get("/admin/tenants?max=many")), HttpStatus.BAD_REQUEST, "max");
    verifyNoInteractions(users, apiKeys, tenants);
  }

  @Test
  void shouldNameAKeyGivenTwice() throws Exception {
    for (String path : new String[] {"/admin/tenants", "/admin/users", "/admin/api-keys"}) {
      expectProblem(
          mvc.perform(
              post(path)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"name\":\"a\",\"user\":\"u\",\"name\":\"b\"}")),
          HttpStatus.BAD_REQUEST,
          "name: appears more than once");
    }
    verifyNoInteractions(users, apiKeys, tenants);
  }

  @Test
  void shouldRefuseOtherContentTypesAndMalformedJson() throws Exception {
    expectProblem(
        mvc.perform(post("/admin/tenants").contentType(MediaType.TEXT_PLAIN).content("{}")),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type");
    expectProblem(
        mvc.perform(post("/admin/users").content("{}")),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type");
    expectProblem(
        mvc.perform(
            post("/admin/users").contentType(MediaType.APPLICATION_JSON).content("{\"name\":")),
        HttpStatus.BAD_REQUEST,
        "line 1");
    verifyNoInteractions(users, tenants);
  }

  @Test
  void shouldAnswerTheStoresRefusalsAndUnknownPathsAsProblems() throws Exception {
    when(tenants.get("nope")).thenThrow(AdminException.notFound("tenant", "nope"));

    expectProblem(mvc.perform(get("/admin/tenants/nope")), HttpStatus.NOT_FOUND, "nope");
    expectProblem(mvc.perform(get("/admin/no-such-thing")), HttpStatus.NOT_FOUND, "path");
    expectProblem(mvc.perform(put("/admin/tenants")), HttpStatus.METHOD_NOT_ALLOWED, "PUT");
  }

  private static ResultActions expectProblem(
      ResultActions result, HttpStatus status, String mentions) throws Exception {
    return result
        .andExpect(status().is(status.value()))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status.value()))
        .andExpect(jsonPath("$.detail", containsString(mentions)));
  }
}
