package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * An adoption channel of the rulebook's channel table (channels.tsv): the level whose tally it
 * counts toward, the points one adopted piece earns, whether a record is one issue that may be
 * recorded once ({@code perIssue}), the extra points when the State Council adopts it (null:
 * none), and the bonus a leader instruction of at least {@code bonusInstruction} earns (null: none).
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
