package org.ream.central.usersync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.authserver.AzureSettings;

/** The Graph reader against a local stub that keeps Graph's contract: paging, delta, throttling, groups, strict answers. */
class GraphDirectoryReaderTest {

    static final List<String> PROPERTIES = List.of("displayName", "mail", "employeeId", "businessPhones", "accountEnabled");

    GraphStub graph;
    final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        graph = new GraphStub();
        graph.putUser("id-alice", "alice@contoso.com", "displayName", "Alice Martin", "mail", "alice@contoso.com", "employeeId", "1001",
                "businessPhones", List.of("+33 1 23 45 67 89"), "accountEnabled", true);
        graph.putUser("id-bob", "bob@contoso.com", "displayName", "Bob Durand", "mail", null, "employeeId", "1002", "businessPhones", List.of(),
                "accountEnabled", true);
        graph.putUser("id-carol", "carol@contoso.com", "displayName", "Carol Petit", "employeeId", "1003");
        graph.putUser("id-dave", "dave@contoso.com", "displayName", "Dave Leroy");
        graph.putUser("id-erin", "erin@contoso.com", "displayName", "Erin Roux");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    GraphDirectoryReader reader(String secret) {
        AzureSettings azure = AzureSettings.from(Map.of("tenantId", GraphStub.TENANT, "clientId", GraphStub.CLIENT_ID, "clientSecret", secret, "authority",
                graph.authority()));
        GraphEndpoints endpoints = new GraphEndpoints(URI.create(graph.graph()), null, Duration.ofSeconds(5), 3, Duration.ofSeconds(30));
        return new GraphDirectoryReader(azure, endpoints, HttpClient.newHttpClient(), waits::add);
    }

    GraphDirectoryReader reader() {
        return reader(GraphStub.SECRET);
    }

    static List<DirectoryEntry> read(GraphDirectoryReader r, GraphQuery q, List<ReadResult> result) throws DirectoryReadException {
        List<DirectoryEntry> out = new ArrayList<>();
        result.add(r.read(q, out::add));
        return out;
    }

    @Test
    void readsAllUsersAcrossPagesAndEndsWithADeltaLink() throws Exception {
        List<ReadResult> res = new ArrayList<>();
        List<DirectoryEntry> users = read(reader(), GraphQuery.allUsers(PROPERTIES).withPageSize(2), res);

        ReadResult r = res.get(0);
        assertThat(r.complete()).isTrue();
        assertThat(r.delta()).isFalse();
        assertThat(r.mayDeactivateMissing()).isTrue();
        assertThat(r.entries()).isEqualTo(5);
        assertThat(r.watermark()).startsWith(graph.graph() + "/users/delta?$deltatoken=");
        assertThat(graph.requests).hasSize(3).allMatch(p -> p.startsWith("/v1.0/users/delta"));
        assertThat(graph.requests.get(0)).contains("$select=id,userPrincipalName,displayName,mail,employeeId,businessPhones,accountEnabled");
        assertThat(users).extracting(DirectoryEntry::id).containsExactly("id-alice", "id-bob", "id-carol", "id-dave", "id-erin");
        DirectoryEntry alice = users.get(0);
        assertThat(alice.name()).isEqualTo("alice@contoso.com");
        assertThat(alice.first("DISPLAYNAME")).isEqualTo("Alice Martin");
        assertThat(alice.values("businessPhones")).containsExactly("+33 1 23 45 67 89");
        assertThat(alice.first("accountEnabled")).isEqualTo("true");
        assertThat(alice.removed()).isFalse();
        // null in Graph: the source says "empty", which differs from "not delivered".
        assertThat(users.get(1).attributes()).containsEntry("mail", List.of());
        assertThat(users.get(2).attributes()).doesNotContainKey("mail");
        assertThat(graph.tokensIssued).as("one app token for the whole read").isEqualTo(1);
    }

