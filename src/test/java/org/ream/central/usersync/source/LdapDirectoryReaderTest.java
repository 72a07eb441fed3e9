package org.ream.central.usersync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ream.central.authserver.LdapConnections;
import org.ream.central.authserver.LdapSettings.LdapType;

/** The LDAP reader against an in-process directory: paging, base DNs, stable ids, deltas, truncation, validation. */
class LdapDirectoryReaderTest {

    static final List<String> ATTRIBUTES = List.of("uid", "cn", "mail", "memberOf");

    TestDirectory dir;

    @AfterEach
    void stop() {
        if (dir != null) {
            dir.close();
        }
    }

    static ReadResult read(LdapDirectoryReader reader, LdapQuery q, List<DirectoryEntry> into) throws DirectoryReadException {
        return reader.read(q, into::add);
    }

    @Test
    void readsEveryEntryPageByPageWithEntryUuidAndCaseInsensitiveAttributes() throws Exception {
        dir = new TestDirectory(0);
        for (int i = 0; i < 250; i++) {
            dir.addUser(TestDirectory.PEOPLE, String.format("user%03d", i), "mail", "user" + i + "@example.com", "memberOf", "cn=printing," + TestDirectory.BASE,
                    "memberOf", "cn=staff," + TestDirectory.BASE);
        }
        List<DirectoryEntry> got = new ArrayList<>();
        ReadResult r = read(dir.reader(LdapType.OPENLDAP), LdapQuery.full(List.of(TestDirectory.PEOPLE), "(objectClass=inetOrgPerson)", ATTRIBUTES)
                .withPageSize(100), got);

        assertThat(r.complete()).isTrue();
        assertThat(r.delta()).isFalse();
        assertThat(r.mayDeactivateMissing()).isTrue();
        assertThat(r.entries()).isEqualTo(250);
        assertThat(got).hasSize(250);
        assertThat(dir.userSearches.get()).as("pages of 100").isEqualTo(3);
        DirectoryEntry first = got.stream().filter(e -> e.first("uid").equals("user007")).findFirst().orElseThrow();
        assertThat(first.name()).isEqualTo("uid=user007," + TestDirectory.PEOPLE);
        assertThat(first.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(first.first("MAIL")).isEqualTo("user7@example.com");
        assertThat(first.values("memberof")).containsExactly("cn=printing," + TestDirectory.BASE, "cn=staff," + TestDirectory.BASE);
        assertThat(got.stream().map(DirectoryEntry::id).distinct().count()).isEqualTo(250);
        assertThat(r.watermark()).startsWith("ts:");

        // The id is the directory's, not derived from the name: a second read gives the same ids.
        List<DirectoryEntry> again = new ArrayList<>();
        read(dir.reader(LdapType.OPENLDAP), LdapQuery.full(List.of(TestDirectory.PEOPLE), "(uid=user007)", ATTRIBUTES), again);
        assertThat(again).extracting(DirectoryEntry::id).containsExactly(first.id());
    }

    @Test
    void readsSeveralBaseDnsAndOnlyThem() throws Exception {
        dir = new TestDirectory(0);
        dir.addUser(TestDirectory.PEOPLE, "alice");
        dir.addUser(TestDirectory.STAFF, "bob");
        dir.server.add("dn: ou=other," + TestDirectory.BASE, "objectClass: organizationalUnit", "ou: other");
        dir.addUser("ou=other," + TestDirectory.BASE, "mallory");
        List<DirectoryEntry> got = new ArrayList<>();
        ReadResult r = read(dir.reader(LdapType.OPENLDAP), LdapQuery.full(List.of(TestDirectory.PEOPLE, TestDirectory.STAFF), "(uid=*)", ATTRIBUTES), got);
        assertThat(r.complete()).isTrue();
        assertThat(got).extracting(e -> e.first("uid")).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void aDeltaReadReturnsWhatChangedSinceTheWatermark() throws Exception {
        dir = new TestDirectory(0, false);
        String[] users = {"alice", "bob", "carol", "dave"};
        for (int i = 0; i < users.length; i++) {
            dir.addUser(TestDirectory.PEOPLE, users[i], "mail", users[i] + "@example.com", "entryUUID", "00000000-0000-0000-0000-00000000000" + i,
                    "modifyTimestamp", "2025010" + (i + 1) + "000000Z");
        }
        LdapQuery q = LdapQuery.full(List.of(TestDirectory.PEOPLE), "(objectClass=inetOrgPerson)", ATTRIBUTES);
        ReadResult first = read(dir.reader(LdapType.OPENLDAP), q, new ArrayList<>());
        assertThat(first.watermark()).isEqualTo("ts:20250104000000Z");

        // Alice changes after the run; the server stamps the change.
        dir.server.modify("dn: uid=alice," + TestDirectory.PEOPLE, "changetype: modify", "replace: mail", "mail: alice.martin@example.com", "-",
                "replace: modifyTimestamp", "modifyTimestamp: 20250105120000Z");
        List<DirectoryEntry> changes = new ArrayList<>();
        ReadResult delta = read(dir.reader(LdapType.OPENLDAP), q.withWatermark(first.watermark()), changes);

        assertThat(delta.complete()).isTrue();
        assertThat(delta.delta()).isTrue();
        assertThat(delta.mayDeactivateMissing()).isFalse();
        // Dave, stamped exactly at the watermark, is read again (>=): a change in the same second as the last run is never lost.
        assertThat(changes).extracting(e -> e.first("uid")).containsExactlyInAnyOrder("alice", "dave");
        assertThat(changes.stream().filter(e -> e.first("uid").equals("alice")).findFirst().orElseThrow().first("mail")).isEqualTo("alice.martin@example.com");
        assertThat(delta.watermark()).isEqualTo("ts:20250105120000Z");

        // Nothing changed since: only the entry at the watermark, and the watermark stays.
        List<DirectoryEntry> quiet = new ArrayList<>();
        ReadResult again = read(dir.reader(LdapType.OPENLDAP), q.withWatermark(delta.watermark()), quiet);
        assertThat(quiet).extracting(e -> e.first("uid")).containsExactly("alice");
        assertThat(again.watermark()).isEqualTo(delta.watermark());
    }

    @Test
    void aReadStoppedByTheServersSizeLimitIsIncompleteAndKeepsNoWatermark() throws Exception {
        // OpenLDAP's default: 500 entries.
        dir = new TestDirectory(500);
        for (int i = 0; i < 520; i++) {
            dir.addUser(TestDirectory.PEOPLE, "u" + i);
        }
        List<DirectoryEntry> got = new ArrayList<>();
        ReadResult r = read(dir.reader(LdapType.OPENLDAP), LdapQuery.full(List.of(TestDirectory.PEOPLE), "(uid=*)", ATTRIBUTES), got);
        assertThat(r.complete()).isFalse();
        assertThat(r.mayDeactivateMissing()).isFalse();
        assertThat(r.watermark()).isNull();
        assertThat(r.problem()).contains("size limit");
        assertThat(r.entries()).isEqualTo(got.size()).isLessThan(520);
    }

    @Test
    void aMissingBaseDnMakesTheReadIncompleteNotEmpty() throws Exception {
        dir = new TestDirectory(0);
        dir.addUser(TestDirectory.PEOPLE, "alice");
        List<DirectoryEntry> got = new ArrayList<>();
        ReadResult r = read(dir.reader(LdapType.OPENLDAP), LdapQuery.full(List.of(TestDirectory.PEOPLE, "ou=gone," + TestDirectory.BASE), "(uid=*)", ATTRIBUTES), got);
        assertThat(r.complete()).isFalse();
        assertThat(r.problem()).contains("ou=gone").containsIgnoringCase("no such object");
        assertThat(got).hasSize(1);
    }

    @Test
    void activeDirectoryGivesObjectGuidAsUuidAndDeltasByUsn() throws Exception {
        dir = new TestDirectory(0);
        byte[] guid = new byte[16];
        for (int i = 0; i < 16; i++) {
            guid[i] = (byte) (i + 1);
        }
        dir.addAdUser("alice", guid);
        dir.addAdUser("bob", new byte[] {(byte) 0xa1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});
        dir.addAdUser("carol", new byte[] {(byte) 0xc1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3});
        LdapQuery q = LdapQuery.full(List.of(TestDirectory.PEOPLE), "(objectClass=user)", List.of("sAMAccountName", "objectGUID", "mail"));
        List<DirectoryEntry> full = new ArrayList<>();
        ReadResult first = read(dir.reader(LdapType.ACTIVE_DIRECTORY), q, full);

        assertThat(first.complete()).isTrue();
        DirectoryEntry alice = full.stream().filter(e -> e.first("sAMAccountName").equals("alice")).findFirst().orElseThrow();
        // Data1-3 little-endian, as AD and .NET write a GUID.
        assertThat(alice.id()).isEqualTo("04030201-0605-0807-090a-0b0c0d0e0f10");
        assertThat(alice.first("objectGUID")).isEqualTo(alice.id());
        assertThat(first.watermark()).isEqualTo("usn:12004@" + dir.dsServiceName);

        dir.changeAdUser("bob", "mail", "bob@example.com");
        List<DirectoryEntry> changes = new ArrayList<>();
        ReadResult delta = read(dir.reader(LdapType.ACTIVE_DIRECTORY), q.withWatermark(first.watermark()), changes);
        assertThat(delta.delta()).isTrue();
        assertThat(changes).extracting(DirectoryEntry::id).containsExactly("000000a1-0000-0000-0000-000000000002");
        assertThat(delta.watermark()).isEqualTo("usn:12005@" + dir.dsServiceName);

        // USNs belong to one domain controller: a watermark of another DC means a full read.
        dir.dsServiceName = "CN=NTDS Settings,CN=DC2,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration," + TestDirectory.BASE;
        List<DirectoryEntry> other = new ArrayList<>();
        ReadResult fromDc2 = read(dir.reader(LdapType.ACTIVE_DIRECTORY), q.withWatermark(delta.watermark()), other);
        assertThat(fromDc2.delta()).isFalse();
        assertThat(fromDc2.problem()).contains("another domain controller");
        assertThat(other).hasSize(3);
    }

    @Test
    void badBaseDnsAndFiltersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> LdapDirectoryReader.validate(List.of("ou=people,dc=example,dc=com"), "(&(uid=a)"))
                .isInstanceOf(InvalidSourceQuery.class).extracting(e -> ((InvalidSourceQuery) e).field()).isEqualTo("filter");
        assertThatThrownBy(() -> LdapDirectoryReader.validate(List.of("not a dn"), "(uid=*)"))
                .isInstanceOf(InvalidSourceQuery.class).extracting(e -> ((InvalidSourceQuery) e).field()).isEqualTo("baseDns");
        assertThatThrownBy(() -> LdapDirectoryReader.validate(List.of(), "(uid=*)")).isInstanceOf(InvalidSourceQuery.class);
        assertThatThrownBy(() -> LdapDirectoryReader.validate(List.of("dc=example,dc=com", "ou=people,dc=example,dc=com"), "(uid=*)"))
                .isInstanceOf(InvalidSourceQuery.class).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> LdapDirectoryReader.validate(List.of("dc=example,dc=com"), " ")).isInstanceOf(InvalidSourceQuery.class);
        LdapDirectoryReader.validate(List.of("OU=People, DC=example,DC=com", "ou=staff,dc=example,dc=com"), "(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))");
    }

    @Test
    void aDeadAddressIsSkippedAndNoAnswerAtAllIsAnError() throws Exception {
        dir = new TestDirectory(0);
        dir.addUser(TestDirectory.PEOPLE, "alice");
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        LdapQuery q = LdapQuery.full(List.of(TestDirectory.PEOPLE), "(uid=*)", ATTRIBUTES);
        LdapDirectoryReader failover = new LdapDirectoryReader(
                new LdapConnections(dir.settings(LdapType.OPENLDAP, List.of("127.0.0.1:" + dead, "127.0.0.1:" + dir.port()))), TestDirectory.READER,
                TestDirectory.READER_PASSWORD);
        assertThat(failover.read(q, e -> { }).entries()).isEqualTo(1);

        LdapDirectoryReader down = new LdapDirectoryReader(new LdapConnections(dir.settings(LdapType.OPENLDAP, List.of("127.0.0.1:" + dead))),
                TestDirectory.READER, TestDirectory.READER_PASSWORD);
        assertThatThrownBy(() -> down.read(q, e -> { })).isInstanceOf(DirectoryReadException.class).hasMessageContaining("127.0.0.1:" + dead);

        LdapDirectoryReader refused = new LdapDirectoryReader(new LdapConnections(dir.settings(LdapType.OPENLDAP, List.of("127.0.0.1:" + dir.port()))),
                TestDirectory.READER, "wrong");
        assertThatThrownBy(() -> refused.read(q, e -> { })).isInstanceOf(DirectoryReadException.class).hasMessageContaining("refused the account");
    }

    @Test
    void aConsumerFailureStopsTheReadAndComesOutUnchanged() throws Exception {
        dir = new TestDirectory(0);
        for (int i = 0; i < 5; i++) {
            dir.addUser(TestDirectory.PEOPLE, "u" + i);
        }
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> dir.reader(LdapType.OPENLDAP).read(LdapQuery.full(List.of(TestDirectory.PEOPLE), "(uid=*)", ATTRIBUTES).withPageSize(2), e -> {
            seen.add(e.name());
            if (seen.size() == 3) {
                throw new IllegalStateException("database down");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        assertThat(seen).hasSize(3);
    }
}
