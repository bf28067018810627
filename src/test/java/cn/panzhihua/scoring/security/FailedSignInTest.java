package cn.panzhihua.scoring.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issues 10 and 18 §3: failed sign-ins through HTTP Basic and the console's login form share one
 * throttle, per name and client address. The service here sits behind a "proxy" it trusts (the test
 * client's own address, 127.0.0.1), so X-Forwarded-For names the client: 127.0.0.2 is the one guessing,
 * 127.0.0.3 the person with the right password. Time is stopped, so the counts are exact on a slow machine.
 */
@QuarkusTest
@TestProfile(FailedSignInTest.BehindTrustedProxy.class)
class FailedSignInTest {

    /** Its own application (the locks it makes must not refuse other tests' calls), behind a trusted proxy. */
    public static class BehindTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rules.watch.enabled", "false",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    static final String GUESSER = "127.0.0.2";
    static final String OWNER = "127.0.0.3";

    @Inject
    AuthThrottle throttle;

    final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    final List<LogRecord> log = new CopyOnWriteArrayList<>();
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void stopTime() {
        throttle.clock(now::get);
        Logger.getLogger(AuthThrottleFilter.class.getName()).addHandler(handler);
    }

    @AfterEach
    void startTime() {
        throttle.clock(System::currentTimeMillis);
        Logger.getLogger(AuthThrottleFilter.class.getName()).removeHandler(handler);
    }

    static Response verifyAs(String from, String user, String password) {
        return given().header("X-Forwarded-For", from).auth().preemptive().basic(user, password).get("/api/v1/audit/verify");
    }

    static Response formLogin(String from, String user, String password) {
        return given().header("X-Forwarded-For", from).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
    }

    @Test
    void fiveHundredWrongPasswordsLockTheGuesserNotThePerson() {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            Response answer = verifyAs(GUESSER, "auditor", "guess-" + i);
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 429) {
                answer.then().contentType("application/problem+json")
                        .body("detail", containsString("user auditor from address 127.0.0.2 is locked"));
                assertEquals("60", answer.header("Retry-After"));
            }
        }
        assertEquals(Map.of(401, 5, 429, 495), statuses);
        verifyAs(GUESSER, "auditor", "auditor-dev").then().statusCode(429).header("Retry-After", "60");
        verifyAs(OWNER, "auditor", "auditor-dev").then().statusCode(200); // the person, from elsewhere
        // every failure is logged with the name and the address, never the password
        List<String> failures = log.stream().map(LogRecord::getMessage).filter(m -> m.startsWith("failed sign-in")).toList();
        assertEquals(5, failures.size(), failures.toString());
        assertTrue(failures.get(0).contains("'auditor' from 127.0.0.2 (basic"), failures.get(0));
        assertTrue(log.stream().noneMatch(r -> String.valueOf(r.getMessage()).contains("guess-")), "no password in the log");
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        verifyAs(GUESSER, "auditor", "auditor-dev").then().statusCode(200);
    }

    @Test
    void theLoginFormSharesTheThrottleAndAPersonReadsWhenToRetry() {
        // the review: 60 wrong passwords on the form, then the right one, opened a session
        for (int i = 0; i < 60; i++) {
            Response answer = formLogin(GUESSER, "auditor", "guess-" + i);
            assertNull(answer.getCookie("quarkus-credential"), "no session after wrong password " + i);
            String location = answer.header("Location");
            assertTrue(i < 5 ? location.endsWith("/console/login?error=1") : location.endsWith("/console/login?locked=60"), i + ": " + location);
        }
        Response right = formLogin(GUESSER, "auditor", "auditor-dev");
        assertNull(right.getCookie("quarkus-credential"), "the right password does not sign in while locked");
        assertTrue(right.header("Location").endsWith("/console/login?locked=60"), right.header("Location"));
        // the page a person is sent to: Chinese, in the console's error style, with when to try again
        given().get("/console/login?locked=60").then().statusCode(429).header("Retry-After", "60")
                .contentType(containsString("text/html")).body(containsString("登录已暂停"))
                .body(containsString("请在 1 分钟后")).body(containsString("暂停期间即使输入正确的密码也无法登录"));
        // the form's failures lock Basic for the same name and address too: one throttle
        verifyAs(GUESSER, "auditor", "auditor-dev").then().statusCode(429);
        // and the person at another address signs in with the form
        Response owner = formLogin(OWNER, "auditor", "auditor-dev");
        assertEquals(302, owner.statusCode());
        assertFalse(owner.getCookie("quarkus-credential").isBlank());
        List<String> failures = log.stream().map(LogRecord::getMessage).filter(m -> m.startsWith("failed sign-in")).toList();
        assertEquals(5, failures.size(), "the 5 failures before the lock: " + failures);
        assertTrue(failures.get(0).contains("'auditor' from 127.0.0.2 (form /j_security_check"), failures.get(0));
    }

    @Test
    void oneAddressTryingManyNamesIsLockedForAllItsNames() {
        for (int i = 0; i < 20; i++) {
            verifyAs(GUESSER, "guess" + i, "password").then().statusCode(401);
        }
        Response locked = verifyAs(GUESSER, "auditor", "auditor-dev");
        assertEquals(429, locked.statusCode());
        assertTrue(locked.body().asString().contains("address 127.0.0.2 is locked"), locked.body().asString());
        verifyAs(OWNER, "auditor", "auditor-dev").then().statusCode(200);
        given().header("X-Forwarded-For", GUESSER).get("/q/health/ready").then().statusCode(200); // no credentials, not refused
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        verifyAs(GUESSER, "auditor", "auditor-dev").then().statusCode(200);
    }

    @Test
    void aSuccessfulSignInForgetsTheNamesFailuresAtThatAddress() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                verifyAs(GUESSER, "author", "typo").then().statusCode(401);
            }
            given().header("X-Forwarded-For", GUESSER).auth().preemptive().basic("author", "author-dev")
                    .get("/api/v1/units?year=2016").then().statusCode(200);
            verifyAs(GUESSER, "author", "author-dev").then().statusCode(403);
            now.addAndGet(Duration.ofMinutes(16).toMillis()); // the address's failures age out between rounds
        }
    }
}
