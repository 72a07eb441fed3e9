package org.ream.central.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.security.PasswordHasher;

@QuarkusTest
class HawtioTest {

    private static final String ROUTES = "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=ream-central,type=routes,name=*\",\"attribute\":\"RouteId\"}";

    @Inject
    Databases databases;

    @TestHTTPResource("/")
    URL root;

    @Test
    void withoutSessionTheConsoleIsRefused() {
        given().redirects().follow(false).accept(ContentType.HTML)
                .when().get("/hawtio/")
                .then().statusCode(302).header("Location", endsWith("/?next=/hawtio/"));
        given().redirects().follow(false).accept(ContentType.HTML)
                .when().get("/hawtio/camel/routes")
                .then().statusCode(302).header("Location", endsWith("/?next=/hawtio/camel/routes"));
        for (String path : List.of("/hawtio", "/hawtio/", "/hawtio/index.html", "/hawtio/hawtconfig.json", "/hawtio/img/hawtio-logo.svg",
                "/hawtio/jolokia/version", "/HAWTIO/jolokia/version", "/hawtio/./jolokia/version")) {
            given().redirects().follow(false).when().get(path).then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(ROUTES).when().post("/hawtio/jolokia/").then().statusCode(401);
        given().cookie("REAM_SESSION", "not-a-session").contentType(ContentType.JSON).body(ROUTES)
                .when().post("/hawtio/jolokia/").then().statusCode(401);
    }

    @Test
    void administratorSeesTheConsoleAndTheCamelRoutesById() {
        String session = login("*admin", "1234");
        String page = given().cookie("REAM_SESSION", session).accept(ContentType.HTML)
                .when().get("/hawtio/")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<base href=\"/hawtio/\">")).body(containsString("id=\"root\""))
                .extract().asString();
        // the console's own files come from Hawtio, not from the web UI at /
        Matcher script = Pattern.compile("src=\"(/hawtio/static/js/main\\.[0-9a-f]+\\.js)\"").matcher(page);
        assertThat(script.find()).as("main script in %s", page).isTrue();
        given().cookie("REAM_SESSION", session).when().get(script.group(1)).then().statusCode(200);
        given().cookie("REAM_SESSION", session).when().get("/hawtio/hawtconfig.json")
                .then().statusCode(200).body("branding.appName", equalTo("Ream Central Operations"));
        // a client-side route of the console answers with the console's page
        given().cookie("REAM_SESSION", session).accept(ContentType.HTML).when().get("/hawtio/camel/routes")
                .then().statusCode(200).body(containsString("<base href=\"/hawtio/\">"));

        given().cookie("REAM_SESSION", session).when().get("/hawtio/jolokia/version")
                .then().statusCode(200).body("value.agent", equalTo("2.4.3"));
        given().cookie("REAM_SESSION", session).contentType(ContentType.JSON)
                .body("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=context,*\"}")
                .when().post("/hawtio/jolokia/")
                .then().statusCode(200).body("status", equalTo(200)).body("value[0]", containsString("context=ream-central"));

        Response routes = given().cookie("REAM_SESSION", session).contentType(ContentType.JSON).body(ROUTES).when().post("/hawtio/jolokia/");
        routes.then().statusCode(200).body("status", equalTo(200));
        Map<String, Map<String, Object>> byMBean = routes.jsonPath().getMap("value");
        List<String> ids = byMBean.values().stream().map(attributes -> String.valueOf(attributes.get("RouteId"))).toList();
        assertThat(ids).contains("scheduler-tick");
        assertThat(ids).noneMatch(id -> id.matches("route\\d+"));
    }

    @Test
    void jolokiaDeniesOperationsOutsideTheApplication() {
        String session = login("*admin", "1234");
        given().cookie("REAM_SESSION", session).contentType(ContentType.JSON)
                .body("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\",\"operation\":\"vmVersion()\"}")
                .when().post("/hawtio/jolokia/")
                .then().statusCode(200).body("status", equalTo(403));
    }

    @Test
    void userWithoutTheAdministratorRightIsRefused() {
        String username = "hawtio-viewer-" + System.nanoTime();
        long id = databases.newId();
        Instant now = Instant.now();
        databases.mainJdbc().update("INSERT INTO USERS (ID, USERNAME, FULL_NAME, PASSWORD_HASH, IS_SYSTEM, USE_AUTH_SERVER, FAILED_LOGINS, CREATED_AT, UPDATED_AT, CHANGE_NO)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 0)", id, username, "Log Viewer", PasswordHasher.hash("viewer-5678"), false, false, now, now);
        databases.mainJdbc().update("INSERT INTO RIGHT_GRANTS (ID, RIGHT_CODE, USER_ID) VALUES (?, ?, ?)", databases.newId(), "VIEW_LOG", id);
        String session = login(username, "viewer-5678");

        given().cookie("REAM_SESSION", session).redirects().follow(false).accept(ContentType.HTML)
                .when().get("/hawtio/")
                .then().statusCode(403).body(containsString("Administrator"));
        given().cookie("REAM_SESSION", session).contentType(ContentType.JSON).body(ROUTES)
                .when().post("/hawtio/jolokia/")
                .then().statusCode(403);
        given().cookie("REAM_SESSION", session).when().get("/hawtio/hawtconfig.json").then().statusCode(403);
    }

    @Test
    void webUiAndRestApiStayWhereTheyAre() {
        // Undertow holds only Hawtio (/hawtio): the web UI's files are still served at /, the REST API under /api
        given().accept(ContentType.HTML).when().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(not(containsString("Hawtio")));
        given().when().get("/api/auth/me").then().statusCode(401).contentType(ContentType.JSON);
        given().when().get("/no-such-file.html").then().statusCode(404);
        // the browser tests open the UI at @TestHTTPResource("/"): the servlet context must not leak into it
        assertThat(root.getPath()).isEqualTo("/");
    }

    @Test
    void healthAndMetricsAreOpenForMonitoring() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        // Camel route metrics, by route id
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/metrics")
                .then().statusCode(200).body(containsString("camel_exchanges_total{camelContext=\"ream-central\"")).body(containsString("routeId=\"scheduler-tick\"")));
    }

    private static String login(String username, String password) {
        return given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .when().post("/api/auth/login")
                .then().statusCode(200)
                .extract().cookie("REAM_SESSION");
    }
}
