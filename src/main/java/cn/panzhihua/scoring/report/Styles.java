package cn.panzhihua.scoring.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FontCharset;
import org.apache.poi.ss.usermodel.FontFamily;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.math.BigDecimal;

/**
 * The workbook's cell styles, made once: Excel caps a workbook at about 64,000 styles, so a style
 * per cell would break large reports. Also the one place values become cells, and the page setup
 * every sheet prints with.
 *
 * <p>Chinese text is set in 宋体 (SimSun), the face Chinese government documents are printed in,
 * marked with the GB2312 character set and the serif family: where SimSun is not installed, Excel
 * and LibreOffice substitute a Chinese serif face (LibreOffice on Debian: Noto Serif CJK SC) rather
 * than a Latin font without Chinese glyphs.
 */
final class Styles {

    static final String FONT = "宋体";
    static final short POINTS = 10;
    /** Height of one line of {@link #POINTS}-point text, with the leading Excel and LibreOffice give CJK faces. */
    static final float LINE_POINTS = 14.5f;

    final CellStyle issuer;
    final CellStyle title;
    final CellStyle subtitle;
    final CellStyle header;
    final CellStyle plain;
    final CellStyle number;
    /** Bordered, top-aligned, wrapped: a cell of a 考评表. */
    final CellStyle table;
    final CellStyle tableCentered;
    final CellStyle tableNumber;
    final CellStyle tableBold;
    final CellStyle tableBoldNumber;
    /** The title of a 考评表 above its lines. */
    final CellStyle tableTitle;
    /** The 落款: right-aligned, as an office signs. */
    final CellStyle signature;

    Styles(XSSFWorkbook workbook) {
        // Font 0 is the workbook's default: cells without a style of their own, and column widths, are measured in it.
        XSSFFont base = workbook.getFontAt(0);
        chinese(base, POINTS, false);
        XSSFFont regular = chinese(workbook.createFont(), POINTS, false);
        XSSFFont bold = chinese(workbook.createFont(), POINTS, true);
        XSSFFont big = chinese(workbook.createFont(), (short) 16, true);
        XSSFFont medium = chinese(workbook.createFont(), (short) 13, true);

        issuer = workbook.createCellStyle();
        issuer.setFont(medium);
        issuer.setAlignment(HorizontalAlignment.CENTER);

        title = workbook.createCellStyle();
        title.setFont(big);
        title.setAlignment(HorizontalAlignment.CENTER);
        title.setVerticalAlignment(VerticalAlignment.CENTER);
        title.setWrapText(true);

        subtitle = workbook.createCellStyle();
        subtitle.setFont(regular);
        subtitle.setAlignment(HorizontalAlignment.CENTER);
        subtitle.setWrapText(true);

        plain = workbook.createCellStyle();
        plain.setFont(regular);
        bordered(plain);
        plain.setVerticalAlignment(VerticalAlignment.CENTER);
        plain.setWrapText(true);

        number = workbook.createCellStyle();
        number.cloneStyleFrom(plain);
        number.setAlignment(HorizontalAlignment.RIGHT);

        table = workbook.createCellStyle();
        table.setFont(regular);
        bordered(table);
        table.setWrapText(true);
        table.setVerticalAlignment(VerticalAlignment.TOP);
        // a character's indent on the left: text does not touch the border (POI has no cell padding)
        table.setIndention((short) 1);

        tableCentered = workbook.createCellStyle();
        tableCentered.cloneStyleFrom(table);
        tableCentered.setAlignment(HorizontalAlignment.CENTER);
        tableCentered.setIndention((short) 0);

        tableNumber = workbook.createCellStyle();
        tableNumber.cloneStyleFrom(table);
        tableNumber.setAlignment(HorizontalAlignment.RIGHT);
        tableNumber.setIndention((short) 0);

        tableBold = workbook.createCellStyle();
        tableBold.cloneStyleFrom(table);
        tableBold.setFont(bold);

        tableBoldNumber = workbook.createCellStyle();
        tableBoldNumber.cloneStyleFrom(tableBold);
        tableBoldNumber.setAlignment(HorizontalAlignment.RIGHT);
        tableBoldNumber.setIndention((short) 0);

        header = workbook.createCellStyle();
        header.cloneStyleFrom(tableBold);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setVerticalAlignment(VerticalAlignment.CENTER);

        tableTitle = workbook.createCellStyle();
        tableTitle.setFont(medium);
        tableTitle.setAlignment(HorizontalAlignment.CENTER);
        tableTitle.setVerticalAlignment(VerticalAlignment.CENTER);

        signature = workbook.createCellStyle();
        signature.setFont(regular);
        signature.setAlignment(HorizontalAlignment.RIGHT);
    }

