package cn.panzhihua.scoring.security;

import cn.panzhihua.scoring.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** How a filter that ends a request before the REST layer sees it answers: problem+json, with the problem's status. */
final class FilterAnswer {

    private FilterAnswer() {
    }

    static void problem(RoutingContext rc, ObjectMapper mapper, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rc.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
