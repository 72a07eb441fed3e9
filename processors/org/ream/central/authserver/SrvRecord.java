package org.ream.central.authserver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;

/**
 * One DNS SRV answer ("priority weight port target"), as used to discover the domain
 * controllers of a domain ({@code _ldap._tcp.<domain>}) when no address is given.
 */
public record SrvRecord(int priority, int weight, int port, String target) {

    /** Parses the text form a DNS lookup returns, e.g. "0 100 389 dc1.example.com.". */
    public static SrvRecord parse(String text) {
        String[] p = text.strip().split("\\s+");
        if (p.length != 4) {
            throw new IllegalArgumentException("Not an SRV record: " + text);
        }
        String target = p[3].endsWith(".") ? p[3].substring(0, p[3].length() - 1) : p[3];
        return new SrvRecord(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), target.toLowerCase(Locale.ROOT));
    }

    /**
     * The order to try the targets in (RFC 2782): lowest priority first; within one priority
     * a weighted random draw, so that weight 0 entries come last in practice but are still tried.
     * A single "." target means the service is not offered there and yields nothing.
     */
    public static List<SrvRecord> order(List<SrvRecord> records, Random random) {
        List<SrvRecord> usable = records.stream().filter(r -> !r.target().isEmpty() && !r.target().equals(".")).toList();
        TreeMap<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        for (SrvRecord r : usable) {
            byPriority.computeIfAbsent(r.priority(), k -> new ArrayList<>()).add(r);
        }
        List<SrvRecord> out = new ArrayList<>();
        for (List<SrvRecord> group : byPriority.values()) {
            List<SrvRecord> left = new ArrayList<>(group);
            // Zero-weight entries first in the list, as the RFC asks, so they have a small chance.
            left.sort(Comparator.comparingInt(SrvRecord::weight));
            while (!left.isEmpty()) {
                int total = left.stream().mapToInt(SrvRecord::weight).sum();
                int pick = total == 0 ? 0 : random.nextInt(total + 1);
                int running = 0;
                int chosen = left.size() - 1;
                for (int i = 0; i < left.size(); i++) {
                    running += left.get(i).weight();
                    if (running >= pick) {
                        chosen = i;
                        break;
                    }
                }
                out.add(left.remove(chosen));
            }
        }
        return out;
    }

    public ServerAddress address() {
        return new ServerAddress(target, port);
    }
}
