// Writes the LDIF of bench/usersync's directory: USERS people in OUS organisational units and
// GROUPS groups, each person in 1 to 5 groups (memberOf on the person, member on the group,
// as slapd's memberof overlay keeps them). Deterministic: the same arguments give the same file.
//
//   java DirectorySeed.java <out.ldif> <users> <ous> <groups>
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

public class DirectorySeed {

    static final String BASE = "dc=bench,dc=example";
    static final String[] GIVEN = {"Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grace", "John", "Katherine", "Leslie", "Margaret",
        "Niklaus", "Radia", "Tim", "Vint"};
    static final String[] SURNAMES = {"Lovelace", "Turing", "Liskov", "Monet", "Knuth", "Dijkstra", "Allen", "Hopper", "Backus", "Johnson", "Lamport",
        "Hamilton", "Wirth", "Perlman", "Berners-Lee", "Cerf", "van Rossum", "Novak", "Svoboda", "Dvorak"};

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int users = Integer.parseInt(args[1]);
        int ous = Integer.parseInt(args[2]);
        int groups = Integer.parseInt(args[3]);
        Random random = new Random(42);
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        int[][] groupsOf = new int[users][];
        for (int u = 0; u < users; u++) {
            int n = 1 + random.nextInt(5);
            groupsOf[u] = random.ints(0, groups).distinct().limit(n).toArray();
            for (int g : groupsOf[u]) {
                members.get(g).add(u);
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            entry(w, BASE, "objectClass: dcObject", "objectClass: organization", "dc: bench", "o: Bench");
            entry(w, "ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
            entry(w, "ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
            for (int o = 0; o < ous; o++) {
                entry(w, "ou=" + ou(o) + ",ou=people," + BASE, "objectClass: organizationalUnit", "ou: " + ou(o));
            }
            for (int u = 0; u < users; u++) {
                String given = GIVEN[u % GIVEN.length];
                String sn = SURNAMES[(u / GIVEN.length) % SURNAMES.length];
                List<String> lines = new ArrayList<>(List.of("objectClass: inetOrgPerson", "uid: " + uid(u), "cn: " + given + " " + sn + " " + u,
                        "givenName: " + given, "sn: " + sn, "mail: " + uid(u) + "@bench.example", "employeeNumber: " + (100000 + u),
                        "telephoneNumber: +420 555 " + String.format("%06d", u), "preferredLanguage: " + (u % 3 == 0 ? "cs" : "en"),
                        "entryUUID: " + new UUID(0x5eed_0000_0000_4000L, 0x8000_0000_0000_0000L | u), "createTimestamp: 20260101000000Z",
                        "modifyTimestamp: 20260101000000Z"));
                for (int g : groupsOf[u]) {
                    lines.add("memberOf: cn=" + group(g) + ",ou=groups," + BASE);
                }
                entry(w, dn(u, ous), lines.toArray(String[]::new));
            }
            for (int g = 0; g < groups; g++) {
                List<String> lines = new ArrayList<>(List.of("objectClass: groupOfNames", "cn: " + group(g),
                        "entryUUID: " + new UUID(0x5eed_0000_0000_4000L, 0x9000_0000_0000_0000L | g)));
                if (members.get(g).isEmpty()) {
                    lines.add("member: " + BASE); // groupOfNames needs one member
                }
                for (int u : members.get(g)) {
                    lines.add("member: " + dn(u, ous));
                }
                entry(w, "cn=" + group(g) + ",ou=groups," + BASE, lines.toArray(String[]::new));
            }
        }
        System.out.printf("wrote %d users in %d OUs and %d groups to %s%n", users, ous, groups, out);
    }

    static String uid(int u) {
        return String.format("u%06d", u);
    }

    static String ou(int o) {
        return String.format("unit%03d", o);
    }

    static String group(int g) {
        return String.format("group%04d", g);
    }

    static String dn(int u, int ous) {
        return "uid=" + uid(u) + ",ou=" + ou(u % ous) + ",ou=people," + BASE;
    }

    static void entry(BufferedWriter w, String dn, String... lines) throws java.io.IOException {
        w.write("dn: " + dn + "\n");
        for (String l : lines) {
            w.write(l);
            w.write('\n');
        }
        w.write('\n');
    }
}
