package cn.panzhihua.scoring.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Failed sign-ins (HTTP Basic and the console's login form alike), counted per user name <em>and</em>
 * client address, and per client address. Past {@code pair-failures} failures of one name from one
 * address within {@code window}, that name is locked <em>from that address only</em>; past
 * {@code address-failures} failures from one address (whatever the names), that address is locked.
 * A lock lasts {@code lock}, doubled for each further lock of the same pair or address while its
 * failures are still within the window (back-off), at most {@code max-lock}. While locked, sign-ins
 * are refused before any password is checked, the right one included.
 *
 * <p>There is deliberately no lock on a name alone: one caller's failures must never lock out the
 * person who gives the right password from another address. Guessing one name from many addresses
 * is bounded per address and logged ({@code user-alarm} failures of one name within the window is a
 * WARN naming the addresses' count). At most {@code max-tracked} pairs and addresses are remembered,
 * the least recently seen forgotten first.
 */
@ApplicationScoped
public class AuthThrottle {

    private static final Logger LOG = Logger.getLogger(AuthThrottle.class);

    /** Why a sign-in is refused, and for how long; {@code user} is null for an address lock. */
    public record Lock(String what, String user, String address, Duration remaining, int failures) {
    }

    @ConfigProperty(name = "auth.throttle.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "auth.throttle.window", defaultValue = "PT15M")
    Duration window;

    @ConfigProperty(name = "auth.throttle.lock", defaultValue = "PT1M")
    Duration lock;

    @ConfigProperty(name = "auth.throttle.max-lock", defaultValue = "PT15M")
    Duration maxLock;

    @ConfigProperty(name = "auth.throttle.pair-failures", defaultValue = "5")
    int pairFailures;

    @ConfigProperty(name = "auth.throttle.address-failures", defaultValue = "20")
    int addressFailures;

    @ConfigProperty(name = "auth.throttle.user-alarm", defaultValue = "20")
    int userAlarm;

    @ConfigProperty(name = "auth.throttle.max-tracked", defaultValue = "10000")
    int maxTracked;

    /** Milliseconds; a test may stop time. */
    LongSupplier clock = System::currentTimeMillis;

    private Map<String, Tracker> trackers;

    private static final class Tracker {
        final Deque<Long> failures = new ArrayDeque<>();
        long lockedUntil;
        /** Locks in a row: the next one lasts lock × 2^locks. */
        int locks;
        boolean alarmed;
    }

    AuthThrottle() {
    }

    /** For tests outside CDI. */
    AuthThrottle(Duration window, Duration lock, Duration maxLock, int pairFailures, int addressFailures, int maxTracked,
                 LongSupplier clock) {
        this.enabled = true;
        this.window = window;
        this.lock = lock;
        this.maxLock = maxLock;
        this.pairFailures = pairFailures;
        this.addressFailures = addressFailures;
        this.userAlarm = 20;
        this.maxTracked = maxTracked;
        this.clock = clock;
    }

    /** Tests stop time, and start again with nothing remembered. */
    synchronized void clock(LongSupplier clock) {
        this.clock = clock;
        this.trackers = null;
    }

    private synchronized Map<String, Tracker> trackers() {
        if (trackers == null) {
            int bound = maxTracked;
            trackers = new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Tracker> eldest) {
                    return size() > bound;
                }
            };
        }
        return trackers;
    }

    /** The lock on this name from this address, or on the address, if either is locked now. */
    public synchronized Optional<Lock> locked(String user, String address) {
        if (!enabled) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        Optional<Lock> byAddress = lockOf(addressKey(address), "address " + address, null, address, now);
        if (byAddress.isPresent() || user == null) {
            return byAddress;
        }
        return lockOf(pairKey(user, address), "user " + user + " from address " + address, user, address, now);
    }

    /** A sign-in with this name (null when the scheme names none) from this address was refused. */
    public synchronized void failed(String user, String address) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (user != null) {
            count(pairKey(user, address), "user " + user + " from address " + address, pairFailures, now);
            Tracker byName = trackers().computeIfAbsent(userKey(user), k -> new Tracker());
            age(byName, now);
            byName.failures.addLast(now);
            if (byName.failures.size() >= userAlarm && !byName.alarmed) {
                byName.alarmed = true;
                LOG.warnf("user %s: %d failed sign-ins within %s from several addresses; each address is locked on its own, "
                        + "the name is not (the right password from another address still signs in)", user, byName.failures.size(), window);
            }
        }
        count(addressKey(address), "address " + address, addressFailures, now);
    }

    /** The user signed in from this address: earlier failures of the name there no longer count, nor do its locks in a row. */
    public synchronized void succeeded(String user, String address) {
        if (enabled && user != null) {
            String key = pairKey(user, address);
            Tracker tracker = trackers().get(key);
            if (tracker != null && tracker.lockedUntil <= clock.getAsLong()) {
                trackers().remove(key);
            }
        }
    }

    private Optional<Lock> lockOf(String key, String what, String user, String address, long now) {
        Tracker tracker = trackers().get(key);
        if (tracker == null || tracker.lockedUntil <= now) {
            return Optional.empty();
        }
        return Optional.of(new Lock(what, user, address, Duration.ofMillis(tracker.lockedUntil - now), tracker.failures.size()));
    }

    private void age(Tracker tracker, long now) {
        while (!tracker.failures.isEmpty() && tracker.failures.peekFirst() <= now - window.toMillis()) {
            tracker.failures.removeFirst();
        }
        if (tracker.failures.isEmpty()) {
            tracker.alarmed = false;
            if (tracker.lockedUntil <= now - window.toMillis()) {
                tracker.locks = 0; // quiet for a whole window since the last lock: the back-off starts again
            }
        }
    }

    private void count(String key, String what, int threshold, long now) {
        Tracker tracker = trackers().computeIfAbsent(key, k -> new Tracker());
        age(tracker, now);
        if (tracker.lockedUntil > now) {
            return; // already locked: such sign-ins are refused before their password is checked
        }
        tracker.failures.addLast(now);
        if (tracker.failures.size() >= threshold) {
            Duration duration = backOff(tracker.locks);
            tracker.locks++;
            tracker.lockedUntil = now + duration.toMillis();
            LOG.warnf("%s locked for %s after %d failed sign-ins within %s (lock %d in a row): its sign-ins are refused until then",
                    what, duration, tracker.failures.size(), window, tracker.locks);
        }
    }

    /** lock × 2^n, at most max-lock. */
    Duration backOff(int locksBefore) {
        Duration duration = lock;
        for (int i = 0; i < locksBefore && duration.compareTo(maxLock) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(maxLock) > 0 ? maxLock : duration;
    }

    private static String pairKey(String user, String address) {
        return "pair:" + address + "\u0000" + user;
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
