package dev.phasekeeper.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends an API answer whole: one write with a {@code Content-Length} instead of a chunked body.
 * Spring's message converters flush the stream after writing the body; a flush commits the
 * response, so Tomcat sends it chunked, in two writes (the body, then the closing chunk), and the
 * client wakes for each. This filter lets writes through and ignores flushes: the container's
 * buffer (8 KiB) still sends a larger answer as it fills, and the whole answer goes out when the
 * request ends. No endpoint of Phasekeeper streams; Cockpit's and the engine REST API's paths are
 * left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WholeResponseFilter extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith(request.getContextPath() + "/camunda")
        || path.startsWith(request.getContextPath() + "/engine-rest");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    chain.doFilter(request, new FlushIgnoringResponse(response));
  }

  private static final class FlushIgnoringResponse extends HttpServletResponseWrapper {

    private ServletOutputStream stream;

    FlushIgnoringResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        stream = new FlushIgnoringStream(super.getOutputStream());
      }
      return stream;
    }

    @Override
    public void flushBuffer() {
      // the container sends the buffer when the request ends
    }
  }

  private static final class FlushIgnoringStream extends ServletOutputStream {

    private final ServletOutputStream target;

    FlushIgnoringStream(ServletOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      target.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      target.write(bytes, offset, length);
    }

    @Override
    public void flush() {
      // the container sends the buffer when the request ends
    }

    @Override
    public void close() throws IOException {
      target.close();
    }

    @Override
    public boolean isReady() {
      return target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      target.setWriteListener(listener);
    }
  }
}
