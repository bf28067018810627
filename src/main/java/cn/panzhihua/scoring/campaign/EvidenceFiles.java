package cn.panzhihua.scoring.campaign;

import cn.panzhihua.scoring.problem.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Evidence files: streamed to the data folder (never held whole in memory) while their SHA-256 is
 * computed, refused past the size limit, recognised by their content alone (Tika's magic bytes,
 * then the entries of a ZIP container: DOCX, XLSX, OFD), and kept under their hash. Only PDF, OFD,
 * JPEG, PNG, DOCX and XLSX are accepted; an HTML page named .pdf, an empty file, a ZIP that inflates
 * past bounds, a PDF with JavaScript are refused. A file becomes visible only when its row is
 * committed; until then (an interrupted upload, a refused one) it is an unreferenced temporary file,
 * removed at once.
 */
@ApplicationScoped
public class EvidenceFiles {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String OFD = "application/ofd";
    /** Accepted types and the file extension each is served with. */
    static final Map<String, String> ACCEPTED = Map.of("application/pdf", "pdf", OFD, "ofd", "image/jpeg", "jpg", "image/png", "png",
            DOCX, "docx", XLSX, "xlsx");
    /** A ZIP container may inflate to at most this many bytes, and this many times its own size. */
    static final long INFLATED_MAX = 512L * 1024 * 1024;
    static final int RATIO_MAX = 200;
    static final int ENTRIES_MAX = 10_000;

    @ConfigProperty(name = "data.dir")
    Path dataDir;

    @ConfigProperty(name = "campaign.files.max-file-size", defaultValue = "20M")
    MemorySize maxFile;

    @ConfigProperty(name = "campaign.files.max-unit-total", defaultValue = "200M")
    MemorySize maxUnit;

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    /** A stored file, not yet visible: its hash, size and recognised type. */
    public record Stored(String sha256, long size, String mediaType) {
    }

    long maxFile() {
        return maxFile.asLongValue();
    }

    long maxUnit() {
        return maxUnit.asLongValue();
    }

    /** Refuses at once a body declared larger than one file may be, or than the unit has room for. */
    void checkDeclared(Long declared, long unitBytes) {
        if (declared != null && declared > maxFile()) {
            throw ProblemException.tooLarge("file", declared, "the file has " + declared + " bytes; one evidence file may have at most "
                    + maxFile() + " (campaign.files.max-file-size)");
        }
        if (declared != null && unitBytes + declared > maxUnit()) {
            throw ProblemException.tooLarge("file", declared, "the unit's files would have " + (unitBytes + declared)
                    + " bytes; a unit may store at most " + maxUnit() + " in a year (campaign.files.max-unit-total)");
        }
    }

