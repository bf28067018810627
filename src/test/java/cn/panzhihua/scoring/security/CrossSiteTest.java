package cn.panzhihua.scoring.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 18 §3, cross-site requests: a state-changing request another site made a browser send is
 * refused 403 whatever credentials it carries (the review POSTed to /console/impact, validate and
 * reload with cached Basic credentials); the same request from the service's own pages, or from a
 * client that is not a browser, goes through. Pages say what they may load and that they may not be
 * framed. And, in the shipped (untrusting) settings, a client cannot choose its address with
 * X-Forwarded-For to escape the sign-in throttle.
 */
@QuarkusTest
class CrossSiteTest {

    @Inject
    AuthThrottle throttle;

    @AfterEach
    void forget() {
        throttle.clock(System::currentTimeMillis); // forgets the failures this test made
    }

    @Test
    void anotherSitesFormIsRefusedWhateverTheCredentials() {
        given().auth().preemptive().basic("author", "author-dev").header("Origin", "https://evil.example")
                .contentType("text/plain").body("package x;\n").post("/api/v1/rulebooks/validate")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("cross-site request refused: Origin https://evil.example is not this service"));
        given().auth().preemptive().basic("author", "author-dev").header("Sec-Fetch-Site", "cross-site")
                .post("/api/v1/rulebooks/2016/reload").then().statusCode(403)
                .body("detail", containsString("Sec-Fetch-Site: cross-site"));
        given().auth().preemptive().basic("auditor", "auditor-dev").header("Origin", "null").contentType(ContentType.URLENC)
                .formParam("year", "2016").formParam("text", "x").post("/console/impact").then().statusCode(403);
        // a login form on another site cannot sign a person in here either
        given().header("Origin", "https://evil.example").redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", "auditor").formParam("j_password", "auditor-dev").post("/j_security_check")
                .then().statusCode(403).header("Set-Cookie", nullValue());
    }

    @Test
    void theServicesOwnPagesAndNonBrowserClientsGoThrough() {
        int port = io.restassured.RestAssured.port;
        given().auth().preemptive().basic("author", "author-dev").header("Origin", "http://localhost:" + port)
                .header("Sec-Fetch-Site", "same-origin").contentType("text/plain").body("package x;\n")
                .post("/api/v1/rulebooks/validate").then().statusCode(200);
        given().auth().preemptive().basic("author", "author-dev").contentType("text/plain").body("package x;\n")
                .post("/api/v1/rulebooks/validate").then().statusCode(200);
        // reading is never refused: a link from another site opens a page
        given().header("Sec-Fetch-Site", "cross-site").get("/console/login").then().statusCode(200);
    }

    @Test
    void pagesCarryTheirPolicies() {
        given().get("/console/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("same-origin"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().get("/api/v1/ping").then().header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", nullValue());
    }

    @Test
    void sessionCookiesAreHttpOnlyAndStrict() {
        String setCookie = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("j_username", "auditor")
                .formParam("j_password", "auditor-dev").post("/j_security_check").then().statusCode(302).extract().header("Set-Cookie");
        org.hamcrest.MatcherAssert.assertThat(setCookie.toLowerCase(), containsString("httponly"));
        org.hamcrest.MatcherAssert.assertThat(setCookie.toLowerCase(), containsString("samesite=strict"));
        // not Secure: the test service is plain HTTP and http.secure-cookies is off
        org.hamcrest.MatcherAssert.assertThat(setCookie, not(containsString("Secure")));
        org.junit.jupiter.api.Assertions.assertEquals("; Secure", CrossSiteGuard.secure("a=b").substring(3));
        org.junit.jupiter.api.Assertions.assertEquals("a=b; Secure", CrossSiteGuard.secure("a=b; Secure"));
    }

    @Test
    void withoutTrustedProxiesAClientCannotNameItsOwnAddress() {
        for (int i = 0; i < 20; i++) {
            given().header("X-Forwarded-For", "198.51.100." + i).auth().preemptive().basic("guess" + i, "password")
                    .get("/api/v1/audit/verify").then().statusCode(401);
        }
        given().header("X-Forwarded-For", "198.51.100.99").auth().preemptive().basic("auditor", "auditor-dev")
                .get("/api/v1/audit/verify").then().statusCode(429).body("detail", containsString("address 127.0.0.1 is locked"));
    }
}
