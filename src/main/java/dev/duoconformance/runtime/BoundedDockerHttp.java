package dev.duoconformance.runtime;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Docker Engine API client with every answer's body bounded ({@link #LIMIT} bytes: an inspect is a few KiB, an
 * exec's or a log's output is cut far below) and every open answer known, so that the run's deadline can drop them:
 * closing an answer the engine has not finished sending closes its connection, which ends a read blocked on it.
 */
final class BoundedDockerHttp implements DockerHttpClient {
    static final int LIMIT = 4 << 20;

    private final DockerHttpClient engine;
    private final Set<Response> open = ConcurrentHashMap.newKeySet();

    BoundedDockerHttp(DockerHttpClient engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(Request request) {
        Response response = engine.execute(request);
        open.add(response);
        return new Response() {
            private final InputStream body = new Limited(response.getBody(), this::close);

            @Override
            public int getStatusCode() {
                return response.getStatusCode();
            }

            @Override
            public Map<String, List<String>> getHeaders() {
                return response.getHeaders();
            }

            @Override
            public InputStream getBody() {
                return body;
            }

            @Override
            public void close() {
                open.remove(response);
                response.close();
            }
        };
    }

    /** Drops every answer still open (their connections go with them), then the client. */
    void drop() {
        for (Response response : List.copyOf(open)) {
            try {
                response.close();
            } catch (RuntimeException alreadyGone) {
                // A connection already closed has nothing left to drop.
            }
        }
        try {
            engine.close();
        } catch (IOException | RuntimeException alreadyGone) {
            // Closing releases this run's connections; nothing to report.
        }
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }

    /**
     * Ends the body at {@link #LIMIT} bytes, as if the engine had stopped there, and never drains on close: closing a
     * body that did not end drops its answer (the client would otherwise read an endless body to its end).
     */
    private static final class Limited extends FilterInputStream {
        private final Runnable drop;
        private long remaining = LIMIT;
        private boolean ended;

        Limited(InputStream in, Runnable drop) {
            super(in);
            this.drop = drop;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            } else if (read == -1) {
                ended = true;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                drop.run();
            }
            try {
                super.close();
            } catch (IOException dropped) {
                // The answer was dropped: nothing is left to read.
            }
        }
    }
}
