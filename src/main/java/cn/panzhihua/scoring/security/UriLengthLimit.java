package cn.panzhihua.scoring.security;

import cn.panzhihua.scoring.problem.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An address longer than {@code limits.uri} characters is answered 414 with words, not the HTTP
 * layer's empty answer (issue 19 §4): a console page in Chinese with a way back for a person, a
 * problem+json naming the limit for a program. The HTTP layer itself hands on request lines of up to
 * {@code quarkus.http.limits.max-initial-line-length} (64 KB); only past that does it still answer an
 * empty 414 of its own.
 */
@ApplicationScoped
public class UriLengthLimit {

    /** Right after the cross-site guard (whose page headers the answer gets), before sign-in and the routes. */
    static final int PRIORITY = CrossSiteGuard.PRIORITY - 10;

    @ConfigProperty(name = "limits.uri", defaultValue = "4096")
    int limit;

    @Inject
    ObjectMapper mapper;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        String uri = rc.request().uri();
        if (uri == null || uri.length() <= limit) {
            rc.next();
            return;
        }
        String path = rc.request().path() == null ? "" : rc.request().path();
        if (path.equals("/console") || path.startsWith("/console/")) {
            rc.response().setStatusCode(414).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8")
                    .putHeader("Cache-Control", "no-store").end(page(uri.length()));
            return;
        }
        Problem problem = new Problem("about:blank", "URI Too Long", 414, "the address has " + uri.length()
                + " characters; at most " + limit + " are accepted (limits.uri). Send long input in the request body",
                path.length() > 200 ? path.substring(0, 200) + "…" : path, "uri", uri.length(), null);
        FilterAnswer.problem(rc, mapper, problem);
    }

    private String page(int length) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>地址过长 · 攀枝花市目标考核评分服务</title>"
                + "<link rel=\"stylesheet\" href=\"/console/console.css\"></head><body><main id=\"main\">"
                + "<h1>地址过长</h1><p class=\"alert\" role=\"alert\">这个网页地址有 " + length + " 个字符，超过了系统接受的 " + limit
                + " 个字符，无法打开。地址可能是复制时多粘贴了内容，或搜索条件过长。</p>"
                + "<p><a href=\"/console\">返回控制台首页</a>（或用浏览器的“后退”回到上一页）</p></main></body></html>";
    }
}
