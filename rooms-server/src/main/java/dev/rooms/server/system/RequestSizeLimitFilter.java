package dev.rooms.server.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies at {@code rooms.max-request-body}: a declared larger {@code Content-Length} is refused
 * before anything is read (413), and a chunked body is cut off once it passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    /**
     * How much of a refused body is read and thrown away before the 413, so a client that sends its whole body
     * before reading the answer gets the answer: Jetty only discards what has already arrived and then drops the
     * connection, which such a client sees as a broken pipe. (Tomcat did this by itself, up to the same 2 MiB.)
     * A larger body gets its 413 on a connection that is then closed.
     */
    static final long DISCARD_LIMIT = 2 * 1024 * 1024;

    private final long limit;
    private final JsonErrorWriter writer;

    RequestSizeLimitFilter(RoomsProperties properties, JsonErrorWriter writer) {
        this.limit = properties.maxRequestBody().toBytes();
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            if (declared <= DISCARD_LIMIT) {
                discard(request.getInputStream(), DISCARD_LIMIT);
            }
            writer.writeDetail(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    JsonErrorWriter.standardDetail(HttpStatus.CONTENT_TOO_LARGE));
            return;
        }
        // With a Content-Length the container never reads past it; only a chunked body needs counting.
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        chain.doFilter(chunked ? new LimitedRequest(request, limit) : request, response);
    }

    /** Reads and drops the rest of a body, at most {@code max} bytes. */
    private static void discard(ServletInputStream in, long max) throws IOException {
        byte[] buffer = new byte[8192];
        long read = 0;
        int n;
        while (read < max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - read))) > 0) {
            read += n;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                discard(in, DISCARD_LIMIT - count);
                throw new RequestBodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
