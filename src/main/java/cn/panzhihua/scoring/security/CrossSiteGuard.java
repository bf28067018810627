package cn.panzhihua.scoring.security;

import cn.panzhihua.scoring.problem.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a browser may be made to do by another site, and what pages may be made into.
 *
 * <ul>
 * <li>A state-changing request (any method but GET, HEAD, OPTIONS) whose {@code Sec-Fetch-Site} says
 * another site sent it, or whose {@code Origin} is not this service's own (nor one listed in
 * {@code http.allowed-origins}), is answered 403 problem+json before anything else sees it, whatever
 * credentials it carries: a browser that cached Basic credentials, or holds the console's cookie,
 * sends them with a forged cross-site form. Callers that are not browsers send neither header and
 * are not affected.</li>
 * <li>Every answer says {@code X-Content-Type-Options: nosniff}; the console's pages also carry a
 * Content-Security-Policy (own scripts and styles only, no framing, forms post only here),
 * {@code X-Frame-Options: DENY} and {@code Referrer-Policy: same-origin}.</li>
 * <li>With {@code http.secure-cookies=true} (the service is reached over HTTPS, itself or through a
 * TLS proxy) every cookie it sets is marked {@code Secure}.</li>
 * </ul>
 */
@ApplicationScoped
public class CrossSiteGuard {

    private static final Logger LOG = Logger.getLogger(CrossSiteGuard.class);

    /** Before the sign-in throttle: a forged request is not a sign-in attempt. */
    static final int PRIORITY = AuthThrottleFilter.PRIORITY + 100;
    static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @ConfigProperty(name = "http.allowed-origins")
    Optional<List<String>> allowedOrigins;

    @ConfigProperty(name = "http.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    @Inject
    ObjectMapper mapper;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        if (!SAFE.contains(rc.request().method())) {
            String refusal = crossSite(rc.request().headers());
            if (refusal != null) {
                LOG.infof("cross-site %s %s refused: %s", rc.request().method(), rc.request().path(), refusal);
                refuse(rc, refusal);
                return;
            }
        }
        rc.addHeadersEndHandler(v -> headers(rc));
        rc.next();
    }

    /** Why a state-changing request with these headers comes from another site, or null if it does not. */
    String crossSite(MultiMap headers) {
        String fetchSite = headers.get("Sec-Fetch-Site");
        if (fetchSite != null && !Set.of("same-origin", "none").contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
            return "the browser says another site sent it (Sec-Fetch-Site: " + fetchSite.strip() + ")";
        }
        String origin = headers.get(HttpHeaders.ORIGIN);
        if (origin == null) {
            return null;
        }
        String host = headers.get(HttpHeaders.HOST);
        if (allowedOrigins.orElse(List.of()).stream().anyMatch(allowed -> allowed.strip().equalsIgnoreCase(origin.strip()))) {
            return null;
        }
        String authority = authority(origin);
        if (authority != null && host != null && authority.equalsIgnoreCase(withoutDefaultPort(host.strip()))) {
            return null;
        }
        return "Origin " + origin.strip() + " is not this service (" + (host == null ? "no Host" : host.strip())
                + "); add it to http.allowed-origins if it may post here";
    }

    /** host[:port] of an origin (scheme://host[:port]), the default port left out; null for "null" or nonsense. */
    static String authority(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port < 0 || (port == 80 && uri.getScheme().equalsIgnoreCase("http"))
                    || (port == 443 && uri.getScheme().equalsIgnoreCase("https"));
            return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String withoutDefaultPort(String host) {
        return host.endsWith(":80") || host.endsWith(":443") ? host.substring(0, host.lastIndexOf(':')) : host;
    }

    private void refuse(RoutingContext rc, String why) {
        Problem problem = new Problem("about:blank", "Forbidden", 403, "cross-site request refused: " + why
                + ". A state-changing request must come from this service's own pages or from a client that is not a browser",
                rc.request().path(), null, null, null);
        FilterAnswer.problem(rc, mapper, problem);
    }

    private void headers(RoutingContext rc) {
        MultiMap out = rc.response().headers();
        out.set("X-Content-Type-Options", "nosniff");
        String type = out.get(HttpHeaders.CONTENT_TYPE);
        String path = rc.normalizedPath();
        if (type != null && type.startsWith("text/html") && !path.startsWith("/q/")) {
            out.set("Content-Security-Policy", PAGE_POLICY);
            out.set("X-Frame-Options", "DENY");
            out.set("Referrer-Policy", "same-origin");
        }
        if (secureCookies || rc.request().isSSL()) {
            // cookies added through the framework's cookie jar are written after this handler: mark them there
            for (Cookie cookie : rc.request().cookies()) {
                if (cookie instanceof ServerCookie server && server.isChanged()) {
                    cookie.setSecure(true);
                }
            }
            List<String> cookies = out.getAll(HttpHeaders.SET_COOKIE);
            if (!cookies.isEmpty()) {
                out.remove(HttpHeaders.SET_COOKIE);
                cookies.forEach(cookie -> out.add(HttpHeaders.SET_COOKIE, secure(cookie)));
            }
        }
    }

    /** A Set-Cookie value with the Secure attribute. */
    static String secure(String cookie) {
        for (String attribute : cookie.split(";")) {
            if (attribute.strip().equalsIgnoreCase("Secure")) {
                return cookie;
            }
        }
        return cookie + "; Secure";
    }
}
