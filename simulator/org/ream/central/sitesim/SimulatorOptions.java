package org.ream.central.sitesim;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of {@code ./ream site-simulator} (see {@link #USAGE}). */
public record SimulatorOptions(int sites, int printers, int users, int days, long seed, LocalDate start,
        double sessionsPerUser, String userPattern, int centralUsers, String sitePrefix, URI central, String password,
        String host, int firstPort, int lastPort, String mode, String brokerUrl, String brokerUser, String brokerPassword,
        Path out, List<String> types, Misbehaviour misbehave, int misbehaveSites, boolean misbehaveOnce, long timeoutMillis,
        int threads) {

    public static final String USAGE = """
            Usage: ./ream site-simulator [options]
              --sites N               simulated sites (1)
              --printers N            printers per site (10)
              --users N               users per site (50)
              --days N                days of activity, one batch per day (1)
              --seed N                seed: the same seed gives the same records (1)
              --start YYYY-MM-DD      first day, UTC (2026-11-02, a Monday)
              --sessions-per-user X   sessions per user and working day; weekends a twelfth (4)
              --user-pattern P        user names, a pattern with one number (user%05d)
              --central-users N       numbers the pattern takes, 1..N (0: sites x users, each site its own users)
              --site-prefix S         site names S-001, S-002... (Site)
              --central URL           central server: register each site and pull its users (none: offline)
              --password P            communication password (or REAM_SITE_PASSWORD): requests are signed and checked
              --mode serve|push|files serve downloads (default), push to the queue, or write payload files
              --host H                address to listen on and register (127.0.0.1)
              --ports A-B             ports of the sites, one each (0: any free port)
              --broker URL            push: Artemis URL (tcp://localhost:61616); each site logs in as itself with its
                                      broker token (needs --password), or all as --broker-user, --broker-password
              --out DIR               files: folder for the payloads (./site-payloads)
              --types a,b             push/files: record types (all); serve: the central server asks
              --misbehave MODE        none|timeout|500|zero|404|truncated|corrupt|duplicates
              --misbehave-sites N     only the first N sites misbehave (all)
              --misbehave-once        misbehave on the first request (or batch) only, then behave
              --timeout-ms N          how long a timeout holds a request (120000)
              --threads N             request threads shared by all sites (16)
            """;

    public static SimulatorOptions parse(String... args) {
        Map<String, String> o = new HashMap<>();
        Set<String> flags = Set.of("--misbehave-once", "--help");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            } else if (!flags.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                value = args[++i];
            }
            if (!a.startsWith("--") || !USAGE.contains(a + " ") && !USAGE.contains(a + ",") && !USAGE.contains(a + "\n")
                    && !a.equals("--help")) {
                throw new IllegalArgumentException("unknown option " + a);
            }
            o.put(a, value == null ? "true" : value);
        }
        if (o.containsKey("--help")) {
            throw new IllegalArgumentException("");
        }
        String ports = o.getOrDefault("--ports", "0");
        String[] range = ports.split("-");
        int first = Integer.parseInt(range[0]);
        int last = range.length > 1 ? Integer.parseInt(range[1]) : first;
        int sites = Integer.parseInt(o.getOrDefault("--sites", "1"));
        if (first != 0 && last - first + 1 < sites) {
            throw new IllegalArgumentException("--ports " + ports + " has fewer ports than the " + sites + " sites");
        }
        String mode = o.getOrDefault("--mode", "serve");
        if (!List.of("serve", "push", "files").contains(mode)) {
            throw new IllegalArgumentException("--mode is serve, push or files");
        }
        String password = o.getOrDefault("--password", System.getenv("REAM_SITE_PASSWORD"));
        return new SimulatorOptions(sites, Integer.parseInt(o.getOrDefault("--printers", "10")),
                Integer.parseInt(o.getOrDefault("--users", "50")), Integer.parseInt(o.getOrDefault("--days", "1")),
                Long.parseLong(o.getOrDefault("--seed", "1")), LocalDate.parse(o.getOrDefault("--start", "2026-11-02")),
                Double.parseDouble(o.getOrDefault("--sessions-per-user", "4")), o.getOrDefault("--user-pattern", "user%05d"),
                Integer.parseInt(o.getOrDefault("--central-users", "0")), o.getOrDefault("--site-prefix", "Site"),
                o.containsKey("--central") ? URI.create(o.get("--central")) : null, password,
                o.getOrDefault("--host", "127.0.0.1"), first, last, mode, o.getOrDefault("--broker", "tcp://localhost:61616"),
                o.get("--broker-user"), o.get("--broker-password"), Path.of(o.getOrDefault("--out", "site-payloads")),
                RecordTypes.chosen(o.get("--types")), Misbehaviour.parse(o.getOrDefault("--misbehave", "none")),
                Integer.parseInt(o.getOrDefault("--misbehave-sites", String.valueOf(sites))), o.containsKey("--misbehave-once"),
                Long.parseLong(o.getOrDefault("--timeout-ms", "120000")), Integer.parseInt(o.getOrDefault("--threads", "16")));
    }

    /** Site {@code i} (0-based). */
    public SiteSpec site(int i) {
        return new SiteSpec(i, String.format("%s-%03d", sitePrefix, i + 1), seed, printers, users, days, start, sessionsPerUser,
                userPattern, centralUsers, null);
    }

    public Misbehaviour misbehaviourOf(int i) {
        return i < misbehaveSites ? misbehave : Misbehaviour.NONE;
    }
}
