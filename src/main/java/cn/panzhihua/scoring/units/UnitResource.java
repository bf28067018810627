package cn.panzhihua.scoring.units;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.UnitRow;
import cn.panzhihua.scoring.rulebook.YearParam;
import cn.panzhihua.scoring.security.Access;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.List;

@Path("/api/v1/units")
@Tag(name = "units")
public class UnitResource {

    /** A unit of the registry, with its targets (table C) and the assessments that apply to it. */
    public record UnitView(String name, String category, BigDecimal municipalTarget, BigDecimal provincialTarget,
                           Assessments assessments, String note) {
    }

    public record Assessments(boolean disclosure, boolean efficiency, boolean information) {
    }

    public record UnitsView(int year, String rulebookVersion, int count, List<UnitView> units) {
    }

    @Inject
    Rulebooks rulebooks;

    @Inject
    Access access;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(extensions = {@Extension(name = "x-roles", value = "evaluator, auditor, rule-author"), @Extension(name = "x-anonymous-when", value = "catalogue")}, summary = "The unit registry of a year's rulebook", description = "Without year, the latest rulebook's.")
    @APIResponse(responseCode = "200", description = "The units of table C with category, targets and the assessments that apply", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitsView.class)))
    @APIResponse(responseCode = "400", description = "year is not a year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UnitsView units(@QueryParam("year") String year) {
        access.require(Access.Operation.CATALOGUE);
        Rulebook rulebook = year == null
                ? rulebooks.all().stream().reduce((a, b) -> b).orElseThrow()
                : YearParam.rulebook(rulebooks, "year", year);
        List<UnitView> units = rulebook.units().values().stream().map(UnitResource::view).toList();
        return new UnitsView(rulebook.year(), rulebook.version(), units.size(), units);
    }

    private static UnitView view(UnitRow u) {
        return new UnitView(u.name(), u.category(), u.municipalTarget(), u.provincialTarget(),
                new Assessments(u.applies(Assessment.DISCLOSURE), u.applies(Assessment.EFFICIENCY), u.applies(Assessment.INFORMATION)),
                u.note().isEmpty() ? null : u.note());
    }
}
