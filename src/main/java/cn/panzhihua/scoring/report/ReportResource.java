package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.audit.Checkpoint;
import cn.panzhihua.scoring.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.YearParam;
import cn.panzhihua.scoring.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The circulation report (通报) of a year: every unit's latest decision record, or a batch's, ranked
 * within its category. As JSON, as CSV for Excel, or as an XLSX workbook whose unit sheets mirror
 * the document's 考评表.
 */
@Path("/api/v1/reports")
@Tag(name = "reports")
public class ReportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";
    static final String PDF = "application/pdf";

    @Inject
    RecordStore records;

    @Inject
    Rulebooks rulebooks;

    @Inject
    ObjectMapper mapper;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @GET
    @Path("/{year}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "The circulation report of a year (通报): rankings within each category, scores, contributions, vetoes",
            description = "From the latest annual decision record of each unit (progress evaluations, asOf, never enter it), or of one batch (?batch=); "
                    + "every unit of the year is either ranked or listed under notEvaluated (未考评). format=json|csv|xlsx|pdf, "
                    + "or the Accept header (application/json, text/csv, " + XLSX + ", application/pdf).")
    @APIResponse(responseCode = "200", description = "The report: JSON (default), CSV (UTF-8 with a BOM, CRLF; for Excel) or an XLSX workbook "
            + "(a 通报 summary sheet and one 考评表 sheet per unit) or a PDF of the 通报, by format= or the Accept header; CSV and XLSX come as attachments",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CirculationReport.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "CSV, UTF-8 with a BOM")),
                    @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "year or format is malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year, or there is no record to report on", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@PathParam("year") String year, @QueryParam("batch") String batch, @QueryParam("format") String format,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        long start = System.nanoTime();
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", year);
        String kind = format(format, accept);
        String batchId = batch == null || batch.isBlank() ? null : batch.strip();
        // Signed first, then read up to it: the report ranks exactly the records the checkpoint covers.
        Checkpoint checkpoint = records.checkpoint("report " + rulebook.year() + (batchId == null ? "" : " batch " + batchId), true);
        List<EvaluationResponse> responses = new ArrayList<>();
        for (DecisionRecord record : EvaluationsOfRecord.latestAnnual(records, rulebook.year(), batchId, checkpoint.recordSeq())) {
            responses.add(read(record));
        }
        if (responses.isEmpty()) {
            throw ProblemException.notFound("No records", "there is no annual decision record for " + rulebook.year()
                    + (batch == null ? "" : " in batch " + batch) + " to report on", batch == null ? "year" : "batch", batch == null ? year : batch);
        }
        CirculationReport report = CirculationReport.of(rulebook.year(), responses, Instant.now(), rulebook).builtOn(checkpoint);
        String name = "通报-" + rulebook.year();
        return switch (kind) {
            case "csv" -> download(timed(kind, start, out -> ReportCsv.write(report, out)), CSV + ";charset=UTF-8", name + ".csv");
            case "xlsx" -> download(timed(kind, start, out -> ReportXlsx.write(report, responses, rulebook, SelfScores.from(responses), out)),
                    XLSX, name + ".xlsx");
            case "pdf" -> download(timed(kind, start, out -> ReportPdf.summary(report, rulebook, out)), PDF, name + ".pdf");
            // the JSON holds personal data as much as the downloads: no cache keeps it after the session
            default -> {
                took(kind, start);
                yield Response.ok(report, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
            }
        };
    }

    /** A download is timed until its last byte is written, which happens after this method returns. */
    private StreamingOutput timed(String kind, long start, StreamingOutput body) {
        return out -> {
            body.write(out);
            took(kind, start);
        };
    }

    private void took(String kind, long start) {
        io.micrometer.core.instrument.Timer.builder("scoring.report.duration")
                .description("Time to build a circulation report from the records, by format (a download until it is written)")
                .tag("format", kind).publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1)).maximumExpectedValue(java.time.Duration.ofMinutes(1))
                .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static Response download(StreamingOutput body, String type, String fileName) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, type)
                .header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"report." + fileName.substring(fileName.lastIndexOf('.') + 1)
                        + "\"; filename*=UTF-8''" + encoded)
                .build();
    }

    private static String format(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (f.equals("json") || f.equals("csv") || f.equals("xlsx") || f.equals("pdf")) {
                return f;
            }
            throw ProblemException.badField("format", format, "format must be json, csv, xlsx or pdf, not '" + format + "'");
        }
        if (accept != null && accept.contains(XLSX)) {
            return "xlsx";
        }
        if (accept != null && accept.contains(PDF)) {
            return "pdf";
        }
        if (accept != null && accept.contains(CSV)) {
            return "csv";
        }
        return "json";
    }

    private EvaluationResponse read(DecisionRecord record) {
        try {
            return mapper.readValue(record.responseJson(), EvaluationResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision record " + record.id() + " does not hold a response this service can read", e);
        }
    }
}
