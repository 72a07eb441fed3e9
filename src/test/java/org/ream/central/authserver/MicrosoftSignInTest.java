package org.ream.central.authserver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.security.WebSessions;

/** "Sign in with Microsoft" end to end against a local OpenID Connect provider that behaves like Entra ID. */
@QuarkusTest
class MicrosoftSignInTest {

    static TestOidcProvider entra;

    @Inject
    Databases databases;

    int serverId;
    String username;

    @BeforeAll
    static void start() throws Exception {
        entra = new TestOidcProvider();
    }

    @AfterAll
    static void stop() {
        entra.close();
    }

    @BeforeEach
    void serverAndUser() {
        serverId = given().cookie("REAM_SESSION", TestAccounts.admin()).header("X-Requested-With", "t").contentType(ContentType.JSON)
                .body(Map.of("kind", "AZURE", "name", "Entra " + UUID.randomUUID(), "config", Map.of("tenantId", TestOidcProvider.TENANT,
                        "clientId", TestOidcProvider.CLIENT_ID, "clientSecret", TestOidcProvider.CLIENT_SECRET, "authority", entra.base(),
                        "signInWithMicrosoft", true)))
                .post("/api/auth-servers").then().statusCode(201).extract().path("id");
        username = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.example";
        long id = TestAccounts.userId(databases, TestAccounts.user(databases, "ms"));
        databases.mainJdbc().update("UPDATE USERS SET USERNAME = ?, FULL_NAME = ?, USE_AUTH_SERVER = ?, AUTH_SERVER_ID = ?, PASSWORD_HASH = NULL WHERE ID = ?",
                username, "Microsoft User", true, (long) serverId, id);
        entra.preferredUsername = username;
        entra.email = null;
        entra.next = TestOidcProvider.Token.GOOD;
    }

    /** The browser's round trip: start, Microsoft's authorize page, back to the callback. */
    Response signIn() throws Exception {
        Response start = given().redirects().follow(false).get("/api/auth/microsoft/start?server=" + serverId);
        assertThat(start.statusCode()).isEqualTo(303);
        URI authorize = URI.create(start.header("Location"));
        assertThat(authorize.toString()).startsWith(entra.base() + "/" + TestOidcProvider.TENANT + "/oauth2/v2.0/authorize");
        Map<String, String> q = TestOidcProvider.query(authorize.getRawQuery());
        assertThat(q).containsEntry("client_id", TestOidcProvider.CLIENT_ID).containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge", "redirect_uri");
        assertThat(q.get("scope")).contains("openid");
        URI back = entra.authorizeAndReturn(authorize);
        assertThat(back.getPath()).isEqualTo("/api/auth/microsoft/callback");
        String browser = start.getCookie(MicrosoftSignInResource.BROWSER_COOKIE);
        assertThat(browser).isNotBlank();
        return given().redirects().follow(false).cookie(MicrosoftSignInResource.BROWSER_COOKIE, browser).get(back.getPath() + "?" + back.getRawQuery());
    }

    static String error(Response r) {
        assertThat(r.statusCode()).isEqualTo(303);
        String location = r.header("Location");
        assertThat(location).contains("signInError=");
        assertThat(r.getCookie(WebSessions.COOKIE)).isNull();
        return URLDecoder.decode(location.substring(location.indexOf("signInError=") + 12), StandardCharsets.UTF_8);
    }

    @Test
    void aValidSignInOpensTheSameSessionAsAPasswordLogin() throws Exception {
        Response r = signIn();
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(URI.create(r.header("Location")).getPath()).isEqualTo("/");
        String cookie = r.getCookie(WebSessions.COOKIE);
        assertThat(cookie).isNotBlank();
        assertThat(r.getDetailedCookie(WebSessions.COOKIE).isHttpOnly()).isTrue();
        given().cookie(WebSessions.COOKIE, cookie).get("/api/auth/me").then().statusCode(200).body("username", equalTo(username));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE EVENT_TYPE = ? AND USER_NAME = ?", "Sign in with Microsoft", username))
                .isEqualTo(1);
        given().get("/api/auth/microsoft/servers").then().statusCode(200);
        List<Integer> offered = given().get("/api/auth/microsoft/servers").then().extract().path("id");
        assertThat(offered).contains(serverId);
    }

