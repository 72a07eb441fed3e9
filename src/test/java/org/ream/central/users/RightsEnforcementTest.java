package org.ream.central.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Public;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;

/**
 * Each right of 8.9 opens exactly what it should and nothing else, on every REST endpoint of
 * the application: endpoints are found from the JAX-RS annotations of the compiled classes, so
 * an endpoint added later is covered without touching this test. For each right a user holding
 * only that right calls every GET (403 exactly when the endpoint needs a right the user lacks;
 * ADMINISTRATOR opens everything) and every state-changing call they lack the right for (403,
 * so nothing is changed). A user with no right gets only what needs no right.
 */
@QuarkusTest
class RightsEnforcementTest {

    record Endpoint(String method, String path, Set<Right> required, boolean isPublic, String where, String consumes) {

        boolean opensFor(Set<Right> held) {
            return required == null || held.contains(Right.ADMINISTRATOR) || required.stream().anyMatch(held::contains);
        }
    }

    static List<Endpoint> endpoints;

    /** An endpoint that streams forever (a live view, say) fails the test instead of hanging it. */
    static final io.restassured.config.RestAssuredConfig TIMEOUTS = io.restassured.config.RestAssuredConfig.config().httpClient(
            io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 30_000).setParam("http.connection.timeout", 10_000));

    @Inject
    Databases databases;

    @Inject
    RightGrants grants;

    @Inject
    GroupDirectory groups;

    @BeforeAll
    static void findEndpoints() throws IOException, ClassNotFoundException {
        java.nio.file.Path root = Paths.get("target/classes");
        List<String> classNames;
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("org/ream/central"))) {
            classNames = files.map(p -> root.relativize(p).toString()).filter(s -> s.endsWith(".class") && !s.contains("$"))
                    .map(s -> s.substring(0, s.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
        List<Endpoint> found = new ArrayList<>();
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        for (String name : classNames) {
            Class<?> type = Class.forName(name, false, cl);
            Path base = type.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String http = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST" : m.isAnnotationPresent(PUT.class)
                        ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE" : m.isAnnotationPresent(PATCH.class) ? "PATCH" : null;
                if (http == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = join(base.value(), sub == null ? "" : sub.value()).replaceAll("\\{[^}]+}", "1");
                RequiresRight rr = m.isAnnotationPresent(RequiresRight.class) ? m.getAnnotation(RequiresRight.class) : type.getAnnotation(RequiresRight.class);
                boolean pub = m.isAnnotationPresent(Public.class) || type.isAnnotationPresent(Public.class);
                Set<Right> required = rr == null ? null : EnumSet.copyOf(Arrays.asList(rr.value()));
                jakarta.ws.rs.Consumes consumes = m.isAnnotationPresent(jakarta.ws.rs.Consumes.class) ? m.getAnnotation(jakarta.ws.rs.Consumes.class)
                        : type.getAnnotation(jakarta.ws.rs.Consumes.class);
                found.add(new Endpoint(http, path, required, pub, type.getSimpleName() + "." + m.getName(),
                        consumes == null ? "application/json" : consumes.value()[0]));
            }
        }
        endpoints = found;
    }

    static String join(String a, String b) {
        String s = ("/" + a + "/" + b).replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Test
    void endpointsAreFoundIncludingTheUserDirectory() {
        assertThat(endpoints).extracting(Endpoint::path).contains("/api/users", "/api/groups", "/api/rights", "/api/settings", "/api/auth/login");
        assertThat(endpoints).filteredOn(e -> e.path().equals("/api/rights")).allMatch(e -> e.required().equals(EnumSet.of(Right.ADMINISTRATOR)));
        assertThat(endpoints).filteredOn(e -> e.path().startsWith("/api/users") && !e.path().contains("/cards/"))
                .allMatch(e -> e.required().equals(EnumSet.of(Right.MANAGE_USERS)));
    }

    @Test
    void eachRightOpensExactlyWhatItShould() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<Right>> holders = new LinkedHashMap<>();
        holders.put("none", EnumSet.noneOf(Right.class));
        for (Right r : Right.values()) {
            holders.put(r.name(), EnumSet.of(r));
        }
        Map<String, Integer> publicStatus = new LinkedHashMap<>();
        for (Map.Entry<String, Set<Right>> h : holders.entrySet()) {
            String user = TestAccounts.user(databases, "rights-" + h.getKey().toLowerCase().replace('_', '-'), h.getValue().toArray(Right[]::new));
            String cookie = TestAccounts.login(user, TestAccounts.PASSWORD);
            for (Endpoint e : endpoints) {
                boolean get = e.method().equals("GET");
                if (!get && (e.isPublic() || e.opensFor(h.getValue()))) {
                    continue; // a state-changing call the user may make is not harmless: only refusals are tried
                }
                int status = given().config(TIMEOUTS).cookie("REAM_SESSION", cookie).header("X-Requested-With", "rights-test").contentType(e.consumes())
                        .body(e.consumes().contains("json") ? "{}".getBytes() : new byte[0]).redirects().follow(false).request(e.method(), e.path()).then().extract().statusCode();
                if (e.isPublic()) {
                    Integer first = publicStatus.putIfAbsent(e.method() + " " + e.path(), status);
                    if (first != null && first != status) {
                        problems.add(h.getKey() + ": public " + e.method() + " " + e.path() + " answered " + status + ", another user got " + first);
                    }
                    continue;
                }
                if (e.path().startsWith("/site-api/")) {
                    // Site calls open only with a site's signature (docs/site-protocol.md), never with a web session.
                    if (status != 401) {
                        problems.add(h.getKey() + ": site call " + e.method() + " " + e.path() + " answered " + status + " to a web session");
                    }
                    continue;
                }
                boolean expectOpen = e.opensFor(h.getValue());
                if (status == 401) {
                    problems.add(h.getKey() + ": " + e.method() + " " + e.path() + " answered 401 to a logged-in user");
                } else if (expectOpen && status == 404 && get && !e.path().contains("/1")) {
                    problems.add(h.getKey() + ": " + e.method() + " " + e.path() + " (" + e.where() + ") answered 404: shadowed by another resource?");
                } else if (expectOpen == (status == 403)) {
                    problems.add(h.getKey() + ": " + e.method() + " " + e.path() + " (" + e.where() + ", needs " + e.required() + ") answered " + status);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void withoutSessionOnlyPublicEndpointsAnswer() {
        List<String> problems = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (e.isPublic() || !e.method().equals("GET")) {
                continue;
            }
            int status = given().config(TIMEOUTS).redirects().follow(false).get(e.path()).then().extract().statusCode();
            if (status != 401) {
                problems.add(e.method() + " " + e.path() + " answered " + status + " without a session");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Sessions are cached for a burst of calls, but a revoked right or a left group ends at the next call. */
    @Test
    void aRevokedRightOrALeftGroupClosesTheDoorAtTheNextCall() {
        String user = TestAccounts.user(databases, "rights-revoked", Right.MANAGE_USERS);
        long userId = TestAccounts.userId(databases, user);
        String cookie = TestAccounts.login(user, TestAccounts.PASSWORD);
        given().cookie("REAM_SESSION", cookie).get("/api/users?limit=1").then().statusCode(200);
        grants.setForUser(userId, EnumSet.noneOf(Right.class), org.ream.central.security.Actor.SYSTEM);
        given().cookie("REAM_SESSION", cookie).get("/api/users?limit=1").then().statusCode(403);

        long groupId = groups.create(new GroupInput("rights-revoked-" + System.nanoTime(), null, null), org.ream.central.security.Actor.SYSTEM);
        grants.setForGroup(groupId, EnumSet.of(Right.MANAGE_USERS), org.ream.central.security.Actor.SYSTEM);
        groups.setMember(groupId, userId, null, null, org.ream.central.security.Actor.SYSTEM);
        given().cookie("REAM_SESSION", cookie).get("/api/users?limit=1").then().statusCode(200);
        groups.removeMember(groupId, userId, org.ream.central.security.Actor.SYSTEM);
        given().cookie("REAM_SESSION", cookie).get("/api/users?limit=1").then().statusCode(403);
    }
}
