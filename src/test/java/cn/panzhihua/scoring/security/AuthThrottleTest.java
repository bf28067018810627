package cn.panzhihua.scoring.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 18 §3: locks per name and address, per address, with back-off; never on a name alone. */
class AuthThrottleTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final AuthThrottle throttle = new AuthThrottle(Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15), 5, 20, 100, now::get);

    @Test
    void aNameIsLockedFromTheAddressItsFailuresCameFromOnly() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("auditor", "127.0.0.2");
        }
        assertFalse(throttle.locked("auditor", "127.0.0.2").isPresent());
        throttle.failed("auditor", "127.0.0.2");
        AuthThrottle.Lock lock = throttle.locked("auditor", "127.0.0.2").orElseThrow();
        assertEquals("user auditor from address 127.0.0.2", lock.what());
        assertEquals(Duration.ofMinutes(1), lock.remaining());
        assertFalse(throttle.locked("auditor", "127.0.0.3").isPresent(), "the same person from another address signs in");
        assertFalse(throttle.locked("evaluator", "127.0.0.2").isPresent(), "another name from that address is not locked");
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        assertFalse(throttle.locked("auditor", "127.0.0.2").isPresent(), "the lock ends");
    }

    @Test
    void failuresFromManyAddressesNeverLockTheName() {
        for (int i = 0; i < 250; i++) {
            throttle.failed("auditor", "10.0." + (i / 4) + "." + (i % 4));
        }
        assertFalse(throttle.locked("auditor", "127.0.0.3").isPresent());
    }

    @Test
    void locksInARowLastLongerUpToTheMaximum() {
        AuthThrottle hourWindow = new AuthThrottle(Duration.ofMinutes(60), Duration.ofMinutes(1), Duration.ofMinutes(15), 5, 20, 100, now::get);
        for (int i = 0; i < 5; i++) {
            hourWindow.failed("auditor", "127.0.0.2");
        }
        for (long expected : new long[] {1, 2, 4, 8, 15, 15}) {
            AuthThrottle.Lock lock = hourWindow.locked("auditor", "127.0.0.2").orElseThrow();
            assertEquals(Duration.ofMinutes(expected), lock.remaining());
            hourWindow.failed("auditor", "127.0.0.2"); // refused while locked: not counted, the lock not lengthened
            assertEquals(Duration.ofMinutes(expected), hourWindow.locked("auditor", "127.0.0.2").orElseThrow().remaining());
            now.addAndGet(lock.remaining().toMillis());
            assertFalse(hourWindow.locked("auditor", "127.0.0.2").isPresent(), "the lock ends");
            // the earlier failures are still within the window: one more locks again, for twice as long
            hourWindow.failed("auditor", "127.0.0.2");
        }
        assertFalse(hourWindow.locked("auditor", "127.0.0.3").isPresent(), "never from another address");
    }

    @Test
    void aQuietWindowStartsTheBackOffAgain() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("auditor", "127.0.0.2");
        }
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        throttle.failed("auditor", "127.0.0.2");
        assertEquals(Duration.ofMinutes(2), throttle.locked("auditor", "127.0.0.2").orElseThrow().remaining());
        now.addAndGet(Duration.ofMinutes(2 + 16).toMillis());
        for (int i = 0; i < 5; i++) {
            throttle.failed("auditor", "127.0.0.2");
        }
        assertEquals(Duration.ofMinutes(1), throttle.locked("auditor", "127.0.0.2").orElseThrow().remaining());
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
    void anAddressTryingManyNamesIsLockedForEveryName() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }
        assertEquals("address 192.0.2.7", throttle.locked("auditor", "192.0.2.7").orElseThrow().what());
        assertTrue(throttle.locked(null, "192.0.2.7").isPresent());
        assertFalse(throttle.locked("auditor", "192.0.2.8").isPresent());
    }

    @Test
    void aSuccessfulSignInClearsTheNameAtThatAddressButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("auditor", "192.0.2.7");
        }
        throttle.succeeded("auditor", "192.0.2.7");
        throttle.failed("auditor", "192.0.2.7");
        assertFalse(throttle.locked("auditor", "192.0.2.7").isPresent(), "1 failure since the sign-in");
        for (int i = 0; i < 15; i++) {
            throttle.failed("guess" + i, "192.0.2.7");
        }
        assertTrue(throttle.locked("auditor", "192.0.2.7").isPresent(), "4 + 1 + 15 failures from the address");
    }

    @Test
    void rememberedPairsAreBounded() {
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("name" + i, null);
        }
        for (int i = 0; i < 5; i++) {
            throttle.failed("last", "192.0.2.9");
        }
        assertTrue(throttle.locked("last", "192.0.2.9").isPresent());
    }

    @Test
    void basicUserNames() {
        assertEquals("auditor", AuthThrottleFilter.basicUser("Basic YXVkaXRvcjp3cm9uZw=="));
        assertEquals(null, AuthThrottleFilter.basicUser("Bearer eyJhbGciOi"));
        assertEquals(null, AuthThrottleFilter.basicUser("Basic %%%"));
    }

    @Test
    void namesInTheLogCannotForgeLines() {
        assertEquals("'auditor\\u000a2026-12-05 INFO forged'", AuthThrottleFilter.printable("auditor\n2026-12-05 INFO forged"));
        assertEquals("'" + "长".repeat(64) + "…'", AuthThrottleFilter.printable("长".repeat(100)));
    }
}