    @Test
    void aDeltaReadGivesOnlyChangesAndRemovals() throws Exception {
        List<ReadResult> res = new ArrayList<>();
        read(reader(), GraphQuery.allUsers(PROPERTIES).withPageSize(2), res);
        String deltaLink = res.get(0).watermark();

        graph.putUser("id-bob", "bob@contoso.com", "displayName", "Bob Durand-Moreau", "employeeId", "1002");
        graph.putUser("id-frank", "frank@contoso.com", "displayName", "Frank Noel");
        graph.deleteUser("id-carol");
        List<DirectoryEntry> changes = read(reader(), GraphQuery.allUsers(PROPERTIES).withPageSize(2).withDeltaLink(deltaLink), res);

        ReadResult delta = res.get(1);
        assertThat(delta.complete()).isTrue();
        assertThat(delta.delta()).isTrue();
        assertThat(delta.mayDeactivateMissing()).isFalse();
        assertThat(delta.removed()).isEqualTo(1);
        assertThat(changes).extracting(DirectoryEntry::id).containsExactlyInAnyOrder("id-bob", "id-frank", "id-carol");
        assertThat(changes.stream().filter(e -> e.id().equals("id-bob")).findFirst().orElseThrow().first("displayName")).isEqualTo("Bob Durand-Moreau");
        assertThat(changes.stream().filter(DirectoryEntry::removed)).extracting(DirectoryEntry::id).containsExactly("id-carol");
        assertThat(delta.watermark()).isNotEqualTo(deltaLink);

        List<DirectoryEntry> none = read(reader(), GraphQuery.allUsers(PROPERTIES).withDeltaLink(delta.watermark()), res);
        assertThat(none).isEmpty();
        assertThat(res.get(2).complete()).isTrue();
    }

    @Test
    void anUnknownDeltaTokenAsksForAFullRead() {
        String stale = graph.graph() + "/users/delta?$deltatoken=expired";
        assertThatThrownBy(() -> reader().read(GraphQuery.allUsers(PROPERTIES).withDeltaLink(stale), e -> { }))
                .isInstanceOf(DeltaExpiredException.class).hasMessageContaining("full read");
    }

    @Test
    void throttlingIsRetriedAfterRetryAfterThenTheReadSucceeds() throws Exception {
        graph.enqueue(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}", "Retry-After", "7");
        graph.enqueue(503, "{\"error\":{\"code\":\"serviceNotAvailable\",\"message\":\"busy\"}}", "Retry-After", "2");
        List<ReadResult> res = new ArrayList<>();
        List<DirectoryEntry> users = read(reader(), GraphQuery.allUsers(PROPERTIES), res);
        assertThat(res.get(0).complete()).isTrue();
        assertThat(users).hasSize(5);
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
    }

