package cn.panzhihua.scoring.audit;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 503 problem+json when the records cannot be written or read. The detail says what failed in the
 * caller's terms and carries the correlation id under which the database's own message was logged.
 */
public class RecordsUnavailableMapper {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response unavailable(RecordsUnavailableException e, UriInfo uri) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Decision records unavailable");
        problem.put("status", 503);
        problem.put("detail", "the decision records are unavailable (" + e.getMessage() + "); a recorded evaluation is answered "
                + "only once its record is stored, so nothing was answered or stored. ?record=false still evaluates without "
                + "storing. /q/health/ready says when records can be written again. Correlation id " + e.correlationId());
        problem.put("instance", uri.getPath());
        problem.put("correlationId", e.correlationId());
        return Response.status(503).type(PROBLEM_JSON).header("Retry-After", "30").entity(problem).build();
    }
}
