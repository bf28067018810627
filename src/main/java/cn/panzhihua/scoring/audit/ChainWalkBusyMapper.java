package cn.panzhihua.scoring.audit;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** 429 problem+json with Retry-After when a full walk of the chain cannot start because another runs. */
public class ChainWalkBusyMapper {

    @ServerExceptionMapper
    public Response busy(ChainWalks.Busy e, UriInfo uri) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "A chain walk is running");
        problem.put("status", 429);
        problem.put("detail", e.getMessage());
        problem.put("instance", uri.getPath());
        return Response.status(429).type(RecordsUnavailableMapper.PROBLEM_JSON).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .entity(problem).build();
    }
}