    @Test
    void theUserIsFoundByEmailIgnoringCaseWhenTheUserNameDiffers() throws Exception {
        databases.mainJdbc().update("UPDATE USERS SET EMAIL = ? WHERE USERNAME = ?", username.toUpperCase(), username);
        entra.preferredUsername = "someone-else@contoso.example";
        entra.email = username;
        Response r = signIn();
        given().cookie(WebSessions.COOKIE, r.getCookie(WebSessions.COOKIE)).get("/api/auth/me").then().statusCode(200).body("username", equalTo(username));
    }

    @Test
    void aForgedTokenIsRefused() throws Exception {
        entra.next = TestOidcProvider.Token.FORGED;
        assertThat(error(signIn())).contains("not valid").containsIgnoringCase("signature");
    }

    @Test
    void aWrongNonceIsRefused() throws Exception {
        entra.next = TestOidcProvider.Token.WRONG_NONCE;
        assertThat(error(signIn())).containsIgnoringCase("nonce");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        entra.next = TestOidcProvider.Token.EXPIRED;
        assertThat(error(signIn())).containsIgnoringCase("expired");
    }

    @Test
    void aTokenForAnotherApplicationIsRefused() throws Exception {
        entra.next = TestOidcProvider.Token.OTHER_AUDIENCE;
        assertThat(error(signIn())).containsIgnoringCase("audience");
    }

    @Test
    void aMicrosoftAccountWithoutAReamUserOnThisServerGetsNoSession() throws Exception {
        entra.preferredUsername = "stranger@contoso.example";
        assertThat(error(signIn())).contains("No user stranger@contoso.example");
        // A user of the same name who logs in with a password is not opened by Microsoft either.
        databases.mainJdbc().update("UPDATE USERS SET USE_AUTH_SERVER = ? WHERE USERNAME = ?", false, username);
        entra.preferredUsername = username;
        assertThat(error(signIn())).contains("No user");
    }

    @Test
    void aStateCanBeUsedOnceAndAnUnknownStateIsRefused() throws Exception {
        Response start = given().redirects().follow(false).get("/api/auth/microsoft/start?server=" + serverId);
        URI back = entra.authorizeAndReturn(URI.create(start.header("Location")));
        String callback = back.getPath() + "?" + back.getRawQuery();
        String browser = start.getCookie(MicrosoftSignInResource.BROWSER_COOKIE);
        assertThat(given().redirects().follow(false).cookie(MicrosoftSignInResource.BROWSER_COOKIE, browser).get(callback)
                .getCookie(WebSessions.COOKIE)).isNotBlank();
        assertThat(error(given().redirects().follow(false).cookie(MicrosoftSignInResource.BROWSER_COOKIE, browser).get(callback)))
                .contains("unknown or has expired");
        assertThat(error(given().redirects().follow(false).get("/api/auth/microsoft/callback?code=x&state=forged"))).contains("unknown or has expired");
    }

    @Test
    void aCallbackLinkFromSomeoneElsesSignInDoesNotLogThisBrowserIn() throws Exception {
        // The attacker signs in with their own Microsoft account and sends the callback link to a victim.
        Response start = given().redirects().follow(false).get("/api/auth/microsoft/start?server=" + serverId);
        URI back = entra.authorizeAndReturn(URI.create(start.header("Location")));
        String link = back.getPath() + "?" + back.getRawQuery();
        assertThat(error(given().redirects().follow(false).get(link))).contains("another browser");
        assertThat(error(given().redirects().follow(false).cookie(MicrosoftSignInResource.BROWSER_COOKIE, "victims-own").get(link)))
                .contains("unknown or has expired");
    }

