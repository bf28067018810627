package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.security.ServiceKey;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The proof a console form carries that a page of this service rendered it, for this browser and
 * this person (issue 18 §3): the hidden field {@value #FIELD} of every form must be the HMAC of the
 * browser's secret (the {@value #COOKIE} cookie, HttpOnly, SameSite=Strict, set with the first page)
 * and the signed-in user, under a key derived from the service key. Another site can make a browser
 * post, and the browser adds its cached Basic credentials or session cookie, but that site can read
 * neither the cookie nor the page, so it cannot write the field. Every instance with the same service
 * key accepts the others' forms; nothing is stored on the server.
 *
 * <p>This adds to the Origin/Sec-Fetch-Site check of {@code CrossSiteGuard}, which older browsers and
 * some proxies defeat. Forms of the API (programs, not browsers) are not affected: only console
 * pages ask for the field.
 */
@RequestScoped
public class FormToken {

    static final String COOKIE = "console-form";
    static final String FIELD = "form-token";
    /** The purpose the form key is derived for: no other derived key equals it. */
    static final String PURPOSE = "console-forms";
    private static final int SECRET_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ServiceKey serviceKey;

    @Inject
    RoutingContext request;

    @Inject
    SecurityIdentity identity;

    private String secret;

    /** The field's value for this browser and person; the first page a browser sees also sets its secret. */
    public String value() {
        return sign(secret(), user());
    }

    /** Refuses a form without the field this browser's pages carry: a page in Chinese, nothing done. */
    public void check(String field) {
        String browserSecret = cookieSecret();
        String expected = browserSecret == null ? null : sign(browserSecret, user());
        if (expected == null || field == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), field.strip().getBytes(StandardCharsets.US_ASCII))) {
            throw new PageException(403, "表单已失效", "这次提交没有本系统页面所带的表单凭证（可能是页面已过期、换了登录用户，"
                    + "或提交来自其他网站），未作任何处理。请回到上一页，刷新后再提交一次。");
        }
    }

    private String secret() {
        if (secret == null) {
            secret = cookieSecret();
            if (secret == null) {
                byte[] bytes = new byte[SECRET_BYTES];
                RANDOM.nextBytes(bytes);
                secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                request.response().addCookie(Cookie.cookie(COOKIE, secret).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT));
            }
        }
        return secret;
    }

    /** The secret this browser's cookie holds, or null without a well-formed one. */
    private String cookieSecret() {
        Cookie cookie = request.request().getCookie(COOKIE);
        return cookie != null && cookie.getValue() != null && cookie.getValue().matches("[A-Za-z0-9_-]{32}") ? cookie.getValue() : null;
    }

    private String user() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    private String sign(String browserSecret, String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(serviceKey.derive(PURPOSE), "HmacSHA256"));
            byte[] tag = mac.doFinal((browserSecret + "\n" + user).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17", e);
        }
    }
}
