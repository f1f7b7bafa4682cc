package dev.phasekeeper.web.internal;

import dev.phasekeeper.web.ErrorShapes;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Tomcat's error report in the shape of the surface the path belongs to, instead of its HTML page:
 * what Tomcat refuses before any filter runs (an encoded slash or NUL, invalid UTF-8, a backslash,
 * a URL or header over its limit) and any error no other layer has written.
 */
final class ShapedErrorReportValve extends ErrorReportValve {

  static final String REFUSED_REQUEST =
      "request: the server could not read it: percent-encode"
          + " the path as UTF-8, with no backslash and no encoded '/' or NUL, and keep the URL and"
          + " each header under 8 KB";
  private static final int MAX_DETAIL = 300;

  private final ObjectProvider<ErrorShapes> shapes;

  ShapedErrorReportValve(ObjectProvider<ErrorShapes> shapes) {
    this.shapes = shapes;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String path = request.getRequestURI();
    try {
      response.resetBuffer();
      shapes
          .getObject()
          .write(path == null ? "" : path, status, message(status, response), response);
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // the client has gone or the response was committed: nothing more can be said
    }
  }

  private static String message(int status, Response response) {
    String tomcat = response.getMessage();
    if (status == 400) {
      return tomcat == null || tomcat.isBlank()
          ? REFUSED_REQUEST
          : REFUSED_REQUEST + " (" + shortened(tomcat) + ")";
    }
    if (status >= 500) {
      return "the server failed to answer; its log has the details";
    }
    return tomcat == null || tomcat.isBlank()
        ? "request: refused with status " + status
        : "request: " + shortened(tomcat);
  }

  private static String shortened(String text) {
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
  }
}
