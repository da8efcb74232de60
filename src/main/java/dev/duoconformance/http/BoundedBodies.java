package dev.duoconformance.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.http.HttpEntity;
import org.apache.http.client.HttpClient;
import org.apache.http.conn.EofSensorInputStream;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.DefaultHttpClient;

/**
 * REST Assured's HTTP client, reading at most {@link #LIMIT} bytes of any body: a component that answers with an
 * endless or huge body costs a bounded amount of memory and time, and the answer is reported as truncated.
 */
final class BoundedBodies {
    static final int LIMIT = 1 << 20;

    private BoundedBodies() {}

    @SuppressWarnings("deprecation") // REST Assured is built on HttpClient 4's DefaultHttpClient.
    static HttpClient client() {
        DefaultHttpClient client = new DefaultHttpClient();
        client.addResponseInterceptor((response, context) -> {
            if (response.getEntity() != null) {
                response.setEntity(new Bounded(response.getEntity()));
            }
        });
        return client;
    }

    private static final class Bounded extends HttpEntityWrapper {
        Bounded(HttpEntity entity) {
            super(entity);
        }

        @Override
        public long getContentLength() {
            long length = super.getContentLength();
            return length > LIMIT ? -1 : length;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new FilterInputStream(super.getContent()) {
                private int remaining = LIMIT;

                @Override
                public int read() throws IOException {
                    if (remaining <= 0) {
                        return -1;
                    }
                    remaining--;
                    return super.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    if (remaining <= 0) {
                        return -1;
                    }
                    int read = super.read(buffer, offset, Math.min(length, remaining));
                    if (read > 0) {
                        remaining -= read;
                    }
                    return read;
                }

                @Override
                public void close() throws IOException {
                    // Never drain what is left of a huge body: drop the connection instead.
                    if (in instanceof EofSensorInputStream sensor) {
                        sensor.abortConnection();
                    } else {
                        in.close();
                    }
                }
            };
        }
    }
}
