package cn.panzhihua.scoring.security;

import cn.panzhihua.scoring.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Applies {@link AuthThrottle} to every request that carries credentials: a locked user name or
 * client address is answered 429 (problem+json, {@code Retry-After}) before its credentials are
 * checked; a 401 answered to credentials counts as a failure. Successful sign-ins are seen where the
 * identity is built (this class is also the identity augmentor), not guessed from a status: an
 * endpoint that needs no identity answers 200 without looking at the password.
 */
@ApplicationScoped
public class AuthThrottleFilter implements SecurityIdentityAugmentor {

    /** Ahead of the application's routes; the framework's own filters use small numbers. */
    static final int PRIORITY = 500;

    @Inject
    AuthThrottle throttle;

    @Inject
    ObjectMapper mapper;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            rc.next();
            return;
        }
        String user = basicUser(authorization);
        String address = address(rc);
        Optional<AuthThrottle.Lock> lock = throttle.locked(user, address);
        if (lock.isPresent()) {
            refuse(rc, lock.get());
            return;
        }
        rc.addHeadersEndHandler(v -> {
            if (rc.response().getStatusCode() == 401) {
                throttle.failed(user, address);
            }
        });
        rc.next();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous()) {
            throttle.succeeded(identity.getPrincipal().getName());
        }
        return Uni.createFrom().item(identity);
    }

    private void refuse(RoutingContext rc, AuthThrottle.Lock lock) {
        long seconds = Math.max(1, (lock.remaining().toMillis() + 999) / 1000);
        Problem problem = new Problem("about:blank", "Too many failed sign-ins", 429,
                lock.what() + " is locked for " + seconds + " more seconds after " + lock.failures()
                        + " failed sign-ins; requests with credentials are refused until then, the right password included "
                        + "(Retry-After says when to try again)", rc.request().path(), null, null, null);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rc.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(seconds))
                .end(body);
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

    /** The client's address (as forwarded by a proxy when quarkus.http.proxy.* says to trust it). */
    private static String address(RoutingContext rc) {
        SocketAddress remote = rc.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }
}
