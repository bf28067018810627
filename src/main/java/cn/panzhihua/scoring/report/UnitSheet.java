package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.audit.Checkpoint;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.TableLayout;
import cn.panzhihua.scoring.rulebook.TableLayout.Role;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit's sheet: the title block, a veto named at the top, then for each assessment that applies
 * the unit's own 考评表 as the source lays it out (its columns and headings, 序号 merged where the
 * source's rows share one, the source's words for that table) filled with the unit's scores, the
 * reasons for each deduction, its total and what it adds to the annual target score; then the
 * checkpoint, the blocks an office signs and the 落款. No record ids or versions: the workbook's
 * annex sheet keeps them. Printed A4 landscape, one page wide, pages numbered from 1 per unit.
 *
 * <p>The tables differ in their columns (6, 7 or 8), so the sheet has one grid of eight columns and
 * each table's columns take their places on it; a table without 考核内容 or 备注 spreads its
 * 评分标准 or last column over the free place.
 */
final class UnitSheet {

    /** The grid's column widths in characters (a CJK character is two), by role: 序号, 名称, 分值, 考核内容, 评分标准, 自评分, 考评分, 备注. */
    static final int[] WIDTHS = {6, 12, 6, 32, 52, 7, 7, 16};
    private static final List<Role> GRID = List.of(Role.NUMBER, Role.NAME, Role.MAX, Role.CONTENT, Role.CRITERIA, Role.SELF, Role.SCORE, Role.REMARK);

    private final Sheet sheet;
    private final Styles styles;
    private int next;

    private UnitSheet(Sheet sheet, Styles styles) {
        this.sheet = sheet;
        this.styles = styles;
    }

    static void write(Sheet sheet, EvaluationResponse response, Rulebook rulebook, SelfScores selfScores, Styles styles,
                      TitleBlock head, Checkpoint checkpoint) {
        new UnitSheet(sheet, styles).fill(response, rulebook, selfScores, head, checkpoint);
    }

    private void fill(EvaluationResponse response, Rulebook rulebook, SelfScores selfScores, TitleBlock head, Checkpoint checkpoint) {
        for (int c = 0; c < WIDTHS.length; c++) {
            sheet.setColumnWidth(c, Styles.columnWidth(WIDTHS[c]));
        }
        boolean progress = CirculationReport.progress(response);
        String name = response.unit() + "　" + response.year() + (progress ? "年度进度考评表" : "年度考评表");
        spanning(head.issuer(), styles.issuer, 20f);
        spanning(name, styles.title, 26f);
        spanning("依据：" + head.basis() + "　考核年度：" + head.year() + "年　报告日期：" + head.dateText(), styles.subtitle, 0f);
        spanning("单位类别：" + SummaryColumns.categoryLabel(rulebook, response.category()) + "　合计折算（计入目标考核总分）："
                + ReportPdf.text(response.totalContribution()) + " 分", styles.subtitle, 0f);
        if (progress) {
            spanning("进度考评：政务信息采用情况统计至 " + response.information().adoption().asOf() + "，不是年度考评结果，不计入年度通报。",
                    styles.tableBold, 0f);
        }
        List<AssessmentSheet> tables = AssessmentSheet.of(response, rulebook, selfScores);
        for (AssessmentSheet table : tables) {
            for (String veto : table.vetoReasons()) {
                spanning("一票否决（" + SummaryColumns.assessmentLabel(table.assessment()) + "）：" + veto, styles.tableBold, 0f);
            }
        }
        boolean first = true;
        for (AssessmentSheet table : tables) {
            if (!first) {
                // every 考评表 starts a page of its own
                sheet.setRowBreak(next - 1);
            }
            first = false;
            table(table);
        }
        if (checkpoint != null) {
            spanning(CheckpointText.line(checkpoint), styles.subtitle, 0f);
        }
        signOff(head);
        Styles.printSetup(sheet, -1, name);
        // the unit's table is a document of its own: its pages are numbered from 1 when the workbook is printed whole
        sheet.getPrintSetup().setUsePage(true);
        sheet.getPrintSetup().setPageStart((short) 1);
    }