    @Test
    void throttlingBeyondTheRetryBudgetFailsTheRead() {
        for (int i = 0; i < 4; i++) {
            graph.enqueue(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}", "Retry-After", "600");
        }
        assertThatThrownBy(() -> reader().read(GraphQuery.allUsers(PROPERTIES), e -> { })).isInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("429").hasMessageContaining("3 retries");
        // Retry-After is honoured up to the configured longest wait.
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void anAnswerThatIsNotShapedAsGraphsFailsTheReadWithTheReason() {
        GraphQuery q = GraphQuery.allUsers(PROPERTIES);
        graph.enqueue(200, "{\"values\":[]}");
        assertThatThrownBy(() -> reader().read(q, e -> { })).isInstanceOf(DirectoryReadException.class).hasMessageContaining("no \"value\" array");
        graph.enqueue(200, "{\"value\":{\"id\":\"x\"}}");
        assertThatThrownBy(() -> reader().read(q, e -> { })).hasMessageContaining("no \"value\" array");
        graph.enqueue(200, "{\"value\":[{\"id\":42}],\"@odata.deltaLink\":\"" + graph.graph() + "/users/delta?$deltatoken=x\"}");
        assertThatThrownBy(() -> reader().read(q, e -> { })).hasMessageContaining("no text id");
        graph.enqueue(200, "{\"value\":[{\"id\":\"u1\",\"manager\":{\"id\":\"u2\"}}]}");
        assertThatThrownBy(() -> reader().read(q, e -> { })).hasMessageContaining("property manager of user u1 is an object");
        graph.enqueue(200, "<html>proxy login</html>");
        assertThatThrownBy(() -> reader().read(q, e -> { })).hasMessageContaining("not JSON");
        graph.enqueue(200, "{\"value\":[]}");
        assertThatThrownBy(() -> reader().read(q, e -> { })).hasMessageContaining("neither @odata.nextLink nor @odata.deltaLink");
        graph.enqueue(200, "{\"value\":[],\"@odata.nextLink\":\"https://evil.example.net/v1.0/users/delta?$skiptoken=1\"}");
        assertThatThrownBy(() -> reader().read(q, e -> { })).hasMessageContaining("evil.example.net").hasMessageContaining("not to Graph");
        graph.enqueue(500, "{\"error\":{\"code\":\"generalException\",\"message\":\"boom\"}}");
        assertThatThrownBy(() -> reader().read(q, e -> { })).hasMessageContaining("HTTP 500").hasMessageContaining("generalException boom");
    }

    @Test
    void usersOfSelectedGroupsIncludeNestedGroupsOnceEach() throws Exception {
        graph.putGroup("g-print", "Printing", "id-alice", "g-nested", "device-1");
        graph.putGroup("g-nested", "Print operators", "id-bob", "id-alice");
        graph.putGroup("g-sales", "Sales", "id-carol", "id-bob");
        List<ReadResult> res = new ArrayList<>();
        List<DirectoryEntry> users = read(reader(), GraphQuery.usersOfGroups(List.of("g-print", "g-sales"), PROPERTIES).withPageSize(1), res);
        assertThat(users).extracting(DirectoryEntry::id).containsExactly("id-alice", "id-bob", "id-carol");
        assertThat(res.get(0).complete()).isTrue();
        assertThat(res.get(0).watermark()).isNull();
        assertThat(graph.requests).anyMatch(p -> p.startsWith("/v1.0/groups/g-print/transitiveMembers"));

        List<DirectoryEntry> direct = read(reader(), GraphQuery.usersOfGroups(List.of("g-print"), PROPERTIES).withTransitiveMembers(false), res);
        assertThat(direct).extracting(DirectoryEntry::id).containsExactly("id-alice");

        assertThatThrownBy(() -> reader().read(GraphQuery.usersOfGroups(List.of("g-missing"), PROPERTIES), e -> { }))
                .isInstanceOf(DirectoryReadException.class).hasMessageContaining("HTTP 404");
    }

    @Test
    void theUsersGroupsLeaveOutIgnoredOnesCaseInsensitively() throws Exception {
        graph.putGroup("g-1", "Printing", "id-alice");
        graph.putGroup("g-2", "All Company", "id-alice");
        graph.putGroup("g-3", "Teams-Archive-2019", "id-alice");
        graph.putGroup("g-4", "Finance", "id-alice", "id-bob");
        GraphQuery q = GraphQuery.allUsers(PROPERTIES).withUserGroups(GroupNameFilter.ofLines("all company\n", "ARCHIVE\n  \n")).withPageSize(1);
        List<DirectoryEntry> users = read(reader(), q, new ArrayList<>());
        assertThat(users.get(0).groups()).containsExactly("Printing", "Finance");
        assertThat(users.get(1).groups()).containsExactly("Finance");
        assertThat(users.get(2).groups()).isEmpty();
    }

    @Test
    void aRefusedSecretFailsAndAnExpiredTokenIsRenewedOnce() throws Exception {
        assertThatThrownBy(() -> reader("wrong").read(GraphQuery.allUsers(PROPERTIES), e -> { })).isInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("invalid_client");

        GraphDirectoryReader reader = reader();
        List<DirectoryEntry> got = new ArrayList<>();
        reader.read(GraphQuery.allUsers(PROPERTIES).withPageSize(2), e -> {
            got.add(e);
            if (got.size() == 2) {
                graph.revokeTokens();
            }
        });
        assertThat(got).hasSize(5);
        assertThat(graph.tokensIssued).isEqualTo(2);
    }
}
