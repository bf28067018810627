package cn.panzhihua.scoring.rulebook;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The cheapest JSON answer of the REST layer: for load balancers, and as the framework's ceiling in
 * the HTTP benchmark (BENCHMARKS.md). Open to all, like health.
 */
@Path("/api/v1/ping")
@Tag(name = "health")
public class PingResource {

    public record Pong(String status, int rulebooks) {
    }

    @Inject
    Rulebooks rulebooks;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(extensions = {@Extension(name = "x-roles", value = "anyone")}, summary = "A trivial JSON answer: the service is up and how many rulebooks serve")
    @APIResponse(responseCode = "200", description = "The service is up", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Pong.class)))
    public Pong ping() {
        return new Pong("UP", rulebooks.all().size());
    }
}
