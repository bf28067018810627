package cn.panzhihua.scoring.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Counts what {@link SignInGate} let through: when the answer to a request that tried a password
 * (HTTP Basic or the login form) is sent and no identity was built for it, that is a failed sign-in
 * for the name and the client address, and it is logged (name, address, door; never the password).
 * Successful sign-ins are seen where the identity is built (this class is also the identity
 * augmentor), not guessed from a status.
 */
@ApplicationScoped
public class AuthThrottleFilter implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(AuthThrottleFilter.class);

    /** Ahead of the application's routes; the framework's own filters use small numbers. */
    static final int PRIORITY = 500;
    /** Request data: an identity was built for this request's password. */
    static final String SIGNED_IN = "rubric.sign-in.succeeded";

    @Inject
    AuthThrottle throttle;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        rc.addHeadersEndHandler(v -> {
            SignInGate.Attempt attempt = rc.get(SignInGate.ATTEMPT);
            if (attempt == null || rc.get(SIGNED_IN) != null) {
                return;
            }
            if (rc.get(SignInGate.LOCKED) != null) {
                LOG.debugf("sign-in refused while locked: user %s from %s (%s)", printable(attempt.user()), attempt.address(), attempt.door());
                return;
            }
            throttle.failed(attempt.user(), attempt.address());
            LOG.infof("failed sign-in: user %s from %s (%s %s, answered %d)", printable(attempt.user()), attempt.address(),
                    attempt.door(), rc.request().path(), rc.response().getStatusCode());
        });
        rc.next();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Uni.createFrom().item(identity);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context, Map<String, Object> attributes) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        if (!identity.isAnonymous() && rc != null) {
            SignInGate.Attempt attempt = rc.get(SignInGate.ATTEMPT);
            rc.put(SIGNED_IN, Boolean.TRUE);
            if (attempt != null) {
                throttle.succeeded(attempt.user(), attempt.address());
            }
        }
        return Uni.createFrom().item(identity);
    }

    /** The user name of HTTP Basic credentials, or null for any other scheme or a header that does not decode. */
    static String basicUser(String authorization) {
        if (authorization.length() < 6 || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The client's address: the connection's peer, or the address a trusted proxy forwarded
     * ({@code quarkus.http.proxy.*}: only from the addresses in {@code trusted-proxies}).
     */
    static String address(RoutingContext rc) {
        SocketAddress remote = rc.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /** Whether this is the console's login form being posted. */
    static boolean isFormPost(RoutingContext rc) {
        String post = ConfigProvider.getConfig().getOptionalValue("quarkus.http.auth.form.post-location", String.class)
                .orElse("/j_security_check");
        return rc.request().method() == HttpMethod.POST && post.equals(rc.normalizedPath());
    }

    /** A name as typed, fit for one log line: control characters escaped, at most 64 characters. */
    static String printable(String user) {
        if (user == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        user.codePoints().limit(64).forEach(c -> {
            if (Character.isISOControl(c) || c == '\'' || c == '\\') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(user.codePointCount(0, user.length()) > 64 ? "…'" : "'").toString();
    }
}