    private static XSSFFont chinese(XSSFFont font, short points, boolean bold) {
        font.setFontName(FONT);
        font.setCharSet(FontCharset.GB2312.getValue());
        font.setFamily(FontFamily.ROMAN);
        font.setFontHeightInPoints(points);
        font.setBold(bold);
        return font;
    }

    private static void bordered(CellStyle style) {
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
    }

    /**
     * A4 landscape, one page wide (as many pages tall as it takes), {@code headerRow} repeated at the
     * top of every page, centred, with the sheet's name for a person at the head and the page
     * number at the foot.
     */
    static void printSetup(Sheet sheet, int headerRow, String pageHeader) {
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(true);
        sheet.setFitToPage(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setAutobreaks(true);
        sheet.setHorizontallyCenter(true);
        sheet.setMargin(Sheet.TopMargin, 0.7);
        sheet.setMargin(Sheet.BottomMargin, 0.7);
        sheet.setMargin(Sheet.LeftMargin, 0.5);
        sheet.setMargin(Sheet.RightMargin, 0.5);
        sheet.setMargin(Sheet.HeaderMargin, 0.3);
        sheet.setMargin(Sheet.FooterMargin, 0.3);
        if (headerRow >= 0) {
            sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
        }
        // & starts a code in Excel's header language; a literal one is written &&
        // a font size code takes the digits after it: the space ends it before a text that starts with a year
        sheet.getHeader().setCenter("&\"" + FONT + "\"&9 " + pageHeader.replace("&", "&&"));
        sheet.getFooter().setCenter("&\"" + FONT + "\"&9 第 &P 页，共 &N 页");
    }

    /**
     * Writes a String, a number or nothing. POI stores numbers as binary doubles, so BigDecimal is
     * converted here, at the last step; the values have at most 4 decimal places and show exactly.
     */
    static Cell put(Row row, int column, Object value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (value instanceof BigDecimal d) {
            cell.setCellValue(d.doubleValue());
        } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (value != null) {
            cell.setCellValue(value.toString());
        }
        return cell;
    }

    /** Display width in Latin character widths: a CJK character takes two. */
    static int displayWidth(Object value) {
        if (value == null) {
            return 0;
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        int widest = 0;
        for (String line : text.split("\n", -1)) {
            widest = Math.max(widest, width(line));
        }
        return widest;
    }

    static int width(String line) {
        return line.codePoints().map(c -> c < 0x1100 ? 1 : 2).sum();
    }

    /** Column width in POI's unit, 1/256 of a character. */
    static int columnWidth(int characters) {
        return Math.min(255, characters) * 256;
    }

    /**
     * How many lines a wrapped cell takes. Only 90% of the width is counted as usable: a renderer
     * breaks at glyph boundaries and pads the cell, and a row too short clips its last line.
     */
    static int wrappedLines(Object value, int widthChars) {
        if (value == null) {
            return 1;
        }
        int usable = Math.max(1, (int) Math.floor(widthChars * 0.9));
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        int lines = 0;
        for (String line : text.split("\n", -1)) {
            lines += Math.max(1, (width(line) + usable - 1) / usable);
        }
        return lines;
    }

    /** The height of a row whose tallest cell takes {@code lines} lines; Excel refuses rows over 409 points. */
    static float rowHeight(int lines) {
        return Math.min(409f, lines * LINE_POINTS + 4f);
    }
}