    private void table(AssessmentSheet table) {
        spanning(table.title(), styles.tableTitle, 24f);
        List<TableLayout.Column> columns = table.columns();
        List<int[]> places = places(columns);
        Object[] headings = columns.stream().map(TableLayout.Column::heading).toArray();
        CellStyle[] headerStyles = new CellStyle[columns.size()];
        java.util.Arrays.fill(headerStyles, styles.header);
        line(places, headerStyles, headings);
        boolean remark = columns.stream().anyMatch(c -> c.role() == Role.REMARK);
        List<int[]> mergedStart = new ArrayList<>();
        for (AssessmentSheet.Line item : table.lines()) {
            Object[] values = new Object[columns.size()];
            CellStyle[] cellStyles = new CellStyle[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                Role role = columns.get(i).role();
                values[i] = (role == Role.NUMBER || role == Role.NAME) && item.span() == 0 ? null : item.cell(role);
                cellStyles[i] = switch (role) {
                    case NUMBER -> styles.tableCentered;
                    case MAX, SELF -> styles.tableNumber;
                    case SCORE -> styles.tableBoldNumber;
                    default -> styles.table;
                };
            }
            int at = next;
            line(places, cellStyles, values);
            if (item.span() > 1) {
                mergedStart.add(new int[]{at, at + item.span() - 1});
            }
        }
        // the rows of one 序号 share its 序号 and name cells, as the source merges them
        for (int[] rows : mergedStart) {
            for (int i = 0; i < columns.size(); i++) {
                Role role = columns.get(i).role();
                if (role == Role.NUMBER || role == Role.NAME) {
                    int[] place = places.get(i);
                    sheet.addMergedRegion(new CellRangeAddress(rows[0], rows[1], place[0], place[1]));
                }
            }
        }
        Object[] sum = new Object[columns.size()];
        Object[] converted = new Object[columns.size()];
        CellStyle[] bold = new CellStyle[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Role role = columns.get(i).role();
            sum[i] = switch (role) {
                case NUMBER -> "合计";
                case MAX -> table.max();
                case SELF -> table.selfTotal();
                case SCORE -> table.score();
                default -> null;
            };
            converted[i] = switch (role) {
                case NUMBER -> "折算";
                case NAME -> "计入目标考核总分";
                case CRITERIA -> table.vetoed() ? "一票否决" : null;
                case SCORE -> table.contribution();
                default -> null;
            };
            bold[i] = role == Role.MAX || role == Role.SELF || role == Role.SCORE ? styles.tableBoldNumber : styles.tableBold;
        }
        line(places, bold, sum);
        line(places, bold, converted);
        if (!remark) {
            List<String> reasons = new ArrayList<>();
            for (AssessmentSheet.Line l : table.lines()) {
                l.reasons().forEach(r -> reasons.add(l.number() + " " + l.name() + "（" + l.code() + "）：" + r));
            }
            if (!reasons.isEmpty()) {
                spanning("扣分说明", styles.tableBold, 0f);
                for (String r : reasons) {
                    spanning(r, styles.table, 0f);
                }
            }
        }
    }

    /** Where each column sits on the grid: first and last grid column (a column may spread over a free place). */
    private static List<int[]> places(List<TableLayout.Column> columns) {
        List<Role> roles = columns.stream().map(TableLayout.Column::role).toList();
        int[] from = new int[roles.size()];
        for (int i = 0; i < roles.size(); i++) {
            from[i] = GRID.indexOf(roles.get(i));
            // 评分标准 takes the place of a 考核内容 the table does not have
            if (roles.get(i) == Role.CRITERIA && !roles.contains(Role.CONTENT)) {
                from[i] = GRID.indexOf(Role.CONTENT);
            }
        }
        List<int[]> places = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            int to = i + 1 < roles.size() ? from[i + 1] - 1 : GRID.size() - 1;
            places.add(new int[]{from[i], Math.max(from[i], to)});
        }
        return places;
    }

    /** The blocks an office signs, the seal area and the 落款, from the rulebook. */
    private void signOff(TitleBlock head) {
        next++;
        if (!head.signoff().isEmpty()) {
            StringBuilder blocks = new StringBuilder();
            for (String who : head.signoff()) {
                blocks.append(who).append("：").append("　".repeat(8));
            }
            if (!head.seal().isBlank()) {
                blocks.append(head.seal());
            }
            spanning(blocks.toString().strip(), styles.subtitle, 30f);
        }
        if (!head.issuer().isBlank()) {
            spanning(head.issuer(), styles.signature, 0f);
        }
        spanning(head.dateText(), styles.signature, 0f);
    }

    private void line(List<int[]> places, CellStyle[] cellStyles, Object[] values) {
        Row row = sheet.createRow(next++);
        int lines = 1;
        for (int c = 0; c < values.length; c++) {
            int[] place = places.get(c);
            Styles.put(row, place[0], values[c], cellStyles[c]);
            int width = 0;
            for (int g = place[0]; g <= place[1]; g++) {
                width += WIDTHS[g];
                if (g > place[0]) {
                    row.createCell(g).setCellStyle(cellStyles[c]);
                }
            }
            if (place[1] > place[0]) {
                sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), place[0], place[1]));
            }
            lines = Math.max(lines, Styles.wrappedLines(values[c], width));
        }
        // Excel does not grow a row for wrapped text in a file it opens, so the height is set here.
        row.setHeightInPoints(Styles.rowHeight(lines));
    }

    /** A row merged across the grid; {@code height} 0 sizes it for its text. */
    private void spanning(String text, CellStyle style, float height) {
        int at = next++;
        Row row = sheet.createRow(at);
        Styles.put(row, 0, text, style);
        for (int c = 1; c < WIDTHS.length; c++) {
            row.createCell(c).setCellStyle(style);
        }
        int total = 0;
        for (int w : WIDTHS) {
            total += w;
        }
        row.setHeightInPoints(height > 0 ? height : Styles.rowHeight(Styles.wrappedLines(text, total)));
        sheet.addMergedRegion(new CellRangeAddress(at, at, 0, WIDTHS.length - 1));
    }
}
