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