    /** Streams {@code body} to storage and recognises it; refuses (and leaves nothing) when it is not acceptable. */
    public Stored store(InputStream body, long unitBytes) {
        Path incoming = folder("incoming").resolve(UUID.randomUUID() + ".part");
        long room = Math.min(maxFile(), maxUnit() - unitBytes);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(incoming), sha)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = body.read(buffer)) != -1; ) {
                    size += n;
                    if (size > room) {
                        throw size > maxFile() ? ProblemException.tooLarge("file", size, "the file has more than " + maxFile()
                                + " bytes; one evidence file may have at most " + maxFile() + " (campaign.files.max-file-size)")
                                : ProblemException.tooLarge("file", size, "the unit's files would have more than " + maxUnit()
                                + " bytes; a unit may store at most " + maxUnit() + " in a year (campaign.files.max-unit-total)");
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw ProblemException.badField("file", 0, "the file is empty (0 bytes): send the evidence itself");
            }
            String type = recognise(incoming, size);
            String hash = HexFormat.of().formatHex(sha.digest());
            Path target = blob(hash);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.delete(incoming); // the same bytes are already kept
            } else {
                try {
                    Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(incoming, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new Stored(hash, size, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an evidence file under " + dataDir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(incoming);
            } catch (IOException ignored) {
                // a leftover temporary file is never visible; the next start's folder tidy may remove it
            }
        }
    }

    /** The kept bytes of a stored file. */
    Path blob(String sha256) {
        return folder("files").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private Path folder(String name) {
        Path folder = dataDir.resolve("campaign").resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder, e);
        }
        return folder;
    }

    /** The accepted type of the file's content, or 415 naming what it is. */
    String recognise(Path file, long size) throws IOException {
        String detected;
        try (TikaInputStream in = TikaInputStream.get(file)) {
            // no file name in the metadata: the content alone decides
            detected = detector.detect(in, new Metadata()).getBaseType().toString();
        }
        String type = switch (detected) {
            case "application/zip", "application/x-tika-ooxml", "application/x-tika-msoffice" -> container(file, size);
            default -> detected;
        };
        if (!ACCEPTED.containsKey(type)) {
            throw new ProblemException(415, "Unsupported evidence file", "the file's content is " + type
                    + ", not one of PDF, OFD, JPEG, PNG, DOCX, XLSX (its name does not count)", "file", type, null);
        }
        if (type.equals("application/pdf") && containsScript(file)) {
            throw new ProblemException(415, "Unsupported evidence file", "the PDF carries JavaScript (/JavaScript or /JS); "
                    + "send it printed to PDF again without scripts", "file", "application/pdf+javascript", null);
        }
        return type;
    }

    /** DOCX, XLSX or OFD by the entries of the ZIP container, after checking that it does not inflate past bounds. */
    private String container(Path file, long size) throws IOException {
        boolean word = false;
        boolean excel = false;
        boolean ofd = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long inflated = 0;
            int entries = 0;
            byte[] buffer = new byte[64 * 1024];
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (++entries > ENTRIES_MAX) {
                    throw refusedZip("more than " + ENTRIES_MAX + " entries");
                }
                String name = entry.getName();
                word |= name.equals("word/document.xml");
                excel |= name.equals("xl/workbook.xml");
                ofd |= name.equals("OFD.xml");
                // the declared sizes may lie: count what actually inflates
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) != -1; ) {
                        inflated += n;
                        if (inflated > INFLATED_MAX || inflated > (long) RATIO_MAX * Math.max(size, 1024)) {
                            throw refusedZip("it inflates to more than " + Math.min(INFLATED_MAX, (long) RATIO_MAX * Math.max(size, 1024))
                                    + " bytes from " + size + " (a zip bomb?)");
                        }
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw refusedZip("it is not a readable ZIP container (" + e.getMessage() + ")");
        }
        return word ? DOCX : excel ? XLSX : ofd ? OFD : "application/zip";
    }

    private static ProblemException refusedZip(String why) {
        return new ProblemException(415, "Unsupported evidence file", "the file looks like a ZIP container (DOCX, XLSX, OFD) but " + why,
                "file", "application/zip", null);
    }

    private static boolean containsScript(Path file) throws IOException {
        byte[] a = "/JavaScript".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "/JS".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024 + 16];
            int keep = 0;
            for (int n; (n = in.read(buffer, keep, buffer.length - keep)) != -1; ) {
                int end = keep + n;
                for (int i = 0; i < end; i++) {
                    if (matches(buffer, i, end, a) || (matches(buffer, i, end, b) && (i + 3 >= end || !Character.isLetter(buffer[i + 3])))) {
                        return true;
                    }
                }
                keep = Math.min(16, end);
                System.arraycopy(buffer, end - keep, buffer, 0, keep);
            }
        }
        return false;
    }

    private static boolean matches(byte[] buffer, int at, int end, byte[] token) {
        if (at + token.length > end) {
            return false;
        }
        for (int j = 0; j < token.length; j++) {
            if (buffer[at + j] != token[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A name safe to show and to offer as a download: no folders, no control or bidirectional
     * override characters, at most 120 characters, ending in the extension of what the file is.
     */
    static String safeName(String sent, String mediaType) {
        String name = sent == null ? "" : sent;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT
                && "<>:\"|?*".indexOf(cp) < 0).forEach(clean::appendCodePoint);
        name = clean.toString().strip().replaceAll("^\\.+", "");
        if (name.length() > 120) {
            name = name.substring(0, 120);
        }
        String extension = ACCEPTED.get(mediaType);
        if (name.isEmpty()) {
            name = "证明材料";
        }
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith("." + extension)) {
            name = name + "." + extension;
        }
        return name;
    }
}