    @Test
    void aRefusalByMicrosoftAndAWrongClientSecretAreReportedClearly() throws Exception {
        Response start = given().redirects().follow(false).get("/api/auth/microsoft/start?server=" + serverId);
        String state = TestOidcProvider.query(URI.create(start.header("Location")).getRawQuery()).get("state");
        assertThat(error(given().redirects().follow(false).cookie(MicrosoftSignInResource.BROWSER_COOKIE,
                start.getCookie(MicrosoftSignInResource.BROWSER_COOKIE)).get("/api/auth/microsoft/callback?state=" + state
                + "&error=access_denied&error_description=The+user+cancelled"))).contains("access_denied").contains("cancelled");

        given().cookie("REAM_SESSION", TestAccounts.admin()).header("X-Requested-With", "t").contentType(ContentType.JSON)
                .body(Map.of("config", Map.of("tenantId", TestOidcProvider.TENANT, "clientId", TestOidcProvider.CLIENT_ID, "clientSecret", "expired-secret",
                        "authority", entra.base())))
                .put("/api/auth-servers/" + serverId).then().statusCode(200);
        assertThat(error(signIn())).contains("invalid_client");
    }

    @Test
    void theTestButtonChecksDiscoveryAndTheClientSecret() {
        String admin = TestAccounts.admin();
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "t").contentType(ContentType.JSON).body(Map.of())
                .post("/api/auth-servers/" + serverId + "/test").then().statusCode(200).body("ok", equalTo(true));
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "t").contentType(ContentType.JSON)
                .body(Map.of("id", serverId, "config", Map.of("tenantId", TestOidcProvider.TENANT, "clientId", TestOidcProvider.CLIENT_ID,
                        "clientSecret", "wrong", "authority", entra.base())))
                .post("/api/auth-servers/test").then().statusCode(200).body("ok", equalTo(false)).body("message", equalTo("The client id or secret was refused"));
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "t").contentType(ContentType.JSON)
                .body(Map.of("kind", "AZURE", "config", Map.of("tenantId", "other-tenant", "clientId", "a", "clientSecret", "b", "authority", entra.base())))
                .post("/api/auth-servers/test").then().statusCode(200).body("ok", equalTo(false));
    }

    @Test
    void anUnreachableMicrosoftGivesAClearMessageAndNoSession() throws Exception {
        int dead = FreePorts.tcp();
        given().cookie("REAM_SESSION", TestAccounts.admin()).header("X-Requested-With", "t").contentType(ContentType.JSON)
                .body(Map.of("config", Map.of("tenantId", TestOidcProvider.TENANT, "clientId", TestOidcProvider.CLIENT_ID,
                        "authority", "http://127.0.0.1:" + dead)))
                .put("/api/auth-servers/" + serverId).then().statusCode(200);
        assertThat(error(given().redirects().follow(false).get("/api/auth/microsoft/start?server=" + serverId)))
                .contains("http://127.0.0.1:" + dead).contains("cannot be read");
    }

    @Test
    void startNeedsAnAzureServerWithSignInEnabled() {
        Response r = given().redirects().follow(false).get("/api/auth/microsoft/start?server=999999999");
        assertThat(error(r)).contains("no Azure AD server");
        given().cookie("REAM_SESSION", TestAccounts.admin()).header("X-Requested-With", "t").contentType(ContentType.JSON)
                .body(Map.of("config", Map.of("tenantId", TestOidcProvider.TENANT, "clientId", TestOidcProvider.CLIENT_ID,
                        "authority", entra.base(), "signInWithMicrosoft", false)))
                .put("/api/auth-servers/" + serverId).then().statusCode(200);
        assertThat(error(given().redirects().follow(false).get("/api/auth/microsoft/start?server=" + serverId))).contains("not enabled");
    }
}
