package dev.duoconformance.simulator.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback port where a gRPC server without TLS listens (HTTP/2 in clear text): to any client it sends its HTTP/2
 * SETTINGS frame first and closes, so a TLS client's handshake fails at once on the unexpected bytes. Only the
 * transport is simulated, not gRPC itself.
 */
public final class PlaintextGrpcPort implements AutoCloseable {
    /** An empty HTTP/2 SETTINGS frame (RFC 9113, section 6.5): length 0, type 0x4, no flags, stream 0. */
    private static final byte[] SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    private final ServerSocket socket;

    public PlaintextGrpcPort() {
        try {
            this.socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::serve, "plaintext-grpc");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(2000);
                InputStream in = client.getInputStream();
                in.read(new byte[512]); // the client's first bytes (a TLS ClientHello): not HTTP/2, answered as an h2c
                // server would
                OutputStream out = client.getOutputStream();
                out.write(SETTINGS);
                out.flush();
            } catch (IOException e) {
                // closed, or the client went away: next connection
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
