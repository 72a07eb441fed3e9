package org.ream.central.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.scheduling.Api;

@QuarkusTest
class GroupsApiTest {

    @Inject
    Databases databases;

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    long group(String name, Long parent) {
        Map<String, Object> body = parent == null ? Map.of("name", name, "description", "about " + name) : Map.of("name", name, "parentId", parent);
        return Api.admin().body(body).post("/api/groups").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    long user(String name) {
        return Api.admin().body(Map.of("username", name, "fullName", name)).post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    String path(long id) {
        return databases.mainJdbc().one("SELECT FULL_PATH FROM USER_GROUPS WHERE ID = ?", rs -> rs.getString(1), id).orElse(null);
    }

    List<Map<String, Object>> groupsOf(long user) {
        return Api.admin().get("/api/users/" + user).then().statusCode(200).extract().jsonPath().getList("groups");
    }

    @Test
    void treeWithPathsRenameAndMove() {
        String t = tag();
        long activities = group("Activities" + t, null);
        long outdoor = group("Outdoor", activities);
        long swimming = group("Swimming", outdoor);
        long sports = group("Sports" + t, null);
        assertThat(path(swimming)).isEqualTo("Activities" + t + "|Outdoor|Swimming");
        Api.admin().get("/api/groups").then().statusCode(200).body("path", hasItem("Activities" + t + "|Outdoor|Swimming"));

        // Rename: the subtree's paths follow.
        Api.admin().body(Map.of("name", "Outside", "parentId", activities)).put("/api/groups/" + outdoor).then().statusCode(200)
                .body("path", equalTo("Activities" + t + "|Outside"));
        assertThat(path(swimming)).isEqualTo("Activities" + t + "|Outside|Swimming");
        // Move under another top-level group, then to the top.
        Api.admin().body(Map.of("name", "Outside", "parentId", sports)).put("/api/groups/" + outdoor).then().statusCode(200);
        assertThat(path(swimming)).isEqualTo("Sports" + t + "|Outside|Swimming");
        Api.admin().body(Map.of("name", "Outside" + t)).put("/api/groups/" + outdoor).then().statusCode(200).body("parentId", equalTo(null));
        assertThat(path(swimming)).isEqualTo("Outside" + t + "|Swimming");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE SUBSYSTEM = 'Groups' AND EVENT_TYPE = 'GROUP_CHANGED'"
                + " AND AUDIT_CONTEXT = ?", "Outside" + t)).isEqualTo(1);
    }

    @Test
    void cyclesDuplicatesAndBadNamesAreRefusedAndNothingChanges() {
        String t = tag();
        long a = group("A" + t, null);
        long b = group("B", a);
        long c = group("C", b);
        Api.admin().body(Map.of("name", "A" + t, "parentId", c)).put("/api/groups/" + a).then().statusCode(400)
                .body("fields.parentId", containsString("under itself or one of its subgroups"));
        Api.admin().body(Map.of("name", "B", "parentId", b)).put("/api/groups/" + b).then().statusCode(400).body("fields.parentId", containsString("itself"));
        assertThat(path(c)).isEqualTo("A" + t + "|B|C");
        assertThat(databases.mainJdbc().one("SELECT PARENT_ID FROM USER_GROUPS WHERE ID = ?", rs -> rs.getObject(1), a)).isEmpty();

        Api.admin().body(Map.of("name", "B", "parentId", a)).post("/api/groups").then().statusCode(400).body("fields.name", containsString("already exists"));
        Api.admin().body(Map.of("name", "A" + t)).post("/api/groups").then().statusCode(400).body("fields.name", containsString("already exists"));
        Api.admin().body(Map.of("name", "X|Y")).post("/api/groups").then().statusCode(400).body("fields.name", containsString("'|'"));
        Api.admin().body(Map.of("name", "Z", "parentId", 987654321)).post("/api/groups").then().statusCode(400).body("fields.parentId", containsString("no group"));
        // Renaming C to a sibling's name under the same parent is refused too.
        long c2 = group("C2", b);
        Api.admin().body(Map.of("name", "C", "parentId", b)).put("/api/groups/" + c2).then().statusCode(400).body("fields.name", containsString("already exists"));
        assertThat(path(c2)).isEqualTo("A" + t + "|B|C2");
    }

