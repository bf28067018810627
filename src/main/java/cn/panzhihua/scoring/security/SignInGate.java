package cn.panzhihua.scoring.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The one place every password sign-in passes, HTTP Basic and the console's login form alike: ahead
 * of the provider that checks passwords, it notes the attempt (name and client address) on the
 * request, and refuses a locked name-and-address or address before the password is looked at. It
 * then hands the request on (an empty answer: the next provider checks the password).
 * {@link AuthThrottleFilter} counts the attempt as failed unless an identity was built for it.
 */
@ApplicationScoped
public class SignInGate implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Request data: the {@link Attempt} of this request. */
    static final String ATTEMPT = "rubric.sign-in.attempt";
    /** Request data: the {@link AuthThrottle.Lock} that refused this request. */
    public static final String LOCKED = "rubric.sign-in.locked";

    /** A password sign-in: who, from where, through which door ("form" or "basic"). */
    record Attempt(String user, String address, String door) {
    }

    @Inject
    AuthThrottle throttle;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Before every provider that checks a password (providers are asked highest priority first). */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = rc == null ? null : AuthThrottleFilter.address(rc);
        String user = request.getUsername();
        if (rc != null) {
            rc.put(ATTEMPT, new Attempt(user, address, AuthThrottleFilter.isFormPost(rc) ? "form" : "basic"));
        }
        Optional<AuthThrottle.Lock> lock = throttle.locked(user, address);
        if (lock.isPresent()) {
            if (rc != null) {
                rc.put(LOCKED, lock.get());
            }
            // the lock is on the request (LOCKED): AccessProblems answers 429, or the login page says when to retry
            return Uni.createFrom().failure(new AuthenticationFailedException(lock.get().what() + " is locked"));
        }
        return Uni.createFrom().nullItem();
    }
}
