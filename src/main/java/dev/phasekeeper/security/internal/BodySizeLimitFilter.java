package dev.phasekeeper.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code phasekeeper.security.max-body-size} with 413, before a
 * controller reads them: at once when {@code Content-Length} says so, and for a chunked body (no
 * length given) after reading at most the limit plus one byte, which is then replayed to the
 * controller. Multipart bodies too, which no endpoint reads; Cockpit and the engine REST API are
 * Camunda's.
 */
final class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final RequestMatcher exempt;
  private final SecurityErrors errors;

  BodySizeLimitFilter(long maxBytes, RequestMatcher exempt, SecurityErrors errors) {
    this.maxBytes = maxBytes;
    this.exempt = exempt;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return exempt.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (length > maxBytes) {
      tooLarge(request, response);
      return;
    }
    if (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
      byte[] body =
          request.getInputStream().readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE));
      if (body.length > maxBytes) {
        tooLarge(request, response);
        return;
      }
      chain.doFilter(new BufferedBody(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // Tomcat reads and drops the unread body (up to server.tomcat.max-swallow-size) so the
    // client sees this answer instead of a reset connection.
    errors.write(
        request,
        response,
        HttpStatus.PAYLOAD_TOO_LARGE,
        "body: larger than "
            + maxBytes
            + " bytes (phasekeeper.security.max-body-size); send a smaller request");
  }

  /** A request whose body has been read already. */
  private static final class BufferedBody extends HttpServletRequestWrapper {

    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return available() == 0;
        }

        @Override
        public int available() {
          return in.available();
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body has been read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
