package org.ream.central.sitesim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code ./ream site-simulator}: plays one or many sites against a central server (issue 4). */
public final class SiteSimulator {

    private SiteSimulator() {
    }

    public static void main(String[] args) throws Exception {
        SimulatorOptions o;
        try {
            o = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(SimulatorOptions.USAGE);
            System.exit(64);
            return;
        }
        RequestSigner signer = o.password() == null || o.password().isEmpty() ? RequestSigner.UNSIGNED : RequestSigner.withPassword(o.password());
        CentralClient central = o.central() == null ? null : new CentralClient(o.central(), signer);
        List<ActivityGenerator> sites = new ArrayList<>(o.sites());
        boolean serving = !List.of("push", "files").contains(o.mode());
        for (int i = 0; i < o.sites(); i++) {
            SiteSpec spec = o.site(i);
            if (central != null && !serving) {
                spec = joinCentral(central, spec, o.host(), o.firstPort() == 0 ? 0 : o.firstPort() + i);
            }
            sites.add(new ActivityGenerator(spec));
        }
        switch (o.mode()) {
            case "push" -> push(o, sites, signer);
            case "files" -> files(o, sites);
            default -> serve(o, sites, central);
        }
    }

    private static SiteSpec joinCentral(CentralClient central, SiteSpec spec, String host, int port) {
        try {
            central.register(spec.name(), host, port);
            List<String> names = central.usernames(spec.name());
            if (!names.isEmpty()) {
                System.out.printf("%s: registered, %d users from the central server%n", spec.name(), names.size());
                return spec.withUserNames(names.size() > spec.users() ? names.subList(0, spec.users()) : names);
            }
            System.out.printf("%s: registered, no users from the central server: generated names%n", spec.name());
        } catch (IOException e) {
            System.out.printf("%s: central server refused or unreachable (%s): generated names%n", spec.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return spec;
    }

    private static void serve(SimulatorOptions o, List<ActivityGenerator> sites, CentralClient central) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(o.threads());
        List<SiteServer> servers = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            int port = o.firstPort() == 0 ? 0 : o.firstPort() + i;
            SiteServer server = new SiteServer(sites.get(i), new InetSocketAddress(o.host(), port), executor,
                    o.password() == null || o.password().isEmpty() ? RequestCheck.ACCEPT_ALL : RequestCheck.signedFor(sites.get(i).spec().name(), o.password()));
            if (central != null) {
                // Registered once bound, so that the central server is given the port actually taken (--ports 0).
                sites.set(i, new ActivityGenerator(joinCentral(central, sites.get(i).spec(), o.host(), server.port())));
                server.site(sites.get(i));
            }
            server.misbehave(o.misbehaviourOf(i), o.misbehaveOnce());
            server.timeoutMillis(o.timeoutMillis());
            servers.add(server.start());
            System.out.printf("%s http://%s:%d/ream-site/v1/export (%d printers, %d users, %d days%s)%n",
                    sites.get(i).spec().name(), o.host(), server.port(), o.printers(), sites.get(i).users().size(), o.days(),
                    o.misbehaviourOf(i) == Misbehaviour.NONE ? "" : ", misbehaving: " + o.misbehaviourOf(i).option());
        }
        System.out.printf("Serving %d sites; Ctrl+C stops.%n", servers.size());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.forEach(SiteServer::close);
            executor.shutdownNow();
            stop.countDown();
        }));
        stop.await();
    }

    private static void push(SimulatorOptions o, List<ActivityGenerator> sites, RequestSigner signer) throws Exception {
        int sent = 0;
        try (QueuePusher pusher = new QueuePusher(o.brokerUrl(), o.brokerUser(), o.brokerPassword(), signer)) {
            for (int i = 0; i < sites.size(); i++) {
                for (int k = 1; k <= sites.get(i).batches(); k++) {
                    boolean bad = k == 1 || !o.misbehaveOnce();
                    pusher.push(sites.get(i), k, o.types(), bad ? o.misbehaviourOf(i) : Misbehaviour.NONE);
                    sent++;
                }
            }
        }
        System.out.printf("Pushed %d payloads of %d sites to %s%n", sent, sites.size(), QueuePusher.QUEUE);
    }

    private static void files(SimulatorOptions o, List<ActivityGenerator> sites) throws IOException {
        Files.createDirectories(o.out());
        for (int i = 0; i < sites.size(); i++) {
            ActivityGenerator site = sites.get(i);
            // Signed as the site would sign what it serves, when the communication password is given.
            byte[] key = o.password() == null || o.password().isEmpty() ? null
                    : org.ream.central.replication.payload.SiteKeys.deriveKey(o.password(), site.spec().name());
            for (int k = 1; k <= site.batches(); k++) {
                boolean bad = k == 1 || !o.misbehaveOnce();
                Misbehaviour m = bad ? o.misbehaviourOf(i) : Misbehaviour.NONE;
                try (OutputStream file = Files.newOutputStream(o.out().resolve(site.spec().name() + "-" + ActivityGenerator.cursor(k)
                        + ".ndjson.gz"))) {
                    Payloads.write(site, k, o.types(), m, file, key);
                }
            }
        }
        System.out.printf("Wrote the payloads of %d sites to %s%n", sites.size(), o.out().toAbsolutePath());
    }
}
