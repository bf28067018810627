package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * An adoption channel of the rulebook's channel table (channels.tsv): the level whose tally it
 * counts toward, the points one adopted piece earns, whether a record is one issue that may be
 * recorded once ({@code perIssue}), the extra points when the State Council adopts it (null:
 * none), and the bonus a leader instruction of at least {@code bonusInstruction} earns (null: none).
 *
 * @param code what callers name it, e.g. CITY_BULLETIN
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param level MUNICIPAL or PROVINCIAL: the adoption tally it counts toward
 * @param points adoption points one adopted piece (or issue) earns
 * @param perIssue each record is one issue of a periodical; an issue may be recorded once
 * @param stateCouncilExtra points more when the State Council adopts it; null: none
 * @param bonus points more with a leader instruction of at least bonusInstruction; null: none
 * @param bonusInstruction the least leader instruction that earns the bonus
 * @param name what the catalogue calls it
 * @param source where the document says what it earns
 * @param text the document's words, quoted in the trail
 * @param note an interpretation, shown in the trail; may be null
 */
public record Channel(String code, Assessment assessment, String item, Level level, BigDecimal points, boolean perIssue,
                      BigDecimal stateCouncilExtra, BigDecimal bonus, LeaderInstruction bonusInstruction,
                      String name, String source, String text, String note) {

    /** How the trail quotes a tally this channel earned. */
    public Quote quote() {
        return new Quote(source, text, note);
    }

    public boolean earnsBonus(LeaderInstruction instruction) {
        return bonus != null && bonusInstruction != null && instruction.compareTo(bonusInstruction) >= 0;
    }
}
