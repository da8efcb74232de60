package dev.duoconformance.simulator.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server that answers every request the hostile way, below HTTP's framing (so any client can be pointed at it: the
 * suite's HTTP transport, the Docker Engine API client, the Kubernetes API client): it stalls, trickles, or sends
 * headers, a status line or a body that never end. It counts what it sent, so a test sees where the client stopped.
 */
public final class HostileServer implements AutoCloseable {
    /** How the server answers once it has read a request. */
    public enum Behaviour {
        /** Reads the request, then sends nothing. */
        STALL,
        /** A status line, then one byte of a header every 200 ms. */
        TRICKLE_HEADERS,
        /** Complete headers declaring 100000 bytes of JSON, then one byte every 200 ms. */
        TRICKLE_BODY,
        /** A status line, then header lines forever, never the blank line. */
        ENDLESS_HEADERS,
        /** A status line that never ends. */
        ENDLESS_STATUS_LINE,
        /** Complete headers, then a chunked JSON body that never ends, as fast as the client reads. */
        ENDLESS_BODY
    }

    private static final Duration TRICKLE = Duration.ofMillis(200);
    private final Behaviour behaviour;
    private final ServerSocket listening;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong sent = new AtomicLong();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private HostileServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-server-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static HostileServer start(Behaviour behaviour) {
        try {
            return new HostileServer(behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listening.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Bytes sent to clients so far, over every connection. */
    public long sentBytes() {
        return sent.get();
    }

    private void accept() {
        while (closed.getCount() > 0) {
            try {
                Socket socket = listening.accept();
                connections.add(socket);
                Thread answer = new Thread(() -> answer(socket), "hostile-answer-" + behaviour);
                answer.setDaemon(true);
                answer.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answer(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            readRequestHead(in);
            switch (behaviour) {
                case STALL -> pause(Duration.ofDays(1));
                case TRICKLE_HEADERS -> {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: ");
                    while (write(out, "x") && !pause(TRICKLE)) {
                        // One byte per pause, until the client leaves or the server closes.
                    }
                }
                case TRICKLE_BODY -> {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
                    while (write(out, " ") && !pause(TRICKLE)) {
                        // One byte per pause.
                    }
                }
                case ENDLESS_HEADERS -> {
                    write(out, "HTTP/1.1 200 OK\r\n");
                    String line = "X-Hostile: " + "h".repeat(100) + "\r\n";
                    while (closed.getCount() > 0 && write(out, line)) {
                        // Header lines as fast as the client reads them.
                    }
                }
                case ENDLESS_STATUS_LINE -> {
                    write(out, "HTTP/1.1 200 ");
                    String more = "s".repeat(1024);
                    while (closed.getCount() > 0 && write(out, more)) {
                        // The reason phrase never ends.
                    }
                }
                case ENDLESS_BODY -> {
                    write(
                            out,
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                    write(out, "1b\r\n{\"Id\":\"x\",\"Hostile\":\"xxxxxx\r\n");
                    String chunk = "2000\r\n" + "x".repeat(0x2000) + "\r\n";
                    while (closed.getCount() > 0 && write(out, chunk)) {
                        // A JSON string that never ends.
                    }
                }
            }
        } catch (IOException e) {
            // The client dropped the connection: what this server is for.
        }
    }

    /** Reads up to the blank line after the request's headers (a request body, if any, is ignored). */
    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int read = 0; read < 1 << 16; read++) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    private boolean write(OutputStream out, String text) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes);
            out.flush();
            sent.addAndGet(bytes.length);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits, and says whether the server closed meanwhile. */
    private boolean pause(Duration duration) {
        try {
            return closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            listening.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
