package dev.duoconformance.simulator.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A forwarding HTTP proxy on loopback, as a corporate proxy in front of the deployment: {@code CONNECT} tunnels for
 * https, absolute-form requests for http. It records what it forwarded.
 */
public final class SimProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());

    public SimProxy() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        daemon(this::accept);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** {@code CONNECT host:port} or {@code GET http://host:port/path}, one entry per request the proxy forwarded. */
    public List<String> forwarded() {
        synchronized (forwarded) {
            return List.copyOf(forwarded);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (requestLine[0].equals("CONNECT")) {
                String[] target = requestLine[1].split(":");
                try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                    forwarded.add("CONNECT " + requestLine[1]);
                    client.getOutputStream()
                            .write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    pipe(client, upstream, in);
                }
                return;
            }
            URI target = URI.create(requestLine[1]);
            try (Socket upstream = new Socket(target.getHost(), target.getPort() == -1 ? 80 : target.getPort())) {
                forwarded.add(requestLine[0] + " " + requestLine[1]);
                String originForm = requestLine[0] + " " + target.getRawPath()
                        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " " + requestLine[2]
                        + head.substring(head.indexOf("\r\n"));
                upstream.getOutputStream().write(originForm.getBytes(StandardCharsets.ISO_8859_1));
                pipe(client, upstream, in);
            }
        } catch (IOException | RuntimeException e) {
            // The client or the upstream went away: nothing to forward any more.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection closed before the request head ended");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void pipe(Socket client, Socket upstream, InputStream clientIn) throws IOException {
        Thread toUpstream = daemon(() -> copy(clientIn, upstream));
        copy(upstream.getInputStream(), client);
        toUpstream.interrupt();
    }

    private static void copy(InputStream from, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            from.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed: the other direction ends on its own.
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "sim-proxy");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing is best effort.
        }
    }
}
