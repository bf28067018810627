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
 * Failed sign-ins, counted per user name and per client address. Past {@code user-failures} failures
 * of one name, or {@code address-failures} from one address, within {@code window}, that name or
 * address is locked for {@code lock}: its requests with credentials are answered 429 with
 * {@code Retry-After} before any password is checked, the right one included. A successful sign-in
 * clears the name's count (not the address's: one valid account must not reset guesses at others).
 * At most {@code max-tracked} names and addresses are remembered, the least recently seen forgotten first.
 */
@ApplicationScoped
public class AuthThrottle {

    private static final Logger LOG = Logger.getLogger(AuthThrottle.class);

    /** Why a request is refused, and for how long. */
    public record Lock(String what, Duration remaining, int failures) {
    }

    @ConfigProperty(name = "auth.throttle.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "auth.throttle.window", defaultValue = "PT15M")
    Duration window;

    @ConfigProperty(name = "auth.throttle.lock", defaultValue = "PT15M")
    Duration lock;

    @ConfigProperty(name = "auth.throttle.user-failures", defaultValue = "5")
    int userFailures;

    @ConfigProperty(name = "auth.throttle.address-failures", defaultValue = "20")
    int addressFailures;

    @ConfigProperty(name = "auth.throttle.max-tracked", defaultValue = "10000")
    int maxTracked;

    /** Milliseconds; a test may stop time. */
    LongSupplier clock = System::currentTimeMillis;

    private Map<String, Tracker> trackers;

    private static final class Tracker {
        final Deque<Long> failures = new ArrayDeque<>();
        long lockedUntil;
    }

    AuthThrottle() {
    }

    /** For tests outside CDI. */
    AuthThrottle(Duration window, Duration lock, int userFailures, int addressFailures, int maxTracked, LongSupplier clock) {
        this.enabled = true;
        this.window = window;
        this.lock = lock;
        this.userFailures = userFailures;
        this.addressFailures = addressFailures;
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

    /** The lock on this user name (may be null) or client address, if either is locked now. */
    public synchronized Optional<Lock> locked(String user, String address) {
        if (!enabled) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        Optional<Lock> byUser = lockOf(userKey(user), "user " + user, now);
        return byUser.isPresent() ? byUser : lockOf(addressKey(address), "address " + address, now);
    }

    /** A request with credentials from this address (and for this user name, if Basic) was refused. */
    public synchronized void failed(String user, String address) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (user != null) {
            count(userKey(user), "user " + user, userFailures, now);
        }
        if (address != null) {
            count(addressKey(address), "address " + address, addressFailures, now);
        }
    }

    /** The user signed in: earlier failures of the name no longer count. */
    public synchronized void succeeded(String user) {
        if (enabled && user != null) {
            Tracker tracker = trackers().get(userKey(user));
            if (tracker != null && tracker.lockedUntil <= clock.getAsLong()) {
                trackers().remove(userKey(user));
            }
        }
    }

    private Optional<Lock> lockOf(String key, String what, long now) {
        if (key == null) {
            return Optional.empty();
        }
        Tracker tracker = trackers().get(key);
        if (tracker == null || tracker.lockedUntil <= now) {
            return Optional.empty();
        }
        return Optional.of(new Lock(what, Duration.ofMillis(tracker.lockedUntil - now), tracker.failures.size()));
    }

    private void count(String key, String what, int threshold, long now) {
        Tracker tracker = trackers().computeIfAbsent(key, k -> new Tracker());
        while (!tracker.failures.isEmpty() && tracker.failures.peekFirst() <= now - window.toMillis()) {
            tracker.failures.removeFirst();
        }
        if (tracker.lockedUntil > now) {
            return; // already locked: such requests are refused before their credentials are checked
        }
        tracker.failures.addLast(now);
        if (tracker.failures.size() >= threshold) {
            tracker.lockedUntil = now + lock.toMillis();
            LOG.warnf("%s locked for %s after %d failed sign-ins within %s: requests with credentials are answered 429 until then",
                    what, lock, tracker.failures.size(), window);
        }
    }

    private static String userKey(String user) {
        return user == null ? null : "user:" + user;
    }

    private static String addressKey(String address) {
        return address == null ? null : "address:" + address;
    }
}
