package org.ream.central.authserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A RADIUS authentication server (manual 6.6.3): addresses tried in order, port, shared secret. */
public record RadiusSettings(List<ServerAddress> addresses, int port, String sharedSecret, int timeoutMillis, int retries) {

    public static final List<String> SECRETS = List.of("sharedSecret");

    public static RadiusSettings from(Map<String, ?> m) {
        int port = Settings.integer(m, "port", 1812, 1, 65535);
        List<ServerAddress> addresses = new ArrayList<>();
        for (String a : Settings.list(m, "addresses")) {
            addresses.add(ServerAddress.parse("addresses", a, port));
        }
        if (addresses.isEmpty()) {
            throw new InvalidServerSettings("addresses", "at least one server address is required");
        }
        String secret = Settings.secret(m, "sharedSecret", 128);
        if (secret.isEmpty()) {
            throw new InvalidServerSettings("sharedSecret", "is required");
        }
        return new RadiusSettings(List.copyOf(addresses), port, secret, Settings.integer(m, "timeoutMillis", 3000, 100, 60000),
                Settings.integer(m, "retries", 2, 0, 10));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addresses", addresses.stream().map(ServerAddress::toString).toList());
        m.put("port", port);
        m.put("sharedSecret", sharedSecret);
        m.put("timeoutMillis", timeoutMillis);
        m.put("retries", retries);
        return m;
    }
}
