package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.HookRunTokens;
import dev.phasekeeper.hooks.HooksProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The URL a hook run calls back on: {@code phasekeeper.hooks.callback-base-url} when set, else this
 * server on localhost at the port it actually listens on.
 */
@Component
class CallbackBaseUrl {

  private final HooksProperties properties;
  private volatile int port = 8080;

  CallbackBaseUrl(HooksProperties properties) {
    this.properties = properties;
  }

  @EventListener
  void serverStarted(WebServerInitializedEvent event) {
    if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
      port = event.getWebServer().getPort();
    }
  }

  String forRun(String runId) {
    String base =
        properties.callbackBaseUrl() == null || properties.callbackBaseUrl().isBlank()
            ? "http://127.0.0.1:" + port
            : properties.callbackBaseUrl().replaceAll("/+$", "");
    return base + HookRunTokens.CALLBACK_PATH_PREFIX + runId;
  }
}
