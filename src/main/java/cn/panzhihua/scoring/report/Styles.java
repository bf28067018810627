package cn.panzhihua.scoring.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

import java.math.BigDecimal;

/**
 * The workbook's cell styles, made once: Excel caps a workbook at about 64,000 styles, so a style
 * per cell would break large reports. Also the one place values become cells.
 */
final class Styles {

    final CellStyle title;
    final CellStyle header;
    final CellStyle plain;
    /** Bordered, top-aligned, wrapped: a cell of a 考评表. */
    final CellStyle table;
    final CellStyle tableBold;

    Styles(Workbook workbook) {
        Font bold = workbook.createFont();
        bold.setBold(true);
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);

        title = workbook.createCellStyle();
        title.setFont(big);
        title.setAlignment(HorizontalAlignment.CENTER);

        plain = workbook.createCellStyle();

        table = workbook.createCellStyle();
        bordered(table);
        table.setWrapText(true);
        table.setVerticalAlignment(VerticalAlignment.TOP);

        tableBold = workbook.createCellStyle();
        tableBold.cloneStyleFrom(table);
        tableBold.setFont(bold);

        header = workbook.createCellStyle();
        header.cloneStyleFrom(tableBold);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
    }

    private static void bordered(CellStyle style) {
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
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
            int width = line.codePoints().map(c -> c < 0x1100 ? 1 : 2).sum();
            widest = Math.max(widest, width);
        }
        return widest;
    }

    /** Column width in POI's unit, 1/256 of a character. */
    static int columnWidth(int characters) {
        return Math.min(255, characters) * 256;
    }
}
