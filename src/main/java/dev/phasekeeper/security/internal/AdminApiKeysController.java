package dev.phasekeeper.security.internal;

import dev.phasekeeper.web.FieldLimits;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API keys, for admins. A key is shown in clear once, in the answer to its POST. */
@RestController
@RequestMapping(path = "/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: API keys")
class AdminApiKeysController {

  /** The body of a POST; {@code user} is the user's name or id. */
  record NewApiKey(String user, String label) {

    /** pk_user's name and pk_api_key's label. */
    static final FieldLimits LIMITS = FieldLimits.of("user", 200, "label", 200);
  }

  /** The answer to a POST: the key's listing plus the key itself, this once. */
  record IssuedApiKey(
      String id,
      String user,
      String prefix,
      String label,
      OffsetDateTime created,
      OffsetDateTime lastUsed,
      boolean revoked,
      String key) {

    static IssuedApiKey of(ApiKeys.IssuedKey issued) {
      ApiKeys.ApiKey k = issued.apiKey();
      return new IssuedApiKey(
          k.id(),
          k.user(),
          k.prefix(),
          k.label(),
          k.created(),
          k.lastUsed(),
          k.revoked(),
          issued.key());
    }

    @Override
    public String toString() {
      return "IssuedApiKey[id="
          + id
          + ", user="
          + user
          + ", prefix="
          + prefix
          + ", key=[PROTECTED]]";
    }
  }

  private final ApiKeys apiKeys;

  AdminApiKeysController(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @GetMapping
  @Operation(summary = "List API keys (never the keys themselves), a page at a time")
  Page<ApiKeys.ApiKey> list(
      @RequestParam(required = false) Integer max, @RequestParam(required = false) Integer offset) {
    return apiKeys.page(PageRequest.of(max, offset));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create an API key for a user; the answer holds the key, shown only once")
  ResponseEntity<IssuedApiKey> create(@RequestBody NewApiKey body) {
    AdminException.checkLimits(NewApiKey.LIMITS, body);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(IssuedApiKey.of(apiKeys.create(body.user(), body.label())));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke an API key; it stops working at once")
  ResponseEntity<Void> revoke(@PathVariable String id) {
    apiKeys.revoke(id);
    return ResponseEntity.noContent().build();
  }
}
