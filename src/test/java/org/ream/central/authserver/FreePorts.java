package org.ream.central.authserver;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;

/** Ports nothing listens on, for "server down" cases and for test servers started on them. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int tcp() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static int udp() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
