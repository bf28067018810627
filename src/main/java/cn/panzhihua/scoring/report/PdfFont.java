package cn.panzhihua.scoring.report;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CJK font the PDFs embed: WenQuanYi Micro Hei (文泉驿微米黑, Apache-2.0), shipped inside the
 * application (fonts/wqy-microhei.ttc), so a machine without Chinese fonts prints the same PDF.
 * Noto CJK cannot be used here: its CFF outlines are not embedded by the PDF library. Subset per
 * document, so a PDF carries only the glyphs it uses.
 */
final class PdfFont {

    static final String FAMILY = "WenQuanYi Micro Hei";
    static final String RESOURCE = "/fonts/wqy-microhei.ttc";
    /** The proportional face of the collection (the other is its monospaced twin). */
    private static final String FACE = "WenQuanYiMicroHei";

    private static final AtomicReference<byte[]> BYTES = new AtomicReference<>();

    /**
     * The 宋/明-style serif that table text is set in (GB/T 9704 prints body text in a 宋体-style face):
     * AR PL UMing (文鼎PL细上海宋, Arphic Public License, TrueType outlines, which the PDF library embeds).
     * 21 MB, so it is not shipped in the application: it is read from Debian's fonts-arphic-uming. Without
     * it the PDFs are set in the shipped face alone, and the service says so once in its log.
     */
    static final String SERIF_FAMILY = "AR PL UMing CN";
    static final java.nio.file.Path SERIF_FILE = java.nio.file.Path.of("/usr/share/fonts/truetype/arphic/uming.ttc");
    private static final String SERIF_FACE = "UMingCN";
    private static final AtomicReference<byte[]> SERIF_BYTES = new AtomicReference<>();
    private static final java.util.concurrent.atomic.AtomicBoolean SERIF_WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    /** The serif face loaded into {@code document}, or empty (logged once) where fonts-arphic-uming is not installed. */
    static java.util.Optional<PDType0Font> serif(PDDocument document) throws IOException {
        byte[] bytes = SERIF_BYTES.get();
        if (bytes == null) {
            if (!java.nio.file.Files.isReadable(SERIF_FILE)) {
                if (SERIF_WARNED.compareAndSet(false, true)) {
                    org.jboss.logging.Logger.getLogger(PdfFont.class).warnf("%s is missing: printed PDFs use %s for table text instead of a "
                            + "宋体-style serif; install Debian's fonts-arphic-uming", SERIF_FILE, FAMILY);
                }
                return java.util.Optional.empty();
            }
            bytes = java.nio.file.Files.readAllBytes(SERIF_FILE);
            SERIF_BYTES.compareAndSet(null, bytes);
        }
        TrueTypeCollection collection = new TrueTypeCollection(new java.io.ByteArrayInputStream(bytes));
        TrueTypeFont font = collection.getFontByName(SERIF_FACE);
        if (font == null) {
            throw new IllegalStateException(SERIF_FILE + " has no face named " + SERIF_FACE + ": is it AR PL UMing (fonts-arphic-uming)?");
        }
        return java.util.Optional.of(PDType0Font.load(document, font, true));
    }

    private PdfFont() {
    }

    /** Loads the face into {@code document}; the document subsets and embeds it when saved. */
    static PDType0Font load(PDDocument document) throws IOException {
        TrueTypeCollection collection = new TrueTypeCollection(new java.io.ByteArrayInputStream(bytes()));
        TrueTypeFont font = collection.getFontByName(FACE);
        if (font == null) {
            throw new IllegalStateException(RESOURCE + " has no face named " + FACE);
        }
        // closeTTF=false: the collection's buffer stays readable until the document is saved
        return PDType0Font.load(document, font, true);
    }

    private static byte[] bytes() {
        byte[] bytes = BYTES.get();
        if (bytes == null) {
            try (InputStream in = PdfFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the PDF font " + RESOURCE + " is missing from the application");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BYTES.compareAndSet(null, bytes);
        }
        return bytes;
    }
}
