package cn.panzhihua.scoring.facts;

/** An effect that moves an item's score: an item's score is its maximum plus all of these. */
public interface ScoreChange extends Effect {

    /** How a self-score comparison names this change: its clause (or tier) and the points it moved. */
    String label();
}
