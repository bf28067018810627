package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.rulebook.Rulebooks;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/evaluations")
@Tag(name = "evaluations")
public class EvaluationResource {

    @Inject
    Rulebooks rulebooks;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate one unit's year",
            description = "Scores disclosure, efficiency and information for the unit and year, with the trail of every rule that moved a number.")
    public EvaluationResponse evaluate(EvaluationRequest request) {
        EvaluationInput input = RequestValidator.validate(request, RequestValidator.rulebookFor(request, rulebooks));
        Outcome outcome = Evaluator.evaluate(input);
        return ResponseAssembler.assemble(outcome, UUID.randomUUID().toString(), Instant.now());
    }
}
