package org.ream.central.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Dialect;
import org.ream.central.persistence.PostgresServer;

/**
 * The user directory's SQL on PostgreSQL (system test: needs the Debian postgresql server on
 * 127.0.0.1:5432, skipped otherwise): case-insensitive search with escaped wildcards, keyset
 * paging, the views, booleans, cascades and the export.
 */
@QuarkusTest
@TestProfile(UsersOnPostgresTest.OnPostgres.class)
@ExtendWith(PostgresServer.Required.class)
class UsersOnPostgresTest {

    public static final class OnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.FreshDatabase.class, Map.of("prefix", "ream_users")));
        }
    }

    @Inject
    Databases databases;

    static String cookie;

    static RequestSpecification admin() {
        if (cookie == null) {
            cookie = given().contentType(ContentType.JSON).header("X-Requested-With", "t").body("{\"username\":\"*admin\",\"password\":\"1234\"}")
                    .post("/api/auth/login").then().statusCode(200).extract().cookie("REAM_SESSION");
        }
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "t").contentType(ContentType.JSON);
    }

    long user(String name, String fullName, List<String> cards) {
        return admin().body(Map.of("username", name, "fullName", fullName, "cards", cards, "aliases", List.of(name + "_alias"))).post("/api/users")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void theDirectoryWorksOnPostgres() throws Exception {
        assertThat(databases.mainDialect()).isEqualTo(Dialect.POSTGRESQL);
        long g = admin().body(Map.of("name", "Sales")).post("/api/groups").then().statusCode(201).extract().jsonPath().getLong("id");
        long sub = admin().body(Map.of("name", "East", "parentId", g)).post("/api/groups").then().statusCode(201).extract().jsonPath().getLong("id");
        long a = user("anna", "Anna Novak", List.of("CARD1"));
        long b = user("bert", "Bert 100%_Sure", List.of());
        long c = user("Carl", "Carl Novak", List.of());
        admin().body(Map.of("userId", a, "manager", true)).post("/api/groups/" + sub + "/members").then().statusCode(200);
        admin().body(Map.of("userId", b)).post("/api/groups/" + g + "/members").then().statusCode(200);

        admin().body(Map.of("username", "anna", "fullName", "Other")).post("/api/users").then().statusCode(400).body("fields.username", containsString("already used"));
        admin().body(Map.of("username", "dora", "fullName", "D", "cards", List.of("CARD1"))).post("/api/users").then().statusCode(400)
                .body("fields.cards", containsString("anna"));
        admin().body(Map.of("name", "East", "parentId", sub)).put("/api/groups/" + g).then().statusCode(400).body("fields.parentId", notBlank());

        JsonPath novak = admin().queryParam("q", "NOVAK").queryParam("limit", 1).queryParam("count", true).get("/api/users").then().statusCode(200)
                .extract().jsonPath();
        // Keyset order is the database's order of user names; both pages together hold both users.
        String first = novak.getString("users[0].username");
        assertThat(novak.getLong("total")).isEqualTo(2);
        String second = admin().queryParam("q", "novak").queryParam("limit", 1).queryParam("after", novak.getString("next")).get("/api/users").then()
                .extract().jsonPath().getString("users[0].username");
        assertThat(List.of(first, second)).containsExactlyInAnyOrder("anna", "Carl");
        admin().queryParam("q", "100%_").get("/api/users").then().body("users.username", equalTo(List.of("bert")));
        admin().queryParam("q", "0%s").get("/api/users").then().body("users", equalTo(List.of()));
        admin().queryParam("q", "card1").get("/api/users").then().body("users.username", equalTo(List.of("anna")));
        admin().queryParam("q", "BERT_ALIAS").get("/api/users").then().body("users.username", equalTo(List.of("bert")));
        admin().queryParam("view", "managers").get("/api/users").then().body("users.username", equalTo(List.of("anna")));
        admin().queryParam("view", "unclassified").queryParam("q", "carl").get("/api/users").then().body("users.username", equalTo(List.of("Carl")));

        String csv = admin().get("/api/users/export").then().statusCode(200).extract().asString();
        List<UserCsvRow> rows = new UserCsvFormat(";").parse(new StringReader(csv));
        assertThat(rows).extracting(UserCsvRow::login).contains("anna", "bert", "Carl");
        assertThat(rows).filteredOn(r -> r.login().equals("anna")).first().satisfies(r -> {
            assertThat(r.groups()).containsExactly("Sales|East");
            assertThat(r.managedGroups()).containsExactly("Sales|East");
        });

        admin().delete("/api/groups/" + g).then().statusCode(204);
        admin().delete("/api/users/" + c).then().statusCode(200);
        admin().queryParam("view", "deleted").get("/api/users").then().body("users.username", equalTo(List.of("Carl")));
        admin().queryParam("view", "unclassified").queryParam("q", "a").get("/api/users").then().body("users.username", org.hamcrest.Matchers.hasItems("anna", "bert"));
        admin().body(Map.of("rights", List.of("MANAGE_USERS"))).put("/api/rights/users/" + a).then().statusCode(200).body("rights", equalTo(List.of("MANAGE_USERS")));
    }

    static org.hamcrest.Matcher<String> notBlank() {
        return org.hamcrest.Matchers.not(org.hamcrest.Matchers.blankOrNullString());
    }
}
