package cn.panzhihua.scoring.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthThrottleTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final AuthThrottle throttle = new AuthThrottle(Duration.ofMinutes(15), Duration.ofMinutes(10), 5, 20, 100, now::get);

    @Test
    void aNameIsLockedAfterItsFailuresWithinTheWindow() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("auditor", "10.0.0." + i);
        }
        assertFalse(throttle.locked("auditor", "10.0.0.9").isPresent());
        throttle.failed("auditor", "10.0.0.5");
        AuthThrottle.Lock lock = throttle.locked("auditor", "10.0.0.9").orElseThrow();
        assertEquals("user auditor", lock.what());
        assertEquals(Duration.ofMinutes(10), lock.remaining());
        assertFalse(throttle.locked("evaluator", "10.0.0.9").isPresent(), "another name from another address is not locked");
        now.addAndGet(Duration.ofMinutes(10).toMillis());
        assertFalse(throttle.locked("auditor", "10.0.0.9").isPresent(), "the lock ends");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("auditor", "10.0.0.1");
            now.addAndGet(Duration.ofMinutes(5).toMillis());
        }
        // the failures at 0, 5, 10, 15 minutes: at 20 minutes only three are within 15 minutes
        throttle.failed("auditor", "10.0.0.1");
        assertFalse(throttle.locked("auditor", "10.0.0.1").isPresent());
    }

    @Test
    void anAddressIsLockedForEveryName() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }
        assertEquals("address 192.0.2.7", throttle.locked("auditor", "192.0.2.7").orElseThrow().what());
        assertTrue(throttle.locked(null, "192.0.2.7").isPresent(), "bearer tokens from there too");
        assertFalse(throttle.locked("auditor", "192.0.2.8").isPresent());
    }

    @Test
    void aSuccessfulSignInClearsTheNameButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("auditor", "192.0.2.7");
        }
        throttle.succeeded("auditor");
        throttle.failed("auditor", "192.0.2.7");
        assertFalse(throttle.locked("auditor", "192.0.2.8").isPresent());
        for (int i = 0; i < 15; i++) {
            throttle.failed("guess" + i, "192.0.2.7");
        }
        assertTrue(throttle.locked("auditor", "192.0.2.7").isPresent(), "4 + 1 + 15 failures from the address");
    }

    @Test
    void rememberedNamesAreBounded() {
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("name" + i, null);
        }
        for (int i = 0; i < 5; i++) {
            throttle.failed("last", null);
        }
        assertTrue(throttle.locked("last", null).isPresent());
    }

    @Test
    void basicUserNames() {
        assertEquals("auditor", AuthThrottleFilter.basicUser("Basic YXVkaXRvcjp3cm9uZw=="));
        assertEquals(null, AuthThrottleFilter.basicUser("Bearer eyJhbGciOi"));
        assertEquals(null, AuthThrottleFilter.basicUser("Basic %%%"));
    }
}
