package dev.duoconformance.simulator.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/** A loopback URL where nothing listens, for a component that is down: connecting to it is refused. */
public final class ClosedPort {
    private ClosedPort() {}

    public static URI url(String scheme) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create(scheme + "://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
