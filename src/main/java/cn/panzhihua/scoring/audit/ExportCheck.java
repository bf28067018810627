package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.security.ServiceKey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an export of decision records ({@link RecordExport}) offline: no database, no service,
 * only a JDK (this class and the few it uses are plain Java, so the application jar alone is its
 * classpath; {@code bin/verify-export} runs it). It recomputes the chain over the export's
 * stretch, from the signed checkpoint it starts after (or the chain's start) to the signed
 * checkpoint it ends at: every record of the year from its content, every other record from its
 * digest; checks every checkpoint's signature with the key you trust, and each one's head hash
 * against the recomputed chain. Any changed byte, missing or inserted line, or forged checkpoint is
 * named with its line and record.
 *
 * <pre>bin/verify-export records-2016.ndjson [--public-key service-key.pub.pem]... [--checkpoint kept.json]</pre>
 */
public final class ExportCheck {

    /** What the check found: {@code problems} empty means the export is intact and signed. */
    public record Result(boolean ok, List<String> problems, List<String> notes, long records, long links, int year) {
    }

    private ExportCheck() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path file = null;
        List<PublicKey> trusted = new ArrayList<>();
        Checkpoint kept = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--public-key" -> trusted.add(ServiceKey.parsePublicKey(Files.readString(Path.of(args[++i]), StandardCharsets.US_ASCII)));
                case "--checkpoint" -> kept = checkpoint(Json.parse(Files.readString(Path.of(args[++i]), StandardCharsets.UTF_8)), "kept checkpoint");
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) {
            out.println("usage: verify-export EXPORT.ndjson [--public-key KEY.pem]... [--checkpoint KEPT.json]");
            System.exit(2);
        }
        Result result;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            result = check(reader, trusted, kept);
        }
        result.notes().forEach(n -> out.println("note: " + n));
        result.problems().forEach(p -> out.println("PROBLEM: " + p));
        out.println(result.ok()
                ? "OK: " + result.records() + " records" + (result.year() == 0 ? " of the range" : " of " + result.year()) + " and " + result.links()
                        + " links of other records verified against signed checkpoints"
                : "FAILED: " + result.problems().size() + " problem(s); the export does not prove these records");
        System.exit(result.ok() ? 0 : 1);
    }

    /**
     * @param trusted the public keys you trust; empty: the key named in the export itself (a note says so)
     * @param kept    a checkpoint you kept from elsewhere, to be found in the export's chain; or null
     */
    public static Result check(Reader input, List<PublicKey> trusted, Checkpoint kept) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        BufferedReader lines = input instanceof BufferedReader b ? b : new BufferedReader(input);
        String first = lines.readLine();
        Map<String, Object> header = first == null ? null : object(first, 1, problems);
        if (header == null || !"export".equals(header.get("type"))
                || !(RecordExport.FORMAT.equals(header.get("format")) || RecordExport.FORMAT_V1.equals(header.get("format")))) {
            problems.add("line 1 is not the header of a decision-record export (" + RecordExport.FORMAT + ")");
            return new Result(false, problems, notes, 0, 0, 0);
        }
        // v1 and v2 are checked by the same rules: the version adds the range fields, it relaxes nothing.
        int year = header.get("year") instanceof Number y ? y.intValue() : 0;
        long fromSeq = number(header, "fromSeq");
        long toSeq = number(header, "toSeq");
        Map<String, PublicKey> keys = new HashMap<>();
        if (trusted.isEmpty()) {
            PublicKey own = ServiceKey.parsePublicKey((String) header.get("publicKey"));
            keys.put(ServiceKey.keyId(own), own);
            notes.add("checked with the public key inside the export (key id " + ServiceKey.keyId(own) + "); anyone who can edit the "
                    + "export can replace it, so compare that id with the key you trust, or pass it with --public-key");
        } else {
            trusted.forEach(k -> keys.put(ServiceKey.keyId(k), k));
        }

        Map<Long, List<Checkpoint>> signedAt = new HashMap<>();
        String previous = null;
        long expected = fromSeq;
        long records = 0;
        long links = 0;
        int highestFormat = 0;
        boolean ended = false;
        int lineNumber = 1;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> o = object(line, lineNumber, problems);
            if (o == null) {
                continue;
            }
            String type = String.valueOf(o.get("type"));
            if (ended) {
                problems.add("line " + lineNumber + ": content after the end line");
                break;
            }
            switch (type) {
                case "checkpoint" -> {
                    Checkpoint cp = checkpoint(o, "line " + lineNumber);
                    PublicKey key = keys.get(cp.keyId());
                    if (key == null) {
                        problems.add("line " + lineNumber + ": checkpoint " + cp.number() + " is signed with key " + cp.keyId() + ", not a key you trust");
                    } else if (!cp.signedBy(key)) {
                        problems.add("line " + lineNumber + ": checkpoint " + cp.number() + " (record " + cp.recordSeq()
                                + "): the signature does not verify: the checkpoint was altered or forged");
                    } else {
                        signedAt.computeIfAbsent(cp.recordSeq(), s -> new ArrayList<>()).add(cp);
                    }
                }
                case "record", "link" -> {
                    if (previous == null) {
                        previous = start(fromSeq, signedAt, problems);
                    }
                    long seq = number(o, "seq");
                    String what = type.equals("record") ? "record " + o.get("id") + " (seq " + seq + ", line " + lineNumber + ")"
                            : "link of seq " + seq + " (line " + lineNumber + ")";
                    if (seq != expected) {
                        problems.add(seq > expected
                                ? "line " + lineNumber + ": records " + expected + (seq - 1 > expected ? " to " + (seq - 1) : "") + " are missing before seq " + seq
                                : "line " + lineNumber + ": seq " + seq + " where " + expected + " was expected: a record was inserted or repeated");
                        expected = seq;
                    }
                    if (!previous.equals(o.get("previousHash"))) {
                        problems.add(what + ": previousHash does not match the hash of the line before it");
                    }
                    // The format is never trusted from the line: the service stores format 1 only before format 2
                    // existed, so a format 1 after a format 2 is a downgrade; and no line of either format is taken
                    // as given: a format-1 line must carry its content (issue 18 section 2).
                    int format = (int) number(o, "hashFormat");
                    if (format != CanonicalContent.FORMAT_CONTENT && format != CanonicalContent.FORMAT_DIGEST) {
                        problems.add(what + ": unknown hash format " + format);
                        format = CanonicalContent.FORMAT_DIGEST;
                    } else if (format < highestFormat) {
                        problems.add(what + ": says hash format " + format + " after a line of hash format " + highestFormat
                                + ": a downgrade (the service never stores format " + format + " after format " + highestFormat
                                + "), the line was relabelled");
                    }
                    highestFormat = Math.max(highestFormat, format);
                    boolean full = type.equals("record");
                    if (full) {
                        records++;
                        if (year != 0 && ((Number) o.get("year")).intValue() != year) {
                            problems.add(what + ": a record of year " + o.get("year") + " in the export of " + year);
                        } else if (!inScope(seq, header)) {
                            problems.add(what + ": a full record outside the export's range " + header.get("from") + " to " + header.get("to"));
                        }
                    } else {
                        links++;
                    }
                    String computed;
                    if (full || format == CanonicalContent.FORMAT_CONTENT) {
                        if (!full && !(o.get("response") instanceof String)) {
                            problems.add(what + ": a link of hash format 1 without its content cannot be recomputed; nothing in an export "
                                    + "is taken as given, so this line proves nothing (relabelled, or an export made before issue 18)");
                            computed = "not recomputable";
                        } else {
                            DecisionRecord r = contentOf(o, seq, previous, format);
                            String content = r.canonicalContent();
                            Object kind = o.get("kind");
                            RecordKind shown = RecordKind.of(r.responseJson());
                            if (full && kind != null && !shown.name().equals(kind)) {
                                problems.add(what + ": it says it is a " + kind + " evaluation, but its content is a "
                                        + shown + " one (a progress evaluation names its asOf date): the kind was changed");
                            }
                            computed = CanonicalContent.hash(format, previous, content);
                            if (format == CanonicalContent.FORMAT_DIGEST && !CanonicalContent.digest(content).equals(o.get("contentDigest"))) {
                                problems.add(what + ": its content does not give its contentDigest: it was changed after it was stored");
                            }
                        }
                    } else {
                        computed = CanonicalContent.link(previous, String.valueOf(o.get("contentDigest")));
                    }
                    if (!computed.equals(o.get("contentHash"))) {
                        problems.add(what + ": its content does not give its contentHash: it was changed after it was stored");
                    }
                    // Carry on from what the content gives, so every later checkpoint shows the change too.
                    previous = computed;
                    for (Checkpoint cp : signedAt.getOrDefault(seq, List.of())) {
                        if (!cp.headHash().equals(computed)) {
                            problems.add("checkpoint " + cp.number() + " signed head " + cp.headHash() + " after record " + seq
                                    + "; the export gives " + computed + ": a record at or before " + seq + " differs from what was signed");
                        }
                    }
                    if (kept != null && kept.recordSeq() == seq) {
                        checkKept(kept, keys, computed, problems, notes);
                    }
                    expected = seq + 1;
                }
                case "end" -> {
                    ended = true;
                    if (number(o, "records") != records || number(o, "links") != links) {
                        problems.add("line " + lineNumber + ": the end line counts " + o.get("records") + " records and " + o.get("links")
                                + " links, the export has " + records + " and " + links);
                    }
                }
                default -> problems.add("line " + lineNumber + ": unknown line type '" + type + "'");
            }
        }
        if (previous == null) {
            previous = start(fromSeq, signedAt, problems);
        }
        if (!ended) {
            problems.add("the export ends without its end line: it was cut short");
        }
        if (expected - 1 < toSeq) {
            problems.add("records " + expected + (toSeq > expected ? " to " + toSeq : "") + " are missing at the end: the header says the export ends at "
                    + toSeq + ", its lines end at " + (expected - 1));
        } else if (expected - 1 > toSeq) {
            problems.add("records after " + toSeq + " were added: the header says the export ends at " + toSeq + ", its lines end at " + (expected - 1));
        }
        if (signedAt.getOrDefault(toSeq, List.of()).isEmpty()) {
            problems.add("no checkpoint signed by a trusted key names the last record (" + toSeq + "): the export is not anchored to a signature");
        }
        if (kept != null) {
            if (kept.recordSeq() < fromSeq - 1 || kept.recordSeq() > toSeq) {
                problems.add("the kept checkpoint " + kept.number() + " names record " + kept.recordSeq() + ", outside this export (" + (fromSeq - 1) + " to " + toSeq + ")");
            } else if (kept.recordSeq() == fromSeq - 1) {
                checkKept(kept, keys, start(fromSeq, signedAt, new ArrayList<>()), problems, notes);
            }
        }
        return new Result(problems.isEmpty(), problems, notes, records, links, year);
    }

    /** A line's record, rebuilt from its own fields (a full record, or a format-1 link that carries its content). */
    private static DecisionRecord contentOf(Map<String, Object> o, long seq, String previous, int format) {
        return new DecisionRecord((String) o.get("id"), seq, Instant.parse((String) o.get("recordedAt")),
                (String) o.get("recordedBy"), (String) o.get("unit"), ((Number) o.get("year")).intValue(),
                (String) o.get("rulebookVersion"), (String) o.get("serviceVersion"), (String) o.get("batchId"),
                (String) o.get("request"), (String) o.get("response"), previous, null, format, null);
    }

    /** Whether a sequence number lies in the export's range of full records (the whole stretch when it names none). */
    private static boolean inScope(long seq, Map<String, Object> header) {
        long from = header.get("from") instanceof Number f ? f.longValue() : Long.MIN_VALUE;
        long to = header.get("to") instanceof Number t ? t.longValue() : Long.MAX_VALUE;
        return seq >= from && seq <= to;
    }

    /** The hash the stretch starts from: the chain's start, or a signed checkpoint's head. */
    private static String start(long fromSeq, Map<Long, List<Checkpoint>> signedAt, List<String> problems) {
        if (fromSeq == 1) {
            return CanonicalContent.GENESIS;
        }
        List<Checkpoint> anchor = signedAt.getOrDefault(fromSeq - 1, List.of());
        if (anchor.isEmpty()) {
            problems.add("no checkpoint signed by a trusted key names record " + (fromSeq - 1) + ", where the export starts");
            return "unanchored";
        }
        return anchor.get(0).headHash();
    }

    private static void checkKept(Checkpoint kept, Map<String, PublicKey> keys, String computed, List<String> problems, List<String> notes) {
        PublicKey key = keys.get(kept.keyId());
        if (key == null || !kept.signedBy(key)) {
            problems.add("the kept checkpoint " + kept.number() + " is not signed by a trusted key");
        } else if (!kept.headHash().equals(computed)) {
            problems.add("the kept checkpoint " + kept.number() + " signed head " + kept.headHash() + " after record " + kept.recordSeq()
                    + "; the export gives " + computed + ": the records were changed after it was signed");
        } else {
            notes.add("the kept checkpoint " + kept.number() + " (record " + kept.recordSeq() + ") is in the export's chain");
        }
    }

    static Checkpoint checkpoint(Map<String, Object> o, String where) {
        try {
            return new Checkpoint(number(o, "number"), number(o, "recordSeq"), (String) o.get("headHash"), Instant.parse((String) o.get("takenAt")),
                    (String) o.get("keyId"), (String) o.get("reason"), (String) o.get("signature"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + " is not a checkpoint: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> object(String line, int number, List<String> problems) {
        try {
            return Json.parse(line);
        } catch (IllegalArgumentException e) {
            problems.add("line " + number + " is not valid JSON (" + e.getMessage() + "): the export was damaged");
            return null;
        }
    }

    private static long number(Map<String, Object> o, String field) {
        Object value = o.get(field);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("field " + field + " is missing or not a number");
        }
        return n.longValue();
    }

    /** A small JSON reader (objects, arrays, strings, numbers, true, false, null), so the check needs nothing but the JDK. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.i != text.length() || !(value instanceof Map)) {
                throw new IllegalArgumentException("expected one JSON object");
            }
            return (Map<String, Object>) value;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    i++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        list.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
                    }
                    BigDecimal number = new BigDecimal(s.substring(start, i));
                    return number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                            ? (Object) number.longValueExact() : number;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e);
                }
            }
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
        }
    }
}
