package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.Caller;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks a presented API key, which must not be revoked and, when the request names a user (in a
 * surface's user header), must belong to that user. The caller is the key's user, with its tenant
 * and role. Whatever failed, the client gets the same 401; no message repeats the key.
 */
@Component
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

  private final ApiKeys apiKeys;

  ApiKeyAuthenticationProvider(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    ApiKeyAuthentication presented = (ApiKeyAuthentication) authentication;
    ApiKeys.KeyOwner owner =
        apiKeys
            .findActive(presented.key())
            .orElseThrow(() -> new BadCredentialsException("unknown or revoked API key"));
    String claimed = presented.claimedUser();
    if (claimed != null && !claimed.equals(owner.userName()) && !claimed.equals(owner.userId())) {
      throw new BadCredentialsException("the API key does not belong to the user named");
    }
    apiKeys.touch(owner);
    Caller caller = new Caller(owner.userName(), owner.tenantId(), owner.role() == Role.ADMIN);
    return ApiKeyAuthentication.of(caller, owner.role().authorities());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