    @Test
    void firstGroupIsTheAccountingGroupAndThereIsExactlyOne() {
        String t = tag();
        long g1 = group("Acc1" + t, null);
        long g2 = group("Acc2" + t, null);
        long g3 = group("Acc3" + t, null);
        long u = user("acc" + t);
        Api.admin().queryParam("view", "unclassified").queryParam("q", "acc" + t).get("/api/users").then().body("users.username", hasItem("acc" + t));

        Api.admin().body(Map.of("userId", u)).post("/api/groups/" + g1 + "/members").then().statusCode(200);
        Api.admin().body(Map.of("userId", u)).post("/api/groups/" + g2 + "/members").then().statusCode(200);
        assertThat(accounting(u)).containsExactly("Acc1" + t);
        List<Map<String, Object>> tree = Api.admin().queryParam("members", true).get("/api/groups").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(tree).filteredOn(x -> ("Acc1" + t).equals(x.get("path"))).extracting(x -> x.get("members")).containsExactly(1);
        Api.admin().queryParam("view", "unclassified").queryParam("q", "acc" + t).get("/api/users").then().body("users.username", not(hasItem("acc" + t)));

        Api.admin().body(Map.of("accounting", true)).put("/api/groups/" + g2 + "/members/" + u).then().statusCode(200);
        assertThat(accounting(u)).containsExactly("Acc2" + t);
        Api.admin().body(Map.of("userId", u, "accounting", true)).post("/api/groups/" + g3 + "/members").then().statusCode(200);
        assertThat(accounting(u)).containsExactly("Acc3" + t);
        // The accounting flag cannot simply be taken away: another group must be chosen.
        Api.admin().body(Map.of("accounting", false)).put("/api/groups/" + g3 + "/members/" + u).then().statusCode(400)
                .body("fields.accounting", containsString("one accounting group"));
        assertThat(accounting(u)).containsExactly("Acc3" + t);

        // Removing the accounting group hands the flag to a remaining group.
        Api.admin().delete("/api/groups/" + g3 + "/members/" + u).then().statusCode(204);
        assertThat(accounting(u)).hasSize(1);
        Api.admin().delete("/api/groups/" + g3 + "/members/" + u).then().statusCode(404);

        // Manager flag and the managers view.
        Api.admin().body(Map.of("manager", true)).put("/api/groups/" + g1 + "/members/" + u).then().statusCode(200)
                .body("managers.username", hasItem("acc" + t));
        Api.admin().queryParam("view", "managers").queryParam("q", "acc" + t).get("/api/users").then().body("users.username", equalTo(List.of("acc" + t)));
        Api.admin().queryParam("group", g1).get("/api/users").then().body("users.username", equalTo(List.of("acc" + t)));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE SUBSYSTEM = 'Groups' AND EVENT_TYPE = 'MEMBER_ADDED' AND AUDIT_CONTEXT = ?",
                "Acc1" + t)).isEqualTo(1);

        Api.admin().body(Map.of("userId", 987654321)).post("/api/groups/" + g1 + "/members").then().statusCode(400).body("fields.userId", containsString("no user"));
    }

    List<String> accounting(long user) {
        return groupsOf(user).stream().filter(g -> Boolean.TRUE.equals(g.get("accounting"))).map(g -> (String) g.get("name")).toList();
    }

    @Test
    void deletingAGroupTakesItsSubgroupsAndLeavesMembersUnclassified() {
        String t = tag();
        long top = group("Del" + t, null);
        long sub = group("Sub", top);
        long keep = group("Keep" + t, null);
        long only = user("only" + t);
        long both = user("both" + t);
        long delegateOwner = user("owner" + t);
        Api.admin().body(Map.of("userId", only)).post("/api/groups/" + sub + "/members").then().statusCode(200);
        Api.admin().body(Map.of("userId", both)).post("/api/groups/" + top + "/members").then().statusCode(200);
        Api.admin().body(Map.of("userId", both)).post("/api/groups/" + keep + "/members").then().statusCode(200);
        Api.admin().body(Map.of("groups", List.of(sub))).put("/api/users/" + delegateOwner + "/delegates").then().statusCode(200)
                .body("delegates.path", equalTo(List.of("Del" + t + "|Sub")));
        Api.admin().body(Map.of("rights", List.of("VIEW_LOG"))).put("/api/rights/groups/" + sub).then().statusCode(200);

        Api.admin().delete("/api/groups/" + top).then().statusCode(204);
        Api.admin().get("/api/groups/" + sub).then().statusCode(404);
        assertThat(groupsOf(only)).isEmpty();
        assertThat(accounting(both)).containsExactly("Keep" + t);
        Api.admin().get("/api/users/" + delegateOwner).then().body("delegates", equalTo(List.of()));
        Api.admin().queryParam("view", "unclassified").queryParam("q", "only" + t).get("/api/users").then().body("users.username", hasItem("only" + t));
    }

    @Test
    void groupDelegatesAreUsersOrGroups() {
        String t = tag();
        long g = group("Dg" + t, null);
        long other = group("Other" + t, null);
        long u = user("dlg" + t);
        JsonPath d = Api.admin().body(Map.of("users", List.of(u), "groups", List.of(other))).put("/api/groups/" + g + "/delegates").then().statusCode(200)
                .extract().jsonPath();
        assertThat(d.getList("delegates.type", String.class)).containsExactly("user", "group");
        Api.admin().body(Map.of("users", List.of(987654321L))).put("/api/groups/" + g + "/delegates").then().statusCode(400).body("fields.users", containsString("no user"));
        Api.admin().get("/api/groups/" + g).then().body("delegates.size()", equalTo(2));
        Api.admin().body(Map.of("users", List.of(u))).put("/api/users/" + u + "/delegates").then().statusCode(400).body("fields.users", containsString("own delegate"));
    }
}
