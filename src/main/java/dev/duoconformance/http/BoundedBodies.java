package dev.duoconformance.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.apache.http.Header;
import org.apache.http.HttpConnection;
import org.apache.http.HttpEntity;
import org.apache.http.client.HttpClient;
import org.apache.http.conn.params.ConnConnectionPNames;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.params.CoreConnectionPNames;
import org.apache.http.protocol.HttpCoreContext;

/**
 * REST Assured's HTTP client, reading at most {@link #LIMIT} bytes of any body <em>after decompression</em> (the suite
 * decodes gzip and deflate itself, so a compressed bomb is cut at the same bound), and registering every request
 * with its {@link InFlight}: the deadline drops the connection, whatever the server does, and sees what came back.
 */
final class BoundedBodies {
    static final int LIMIT = 1 << 20;
    /** The most header lines read, each (and the status line) at most {@link #MAX_LINE} bytes: about 800 KiB of headers in all. */
    static final int MAX_HEADERS = 100;

    static final int MAX_LINE = 8 << 10;
    /** The request this thread is sending, so the client's interceptors can report to it. */
    private static final ThreadLocal<InFlight> IN_FLIGHT = new ThreadLocal<>();

    private BoundedBodies() {}

    /** One request being sent: its connection (to drop at the deadline) and what came back so far. */
    static final class InFlight {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private HttpConnection connection;
        private boolean aborted;
        private String status;
        private boolean truncated;

        /** Runs {@code send} on this thread with this request registered with the client. */
        <T> T during(java.util.concurrent.Callable<T> send) throws Exception {
            IN_FLIGHT.set(this);
            try {
                return send.call();
            } finally {
                IN_FLIGHT.remove();
            }
        }

        /** Drops the connection: a read blocked on it ends at once, and nothing drains what is left. */
        void abort() {
            HttpConnection open;
            synchronized (this) {
                aborted = true;
                open = connection;
            }
            shutdown(open);
        }

        private void attach(HttpConnection open) {
            boolean late;
            synchronized (this) {
                connection = open;
                late = aborted;
            }
            if (late) {
                shutdown(open);
            }
        }

        private static void shutdown(HttpConnection open) {
            if (open != null) {
                try {
                    open.shutdown();
                } catch (IOException ignored) {
                    // Already closed: nothing left to drop.
                }
            }
        }

        private synchronized void status(String line) {
            status = line;
        }

        private synchronized void received(byte[] buffer, int offset, int length) {
            received.write(buffer, offset, length);
        }

        private synchronized void markTruncated() {
            truncated = true;
        }

        /** The status line, when the headers came; empty while nothing did. */
        synchronized java.util.Optional<String> status() {
            return java.util.Optional.ofNullable(status);
        }

        /** The body bytes read so far (decompressed, at most {@link #LIMIT}). */
        synchronized int bodyBytes() {
            return received.size();
        }

        synchronized String bodySoFar() {
            return received.toString(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** Whether the body went on past {@link #LIMIT} and reading stopped there. */
        synchronized boolean truncated() {
            return truncated;
        }
    }

    @SuppressWarnings("deprecation") // REST Assured is built on HttpClient 4's DefaultHttpClient.
    static HttpClient client() {
        DefaultHttpClient client = new DefaultHttpClient();
        // Headers are bounded like bodies: a server sending header lines forever (never the blank line), one endless
        // line, or lines of garbage before the status line stops being read at these bounds, not at the deadline.
        client.getParams().setIntParameter(CoreConnectionPNames.MAX_HEADER_COUNT, MAX_HEADERS);
        client.getParams().setIntParameter(CoreConnectionPNames.MAX_LINE_LENGTH, MAX_LINE);
        client.getParams().setIntParameter(ConnConnectionPNames.MAX_STATUS_LINE_GARBAGE, 0);
        // Never resend a request on its own: the suite sends each request at most once, and a dropped connection is
        // final.
        client.setHttpRequestRetryHandler(new DefaultHttpRequestRetryHandler(0, false));
        client.addRequestInterceptor((request, context) -> {
            InFlight inFlight = IN_FLIGHT.get();
            if (inFlight != null
                    && context.getAttribute(HttpCoreContext.HTTP_CONNECTION) instanceof HttpConnection open) {
                inFlight.attach(open);
            }
        });
        client.addResponseInterceptor((response, context) -> {
            InFlight inFlight = IN_FLIGHT.get();
            if (inFlight == null) {
                inFlight = new InFlight();
                if (context.getAttribute(HttpCoreContext.HTTP_CONNECTION) instanceof HttpConnection open) {
                    inFlight.attach(open);
                }
            }
            inFlight.status(response.getStatusLine().toString());
            if (response.getEntity() != null) {
                response.setEntity(new Bounded(response.getEntity(), inFlight));
            }
        });
        return client;
    }

    private static final class Bounded extends HttpEntityWrapper {
        private final InFlight inFlight;
        private final String encoding;
        private InputStream content;

        Bounded(HttpEntity entity, InFlight inFlight) {
            super(entity);
            this.inFlight = inFlight;
            Header header = entity.getContentEncoding();
            this.encoding = header == null ? "" : header.getValue().trim().toLowerCase(Locale.ROOT);
        }

        private boolean decoded() {
            return encoding.equals("gzip") || encoding.equals("x-gzip") || encoding.equals("deflate");
        }

        @Override
        public Header getContentEncoding() {
            return decoded() ? null : super.getContentEncoding();
        }

        @Override
        public long getContentLength() {
            long length = super.getContentLength();
            return decoded() || length > LIMIT ? -1 : length;
        }

        @Override
        public boolean isStreaming() {
            return true;
        }

        /** Never drains what is left (HttpClient would read an endless body for good): drops the connection instead. */
        @Override
        @SuppressWarnings("deprecation")
        public void consumeContent() throws IOException {
            getContent().close();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }

        /** One stream per body, however often it is asked for: a second reader must not start over on the connection. */
        @Override
        public synchronized InputStream getContent() throws IOException {
            if (content == null) {
                InputStream raw = super.getContent();
                InputStream decoded = switch (encoding) {
                    case "gzip", "x-gzip" -> new GZIPInputStream(raw);
                    case "deflate" -> new InflaterInputStream(raw);
                    default -> raw;
                };
                content = new Limited(raw, decoded, inFlight);
            }
            return content;
        }
    }

    /** Counts the bytes the suite gets (after decompression), stops at {@link #LIMIT}, and never drains on close. */
    private static final class Limited extends InputStream {
        private final InputStream raw;
        private final InputStream in;
        private final InFlight inFlight;
        private int remaining = LIMIT;
        private boolean ended;

        Limited(InputStream raw, InputStream in, InFlight inFlight) {
            this.raw = raw;
            this.in = in;
            this.inFlight = inFlight;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (remaining <= 0) {
                ended = true;
                if (in.read() != -1) {
                    // More is coming: the rest is never read, so the connection goes now (nothing may drain it later).
                    inFlight.markTruncated();
                    inFlight.abort();
                }
                return -1;
            }
            int read = in.read(buffer, offset, Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
                inFlight.received(buffer, offset, read);
            } else if (read == -1) {
                ended = true;
            }
            return read;
        }

        /** Closing the raw stream would read what is left of the body (an endless one for good): drop the connection. */
        @Override
        public void close() throws IOException {
            if (ended && !inFlight.truncated()) {
                raw.close();
            } else {
                inFlight.abort();
            }
        }
    }
}
