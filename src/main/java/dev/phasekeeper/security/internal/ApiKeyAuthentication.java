package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.Caller;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An API key presented by a request and, once checked, the caller it belongs to. The key is erased
 * as soon as it has been checked, and {@link #toString()} never shows it.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private String key;
  private final String claimedUser;
  private final Caller caller;

  private ApiKeyAuthentication(
      String key,
      String claimedUser,
      Caller caller,
      Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.key = key;
    this.claimedUser = claimedUser;
    this.caller = caller;
    setAuthenticated(caller != null);
  }

  /** A key to check; {@code claimedUser} is the user a surface's user header names, or null. */
  static ApiKeyAuthentication presented(String key, String claimedUser) {
    return new ApiKeyAuthentication(key, claimedUser, null, List.of());
  }

  static ApiKeyAuthentication of(Caller caller, Collection<? extends GrantedAuthority> roles) {
    return new ApiKeyAuthentication(null, null, caller, roles);
  }

  String key() {
    return key;
  }

  String claimedUser() {
    return claimedUser;
  }

  /** The caller, once authenticated; before that {@code null}. */
  @Override
  public Caller getPrincipal() {
    return caller;
  }

  @Override
  public String getCredentials() {
    return key;
  }

  @Override
  public String getName() {
    return caller == null ? (claimedUser == null ? "" : claimedUser) : caller.name();
  }

  @Override
  public void eraseCredentials() {
    key = null;
    super.eraseCredentials();
  }

  @Override
  public String toString() {
    return "ApiKeyAuthentication[caller="
        + caller
        + ", authorities="
        + getAuthorities()
        + ", key=[PROTECTED]]";
  }
}
