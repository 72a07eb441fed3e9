package org.ream.central.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.scheduling.Api;
import org.ream.central.security.Right;

@QuarkusTest
class UsersApiTest {

    @Inject
    Databases databases;

    @Inject
    org.ream.central.settings.SettingsStore settings;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    long create(Map<String, Object> body) {
        return Api.admin().body(body).post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    long audits(String event, String context) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE EVENT_TYPE = ? AND AUDIT_CONTEXT = ?", event, context);
    }

    long users(String username) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME = ?", username);
    }

    @Test
    void theFiveSystemUsersExistAndCannotBeDeletedOrRenamed() {
        for (String name : List.of("*admin", "*api", "*fax", "*system", "*unauthenticated")) {
            long id = databases.mainJdbc().count("SELECT ID FROM USERS WHERE USERNAME = ?", name);
            assertThat(id).as(name).isPositive();
            Api.admin().delete("/api/users/" + id).then().statusCode(400).body("fields.id", containsString("cannot be deleted"));
            Api.admin().body(Map.of("username", name + "x")).put("/api/users/" + id).then().statusCode(400)
                    .body("fields.username", containsString("cannot be renamed"));
            Api.admin().post("/api/users/" + id + "/lock").then().statusCode(400).body("fields.id", containsString("cannot be locked"));
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE ID = ? AND DELETED_AT IS NULL AND LOCKED_AT IS NULL AND USERNAME = ?",
                    id, name)).isEqualTo(1);
        }
    }

    @Test
    void addEditAndGetAUserWithAllProperties() {
        String name = unique("carol");
        long id = create(Map.of("username", name, "fullName", "Carol Kai", "aliases", List.of(name + "-a", name + "-b"), "cards",
                List.of(name + "-7E9700C9"), "email", "carol@example.com", "phone", "080008020", "personalNumber", name + "-22212", "language", "fr",
                "userStorage", "\\\\srv\\scans\\carol", "notes", "first floor"));
        JsonPath u = Api.admin().get("/api/users/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(u.getString("username")).isEqualTo(name);
        assertThat(u.getList("aliases", String.class)).containsExactly(name + "-a", name + "-b");
        assertThat(u.getList("cards", String.class)).containsExactly(name + "-7E9700C9");
        assertThat(u.getString("language")).isEqualTo("fr");
        assertThat(u.getString("userStorage")).isEqualTo("\\\\srv\\scans\\carol");
        assertThat(u.getBoolean("useAuthServer")).isFalse();
        assertThat(u.getInt("pinCount")).isZero();
        assertThat(u.getList("groups")).isEmpty();
        assertThat(u.getString("syncSource")).isNull();
        assertThat(audits("USER_CREATED", name)).isEqualTo(1);

        Api.admin().body(Map.of("fullName", "Carol K. Kai", "aliases", List.of(name + "-b"), "language", "de")).put("/api/users/" + id)
                .then().statusCode(200).body("fullName", equalTo("Carol K. Kai")).body("aliases", equalTo(List.of(name + "-b")))
                .body("language", equalTo("de")).body("email", equalTo("carol@example.com"));
        String details = databases.mainJdbc().one("SELECT DETAILS FROM AUDIT_LOG WHERE EVENT_TYPE = 'USER_CHANGED' AND AUDIT_CONTEXT = ?",
                rs -> rs.getString(1), name).orElseThrow();
        assertThat(details).contains("Full name: Carol Kai -> Carol K. Kai").contains("Language: fr -> de");
    }

    @Test
    void userNamesAreUniqueAndCaseSensitive() {
        String name = unique("Dave");
        create(Map.of("username", name, "fullName", "Dave"));
        Api.admin().body(Map.of("username", name, "fullName", "Other Dave")).post("/api/users").then().statusCode(400)
                .body("fields.username", containsString("already used"));
        assertThat(users(name)).isEqualTo(1);
        // Case-sensitive, as in the manual: "dave-..." is another user.
        create(Map.of("username", name.toLowerCase(), "fullName", "Lower Dave"));
        assertThat(users(name.toLowerCase())).isEqualTo(1);
    }

    @Test
    void duplicateAliasesAndCardsAreRefusedAndNothingIsSaved() {
        String a = unique("erin");
        long erin = create(Map.of("username", a, "fullName", "Erin", "aliases", List.of(a + "-alias"), "cards", List.of(a + "-card")));
        String b = unique("frank");
        long before = databases.mainJdbc().count("SELECT COUNT(*) FROM USERS");
        long aliasesBefore = databases.mainJdbc().count("SELECT COUNT(*) FROM USER_ALIASES");
        Api.admin().body(Map.of("username", b, "fullName", "Frank", "aliases", List.of(b + "-ok", a + "-alias"))).post("/api/users").then()
                .statusCode(400).body("fields.aliases", containsString("already used by user " + a));
        Api.admin().body(Map.of("username", b, "fullName", "Frank", "aliases", List.of(a))).post("/api/users").then()
                .statusCode(400).body("fields.aliases", containsString(a));
        Api.admin().body(Map.of("username", a + "-alias", "fullName", "Frank")).post("/api/users").then()
                .statusCode(400).body("fields.username", containsString("alias of user " + a));
        Api.admin().body(Map.of("username", b, "fullName", "Frank", "aliases", List.of(b + "-ok"), "cards", List.of(a + "-card"))).post("/api/users")
                .then().statusCode(400).body("fields.cards", containsString("already used by user " + a)).body("error", containsString("cards"));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS")).isEqualTo(before);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_ALIASES")).isEqualTo(aliasesBefore);
        assertThat(users(b)).isZero();

        // On edit too: the card of another user is refused, and the rest of the edit is not half-saved.
        long frank = create(Map.of("username", b, "fullName", "Frank"));
        Api.admin().body(Map.of("fullName", "Frank Changed", "cards", List.of(a + "-card"))).put("/api/users/" + frank).then().statusCode(400)
                .body("fields.cards", notNullValue());
        Api.admin().get("/api/users/" + frank).then().body("fullName", equalTo("Frank")).body("cards", equalTo(List.of()));
        Api.admin().body(Map.of("card", a + "-card")).post("/api/users/" + frank + "/cards").then().statusCode(400)
                .body("fields.card", containsString(a));
        Api.admin().get("/api/users/" + erin).then().body("cards", equalTo(List.of(a + "-card")));
    }

    @Test
    void unknownLanguageAndMissingFieldsAreNamed() {
        String name = unique("gina");
        Api.admin().body(Map.of("username", name, "fullName", "Gina", "language", "xx")).post("/api/users").then().statusCode(400)
                .body("fields.language", containsString("unknown language 'xx'"));
        Api.admin().body(Map.of("username", name)).post("/api/users").then().statusCode(400).body("fields.fullName", equalTo("is required"));
        Api.admin().body(Map.of("username", "*" + name, "fullName", "G")).post("/api/users").then().statusCode(400)
                .body("fields.username", containsString("reserved"));
        Api.admin().body(Map.of("username", name, "fullName", "G", "useAuthServer", true)).post("/api/users").then().statusCode(400)
                .body("fields.authServerId", notNullValue());
        Api.admin().body(Map.of("username", name, "fullName", "G", "useAuthServer", true, "authServerId", 987654321)).post("/api/users").then()
                .statusCode(400).body("fields.authServerId", containsString("no authentication server"));
        assertThat(users(name)).isZero();
    }

    @Test
    void authenticationServerIsKeptById() {
        long server = databases.newId();
        String sname = unique("corp.local");
        databases.mainJdbc().update("INSERT INTO AUTH_SERVERS (ID, KIND, NAME, CONFIG, CREATED_AT) VALUES (?, 'LDAP', ?, '{}', CURRENT_TIMESTAMP)", server, sname);
        String name = unique("hana");
        long id = create(Map.of("username", name, "fullName", "Hana", "useAuthServer", true, "authServerId", server));
        Api.admin().get("/api/users/" + id).then().body("useAuthServer", equalTo(true)).body("authServer.name", equalTo(sname));
        // Renaming the server keeps the user on it (6.6.3).
        databases.mainJdbc().update("UPDATE AUTH_SERVERS SET NAME = ? WHERE ID = ?", sname + "-renamed", server);
        Api.admin().get("/api/users/" + id).then().body("authServer.name", equalTo(sname + "-renamed"));
    }

    @Test
    void softDeleteRemovesFromGroupsAndDelegationsAndUndeleteRestores() {
        String name = unique("ivan");
        long id = create(Map.of("username", name, "fullName", "Ivan", "cards", List.of(name + "-card")));
        long other = create(Map.of("username", unique("judy"), "fullName", "Judy"));
        long group = Api.admin().body(Map.of("name", unique("Sales"))).post("/api/groups").then().statusCode(201).extract().jsonPath().getLong("id");
        Api.admin().body(Map.of("userId", id, "manager", true)).post("/api/groups/" + group + "/members").then().statusCode(200);
        Api.admin().body(Map.of("users", List.of(id))).put("/api/users/" + other + "/delegates").then().statusCode(200)
                .body("delegates.id", hasItem((int) id));
        Api.admin().body(Map.of("users", List.of(other))).put("/api/users/" + id + "/delegates").then().statusCode(200);
        Api.admin().body(Map.of("rights", List.of("VIEW_LOG"))).put("/api/rights/users/" + id).then().statusCode(200);

        Api.admin().delete("/api/users/" + id).then().statusCode(200).body("deleted", equalTo(true)).body("groups", equalTo(List.of()))
                .body("delegates", equalTo(List.of())).body("username", equalTo(name));
        Api.admin().get("/api/users/" + other).then().body("delegates", equalTo(List.of()));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM RIGHT_GRANTS WHERE USER_ID = ?", id)).isZero();
        assertThat(audits("USER_DELETED", name)).isEqualTo(1);
        // Only in the deleted view.
        Api.admin().queryParam("q", name).get("/api/users").then().body("users.username", not(hasItem(name)));
        Api.admin().queryParam("q", name).queryParam("view", "deleted").get("/api/users").then().body("users.username", hasItem(name));
        Api.admin().body(Map.of("fullName", "Ivan 2")).put("/api/users/" + id).then().statusCode(400).body("fields.deleted", notNullValue());

        Api.admin().post("/api/users/" + id + "/undelete").then().statusCode(200).body("deleted", equalTo(false))
                .body("cards", equalTo(List.of(name + "-card")));
        Api.admin().queryParam("q", name).queryParam("view", "unclassified").get("/api/users").then().body("users.username", hasItem(name));
    }

    @Test
    void viewsSearchAndKeysetPaging() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 7; i++) {
            create(Map.of("username", "pg" + tag + "-" + i, "fullName", "Paging Person " + i, "email", "p" + i + "@" + tag + ".example"));
        }
        long locked = create(Map.of("username", "pg" + tag + "-locked", "fullName", "Locked One", "cards", List.of("CARD" + tag)));
        Api.admin().post("/api/users/" + locked + "/lock").then().statusCode(200).body("locked", equalTo(true));

        JsonPath p1 = Api.admin().queryParam("q", "PG" + tag).queryParam("limit", 3).queryParam("count", true).get("/api/users").then()
                .statusCode(200).extract().jsonPath();
        assertThat(p1.getList("users.username", String.class)).containsExactly("pg" + tag + "-0", "pg" + tag + "-1", "pg" + tag + "-2");
        assertThat(p1.getLong("total")).isEqualTo(8);
        JsonPath p2 = Api.admin().queryParam("q", "pg" + tag).queryParam("limit", 3).queryParam("after", p1.getString("next")).get("/api/users")
                .then().extract().jsonPath();
        assertThat(p2.getList("users.username", String.class)).containsExactly("pg" + tag + "-3", "pg" + tag + "-4", "pg" + tag + "-5");
        JsonPath p3 = Api.admin().queryParam("q", "pg" + tag).queryParam("limit", 3).queryParam("after", p2.getString("next")).get("/api/users")
                .then().extract().jsonPath();
        assertThat(p3.getList("users.username", String.class)).containsExactly("pg" + tag + "-6", "pg" + tag + "-locked");
        assertThat(p3.getString("next")).isNull();

        // Search by full name, email (any case), card; locked view; a % in the search is a plain character.
        Api.admin().queryParam("q", "paging person 4").get("/api/users").then().body("users.username", hasItem("pg" + tag + "-4"));
        Api.admin().queryParam("q", "P5@" + tag.toUpperCase()).get("/api/users").then().body("users.username", equalTo(List.of("pg" + tag + "-5")));
        Api.admin().queryParam("q", "card" + tag).get("/api/users").then().body("users.username", equalTo(List.of("pg" + tag + "-locked")));
        Api.admin().queryParam("view", "locked").queryParam("q", tag).get("/api/users").then().body("users.username", equalTo(List.of("pg" + tag + "-locked")));
        Api.admin().queryParam("q", "pg" + tag + "%").get("/api/users").then().body("users", equalTo(List.of()));
        Api.admin().post("/api/users/" + locked + "/unlock").then().statusCode(200).body("locked", equalTo(false));
        Api.admin().queryParam("view", "locked").queryParam("q", tag).get("/api/users").then().body("users", equalTo(List.of()));
        Api.admin().queryParam("view", "nonsense").get("/api/users").then().statusCode(400).body("fields.view", notNullValue());
        Api.admin().queryParam("limit", 0).get("/api/users").then().statusCode(400).body("fields.limit", notNullValue());
    }

    @Test
    void exportWritesTheSyncSyntaxThatReadsBack() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        long parent = Api.admin().body(Map.of("name", "Activities" + tag)).post("/api/groups").then().statusCode(201).extract().jsonPath().getLong("id");
        long child = Api.admin().body(Map.of("name", "Outdoor", "parentId", parent)).post("/api/groups").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        long carol = create(Map.of("username", "carol" + tag, "fullName", "Carol"));
        long tom = create(Map.of("username", "tom" + tag, "fullName", "Thomas \"Tom\" Pineapple", "aliases", List.of("tommy" + tag, "apple" + tag),
                "email", "t.pineapple@domain.com", "cards", List.of("7E9700C9" + tag), "personalNumber", "22212" + tag, "userStorage",
                "\\\\Users\\Tomy", "phone", "080008020", "language", "en"));
        Api.admin().body(Map.of("userId", tom)).post("/api/groups/" + child + "/members").then().statusCode(200);
        Api.admin().body(Map.of("userId", tom, "manager", true)).post("/api/groups/" + parent + "/members").then().statusCode(200);
        Api.admin().body(Map.of("users", List.of(carol))).put("/api/users/" + tom + "/delegates").then().statusCode(200);

        String csv = Api.admin().queryParam("group", parent).get("/api/users/export").then().statusCode(200)
                .header("Content-Disposition", containsString("users_")).extract().asString();
        List<UserCsvRow> rows = new UserCsvFormat(settings.get("general.csvDelimiter")).parse(new StringReader(csv));
        assertThat(csv).contains("\"FULLNAME\"");
        assertThat(rows).hasSize(1);
        UserCsvRow r = rows.get(0);
        assertThat(r.login()).isEqualTo("tom" + tag);
        assertThat(r.fullName()).isEqualTo("Thomas \"Tom\" Pineapple");
        assertThat(r.aliases()).containsExactlyInAnyOrder("tommy" + tag, "apple" + tag);
        assertThat(r.groups()).containsExactly("Activities" + tag + "|Outdoor", "Activities" + tag);
        assertThat(r.managedGroups()).containsExactly("Activities" + tag);
        assertThat(r.cards()).containsExactly("7E9700C9" + tag);
        assertThat(r.code()).isEqualTo("22212" + tag);
        assertThat(r.scanStorage()).isEqualTo("\\\\Users\\Tomy");
        assertThat(r.delegates()).containsExactly("carol" + tag);
        assertThat(r.lang()).isEqualTo("en");
        assertThat(r.pins()).isEmpty();
        assertThat(r.pwd()).isNull();
        Api.admin().queryParam("group", 987654321).get("/api/users/export").then().statusCode(404);
        assertThat(audits("USERS_EXPORTED", "Activities" + tag)).isEqualTo(1);
    }

    @Test
    void exportUsesTheConfiguredDelimiter() throws Exception {
        String name = unique("delim");
        create(Map.of("username", name, "fullName", "Delim, Iter", "aliases", List.of(name + "-x")));
        Api.admin().body(Map.of("general.csvDelimiter", "TAB")).put("/api/settings/general").then().statusCode(200);
        try {
            String csv = Api.admin().get("/api/users/export").then().statusCode(200).extract().asString();
            assertThat(csv).startsWith("\uFEFF\"FULLNAME\"\t\"USERNAME_ALIASES\"\t");
            assertThat(new UserCsvFormat("TAB").parse(new StringReader(csv))).filteredOn(r -> r.login().equals(name)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.fullName()).isEqualTo("Delim, Iter");
                        assertThat(r.aliases()).containsExactly(name + "-x");
                    });
            // System users are not exported: a sync must not try to recreate them.
            assertThat(csv).doesNotContain("\"*admin\"");
        } finally {
            Api.admin().body(Map.of("general.csvDelimiter", ";")).put("/api/settings/general").then().statusCode(200);
        }
    }

    @Test
    void deleteCardsRightCoversOwnCardsOnly() {
        String holder = TestAccounts.user(databases, "cards", Right.DELETE_CARDS);
        long holderId = TestAccounts.userId(databases, holder);
        databases.mainJdbc().update("INSERT INTO USER_CARDS (ID, USER_ID, CARD, CREATED_AT) VALUES (?, ?, ?, CURRENT_TIMESTAMP)", databases.newId(),
                holderId, holder + "-own");
        String other = unique("kim");
        long otherId = create(Map.of("username", other, "fullName", "Kim", "cards", List.of(other + "-card")));
        String cookie = TestAccounts.login(holder, TestAccounts.PASSWORD);
        given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "t").delete("/api/users/" + otherId + "/cards/" + other + "-card").then()
                .statusCode(403);
        given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "t").delete("/api/users/" + holderId + "/cards/" + holder + "-own").then()
                .statusCode(204);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_CARDS WHERE USER_ID = ?", holderId)).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_CARDS WHERE USER_ID = ?", otherId)).isEqualTo(1);
        given().cookie("REAM_SESSION", cookie).get("/api/users/" + holderId).then().statusCode(403);
    }
}
