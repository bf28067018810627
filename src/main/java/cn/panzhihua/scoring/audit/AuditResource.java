package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.problem.JsonProblems;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.security.Access;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.security.Roles;
import cn.panzhihua.scoring.security.ServiceKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Verifying the decision records: the chain, the signed checkpoints, the public key that checks them. */
@Path("/api/v1/audit")
@Tag(name = "audit")
public class AuditResource {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    @Inject
    ChainWalks walks;

    @Inject
    RecordStore records;

    @Inject
    TrustedKeys keys;

    @Inject
    Access access;

    @Inject
    RecordExport export;

    @Inject
    ObjectMapper mapper;

    /** The service's public key and those of earlier keys whose checkpoints it still accepts. */
    public record PublicKeys(String algorithm, String keyId, String publicKey, List<Earlier> earlier) {
        public record Earlier(String keyId, String publicKey) {
        }
    }

    /** The body of POST /verify when the caller checks the signature with a key of its own (documentation only: the body is read as a tree). */
    @Schema(description = "A kept checkpoint with the public key (PEM) to check its signature against, instead of the service's")
    public record CheckpointWithKey(Checkpoint checkpoint, String publicKey) {
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "Verify the hash chain of decision records and the stored checkpoints; report the first record or checkpoint that does not match",
            description = "By default an incremental walk: it starts at the newest checkpoint an earlier recorded, signed walk found "
                    + "intact (after checking the record there still has that checkpoint's hash) and recomputes only what was added since; "
                    + "recordsWalked and startedAfterSeq say how much. full=true walks the whole chain: one full walk runs at a time, a "
                    + "request made while one runs shares its result. Every walk is recorded and signed (recorded). docs/audit.md.")
    @APIResponse(responseCode = "200", description = "Whether the chain is intact, how many records the verdict covers (recordsChecked) and how many this walk recomputed (recordsWalked), and the first record that does not match", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChainVerification.class)))
    @APIResponse(responseCode = "400", description = "full is not true or false", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "A full walk judging a kept checkpoint is running; Retry-After says when to ask again", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ChainVerification verify(@QueryParam("full") String full) {
        if (full != null && !full.isBlank() && !full.equals("true") && !full.equals("false")) {
            throw ProblemException.badField("full", full, "full must be true or false, not '" + full + "'");
        }
        if ("true".equals(full)) {
            return walks.full(access.who(), records.headSeq());
        }
        return walks.incremental(access.who());
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "Prove that the chain still extends a checkpoint you kept",
            description = "Body: the checkpoint JSON as the service published it (in a batch answer, a report, an export or "
                    + "GET /api/v1/audit/checkpoints), or {\"checkpoint\": {…}, \"publicKey\": \"-----BEGIN PUBLIC KEY-----…\"} to check "
                    + "its signature with the key you trust instead of the service's. Always a full walk (also checks the whole chain and every "
                    + "stored checkpoint); it runs only when no other full walk runs, else 429 with Retry-After.")
    @APIResponse(responseCode = "200", description = "The chain walk and, under against, the verdict on the kept checkpoint: its signature, and whether the chain still extends it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChainVerification.class)))
    @APIResponse(responseCode = "400", description = "The body is not a checkpoint (a field missing or of the wrong type), or publicKey is not an Ed25519 key in PEM", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Another full walk is running; Retry-After says when to ask again", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ChainVerification verifyAgainst(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(anyOf = {Checkpoint.class, CheckpointWithKey.class}))) String body) {
        JsonNode root = parse(body);
        JsonNode node = root.has("checkpoint") ? root.get("checkpoint") : root;
        String prefix = root.has("checkpoint") ? "checkpoint." : "";
        Checkpoint kept = checkpoint(node, prefix);
        PublicKey key = null;
        if (root.hasNonNull("publicKey")) {
            try {
                key = ServiceKey.parsePublicKey(root.get("publicKey").asText());
            } catch (RuntimeException e) {
                throw ProblemException.badField("publicKey", null, "publicKey is not an Ed25519 public key in PEM ("
                        + (e instanceof IllegalArgumentException ? e.getMessage() : "it is neither PEM nor base64") + ")");
            }
        }
        return walks.fullAgainst(kept, key, access.who(), records.headSeq());
    }

    @GET
    @Path("/public-key")
    @Produces({MediaType.APPLICATION_JSON, "application/x-pem-file"})
    @PermitAll
    @Operation(extensions = {@Extension(name = "x-roles", value = "anyone")}, summary = "The public key that checks the service's checkpoint signatures (Ed25519), with its key id",
            description = "Accept: application/x-pem-file answers the current key as PEM. Earlier keys are listed after a key rotation.")
    @APIResponse(responseCode = "200", description = "The current key (and earlier ones) as JSON, or the current key as PEM", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicKeys.class)), @Content(mediaType = "application/x-pem-file", schema = @Schema(type = SchemaType.STRING))})
    public Response publicKey(@jakarta.ws.rs.HeaderParam("Accept") String accept) {
        Map<String, String> all = keys.pems();
        String currentId = keys.current().keyId();
        if (accept != null && accept.contains("application/x-pem-file")) {
            return Response.ok(keys.current().publicKeyPem(), "application/x-pem-file").build();
        }
        List<PublicKeys.Earlier> earlier = new ArrayList<>();
        all.forEach((id, pem) -> {
            if (!id.equals(currentId)) {
                earlier.add(new PublicKeys.Earlier(id, pem));
            }
        });
        return Response.ok(new PublicKeys("Ed25519", currentId, keys.current().publicKeyPem(), earlier), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "The signed checkpoints, newest first")
    @APIResponse(responseCode = "200", description = "One page of checkpoints")
    @APIResponse(responseCode = "400", description = "page or size is not a number in range", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RecordPage<Checkpoint> checkpoints(@Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page, @Parameter(description = "Checkpoints per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        return records.checkpoints(number("page", page, 0, 0, Integer.MAX_VALUE), number("size", size, 20, 1, 100));
    }

    @GET
    @Path("/checkpoints/latest")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "The newest signed checkpoint")
    @APIResponse(responseCode = "200", description = "The newest checkpoint", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Checkpoint.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No checkpoint has been taken yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Checkpoint latest() {
        return records.latestCheckpoint().orElseThrow(() -> ProblemException.notFound("No checkpoint",
                "no checkpoint has been taken yet (POST /api/v1/audit/checkpoints takes one)", null, null));
    }

    @POST
    @Path("/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "Sign a checkpoint of the chain as it is now (the latest one if nothing was added since); keep the answer")
    @APIResponse(responseCode = "200", description = "The checkpoint: keep it (print it, file it) to prove later that the records up to it were not changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Checkpoint.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Checkpoint take() {
        return records.checkpoint("requested by " + access.who(), true);
    }

    @GET
    @Path("/export")
    @Produces("application/x-ndjson")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "Export a year's (or a range's) decision records with the signed checkpoints that anchor them (NDJSON, streamed)",
            description = "year, or from/to (sequence numbers), or both: the records in scope in full; other records of the stretch "
                    + "appear as links (sequence number, digest, hashes), never with their content. The answer's X-Export-Checkpoint "
                    + "header names the checkpoint it ends at: ask again with checkpoint=N and after=S (the last sequence number "
                    + "received whole) to resume a cut download; the lines are the same bytes. Check it offline with bin/verify-export "
                    + "(no database, no service). Format: docs/audit.md.")
    @APIResponse(responseCode = "200", description = "One JSON object per line: the records in scope, links for the other records in the stretch, and the signed checkpoints that anchor them (docs/audit.md)", content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "year, from, to, checkpoint or after is not a valid value (or none of year, from, to is given, or after without checkpoint)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No decision record in that scope, or no checkpoint of that number", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@QueryParam("year") String year, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("checkpoint") String checkpoint, @QueryParam("after") String after) {
        boolean hasYear = year != null && !year.isBlank();
        if (!hasYear && blank(from) && blank(to)) {
            throw ProblemException.badField("year", year, "year or a range (from, to) is required, e.g. ?year=2016 or ?from=1&to=5000");
        }
        Integer y = hasYear ? cn.panzhihua.scoring.rulebook.YearParam.year("year", year) : null;
        Long f = blank(from) ? null : seqParam("from", from, 1);
        Long t = blank(to) ? null : seqParam("to", to, 1);
        if (f != null && t != null && t < f) {
            throw ProblemException.badField("to", to, "to (" + t + ") must not be before from (" + f + ")");
        }
        Long pinned = blank(checkpoint) ? null : seqParam("checkpoint", checkpoint, 1);
        long resumeAfter = blank(after) ? 0 : seqParam("after", after, 0);
        if (resumeAfter > 0 && pinned == null) {
            throw ProblemException.badField("after", after, "after resumes a cut export: give the checkpoint it ended at too (checkpoint=N, "
                    + "from the X-Export-Checkpoint header of the first download)");
        }
        RecordExport.Scope scope = new RecordExport.Scope(y, f, t);
        long last = export.lastRecord(scope);
        if (last < 0) {
            throw ProblemException.notFound("No records", "there is no decision record of " + scope.describe() + " to export",
                    hasYear ? "year" : "from", hasYear ? year : from);
        }
        Checkpoint end;
        if (pinned != null) {
            end = export.checkpoint(pinned).orElseThrow(() -> ProblemException.notFound("No checkpoint", "there is no checkpoint " + pinned,
                    "checkpoint", checkpoint));
            if (end.recordSeq() < last) {
                throw ProblemException.badField("checkpoint", checkpoint, "checkpoint " + pinned + " names record " + end.recordSeq()
                        + ", before the last record in scope (" + last + "): it cannot anchor this export");
            }
        } else {
            end = y != null && f == null && t == null ? export.end(y, access.who()) : export.end(scope, access.who());
        }
        StreamingOutput body = out -> {
            java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
            export.write(scope, end, resumeAfter, buffered);
            buffered.flush();
        };
        return Response.ok(body, "application/x-ndjson")
                .header("X-Export-Checkpoint", end.number())
                .header("Content-Disposition", "attachment; filename=\"" + scope.name() + (resumeAfter > 0 ? "-after-" + resumeAfter : "") + ".ndjson\"").build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static long seqParam(String field, String value, long min) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badField(field, value, field + " must be a whole number ≥ " + min + ", not '" + value + "'");
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badField("", null, "the body is required: the checkpoint JSON you kept");
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw ProblemException.badField("", null, "the body must be a JSON object: the checkpoint you kept");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        }
    }

    static Checkpoint checkpoint(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            throw ProblemException.badField(prefix.isEmpty() ? "" : "checkpoint", null, "the checkpoint must be a JSON object");
        }
        long number = whole(node, prefix, "number");
        long seq = whole(node, prefix, "recordSeq");
        String head = text(node, prefix, "headHash");
        if (!HEX64.matcher(head).matches()) {
            throw ProblemException.badField(prefix + "headHash", head, prefix + "headHash must be 64 lower-case hex digits");
        }
        String takenAt = text(node, prefix, "takenAt");
        Instant at;
        try {
            at = Instant.parse(takenAt);
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(prefix + "takenAt", takenAt, prefix + "takenAt must be an ISO instant such as 2016-12-31T08:00:00Z");
        }
        return new Checkpoint(number, seq, head, at, text(node, prefix, "keyId"), text(node, prefix, "reason"), text(node, prefix, "signature"));
    }

    private static long whole(JsonNode node, String prefix, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw ProblemException.badField(prefix + field, value == null ? null : value.asText(), prefix + field + " must be a whole number ≥ 0");
        }
        return value.asLong();
    }

    private static String text(JsonNode node, String prefix, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw ProblemException.badField(prefix + field, value == null ? null : value.toString(), prefix + field + " is required (text)");
        }
        return value.asText();
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badField(field, value, field + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }
}
